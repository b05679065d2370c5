import { DuckDBInstance } from '@duckdb/node-api';
import { rmSync } from 'node:fs';
async function run(name, fn) {
  rmSync('/tmp/lv.duckdb', { force: true });
  const inst = await DuckDBInstance.create('/tmp/lv.duckdb');
  const c = await inst.connect();
  const t = performance.now();
  await fn(c);
  const ms = performance.now() - t;
  c.closeSync(); inst.closeSync();
  return ms;
}
const colsOf = async (c) => (await (await c.runAndReadAll(`DESCRIBE SELECT * FROM read_json('/tmp/sample.jsonl', format='newline_delimited')`)).getRowObjects()).map((r) => `'${r.column_name}': '${r.column_type.replace(/'/g, "''")}'`).join(', ');
const V = {
  nd_explicit: async (c) => { const cols = await colsOf(c); await c.run(`CREATE TABLE t AS SELECT * FROM read_json('/tmp/fb2/issues.jsonl', format='newline_delimited', columns={${cols}})`); },
  array_explicit: async (c) => { const cols = await colsOf(c); await c.run(`CREATE TABLE t AS SELECT * FROM read_json('/tmp/fb/issues.json', format='array', columns={${cols}})`); },
  nd_auto: async (c) => { await c.run(`CREATE TABLE t AS SELECT * FROM read_json('/tmp/fb2/issues.jsonl', format='newline_delimited')`); },
  array_auto: async (c) => { await c.run(`CREATE TABLE t AS SELECT * FROM read_json('/tmp/fb/issues.json', format='array')`); },
};
const res = {};
for (let i = 0; i < 3; i++) for (const [k, f] of Object.entries(V)) (res[k] ??= []).push(Math.round(await run(k, f)));
for (const [k, v] of Object.entries(res)) console.log(k, 'min', Math.min(...v), v.join(' '));
