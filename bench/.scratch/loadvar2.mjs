import { DuckDBInstance } from '@duckdb/node-api';
import { rmSync, writeFileSync, readFileSync } from 'node:fs';
// first 1000 rows as a sample file
const lines = readFileSync('/tmp/fb2/issues.jsonl', 'utf8').split('\n', 1000).join('\n') + '\n';
writeFileSync('/tmp/sample.jsonl', lines);
async function run(name, fn) {
  rmSync('/tmp/lv.duckdb', { force: true });
  const inst = await DuckDBInstance.create('/tmp/lv.duckdb');
  const c = await inst.connect();
  const t = performance.now();
  await fn(c);
  console.log(name, Math.round(performance.now() - t), 'ms');
  c.closeSync(); inst.closeSync();
}
const colsOf = async (c) => (await (await c.runAndReadAll(`DESCRIBE SELECT * FROM read_json('/tmp/sample.jsonl', format='newline_delimited')`)).getRowObjects()).map((r) => `'${r.column_name}': '${r.column_type.replace(/'/g, "''")}'`).join(', ');
for (let i = 0; i < 2; i++) {
  await run('nd_explicit', async (c) => { const cols = await colsOf(c); await c.run(`CREATE TABLE t AS SELECT * FROM read_json('/tmp/fb2/issues.jsonl', format='newline_delimited', columns={${cols}})`); });
  await run('array_explicit', async (c) => { const cols = await colsOf(c); await c.run(`CREATE TABLE t AS SELECT * FROM read_json('/tmp/fb/issues.json', format='array', columns={${cols}})`); });
  await run('nd_auto', async (c) => { await c.run(`CREATE TABLE t AS SELECT * FROM read_json('/tmp/fb2/issues.jsonl', format='newline_delimited')`); });
  await run('array_auto', async (c) => { await c.run(`CREATE TABLE t AS SELECT * FROM read_json('/tmp/fb/issues.json', format='array')`); });
}
