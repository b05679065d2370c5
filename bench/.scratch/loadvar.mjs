import { DuckDBInstance } from '@duckdb/node-api';
import { rmSync } from 'node:fs';
const variants = {
  array_auto: `CREATE TABLE t AS SELECT * FROM read_json('/tmp/fb/issues.json', format='array')`,
  nd_auto: `CREATE TABLE t AS SELECT * FROM read_json('/tmp/fb2/issues.jsonl', format='newline_delimited')`,
  nd_auto_small_sample: `CREATE TABLE t AS SELECT * FROM read_json('/tmp/fb2/issues.jsonl', format='newline_delimited', sample_size=2000)`,
  array_auto_small_sample: `CREATE TABLE t AS SELECT * FROM read_json('/tmp/fb/issues.json', format='array', sample_size=2000)`,
  nd_objects: `CREATE TABLE t AS SELECT * FROM read_json_objects('/tmp/fb2/issues.jsonl', format='newline_delimited')`,
};
for (const [k, sql] of Object.entries(variants)) {
  if (process.argv[2] && !process.argv.slice(2).includes(k)) continue;
  rmSync('/tmp/lv.duckdb', { force: true });
  const inst = await DuckDBInstance.create('/tmp/lv.duckdb');
  const c = await inst.connect();
  const t = performance.now();
  await c.run(sql);
  const ms = performance.now() - t;
  const cols = (await (await c.runAndReadAll('SELECT count(*) FROM (DESCRIBE t)')).getRows())[0][0];
  console.log(k, Math.round(ms), 'ms', 'cols', cols);
  c.closeSync(); inst.closeSync();
}
