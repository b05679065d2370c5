import { readFileSync } from 'node:fs';
const prof = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const pats = process.argv.slice(3);
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const dt = new Map();
for (let i = 0; i < prof.samples.length; i++) dt.set(prof.samples[i], (dt.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i + 1] ?? 0));
let total = 0; const res = Object.fromEntries(pats.map((p) => [p, 0]));
for (const [id, us] of dt) {
  total += us;
  const urls = [];
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) urls.push(byId.get(cur).callFrame.url + ' ' + byId.get(cur).callFrame.functionName);
  for (const p of pats) if (urls.some((u) => u.includes(p))) res[p] += us;
}
console.log('total', Math.round(total / 1000), 'ms');
for (const [p, us] of Object.entries(res)) console.log(p.padEnd(40), Math.round(us / 1000), 'ms', ((100 * us) / total).toFixed(1) + '%');
