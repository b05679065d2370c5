import { DuckDBInstance } from '@duckdb/node-api';
import { writeFileSync } from 'node:fs';
writeFileSync('/tmp/x.json', JSON.stringify([{a:1,s:{x:1}},{a:2,b:3,s:{x:2,y:5}}]));
const inst = await DuckDBInstance.create(':memory:');
const c = await inst.connect();
const r = await c.runAndReadAll(`SELECT * FROM read_json('/tmp/x.json', format='array', columns={'a':'BIGINT','s':'STRUCT(x BIGINT)'})`);
console.log(r.getRowObjectsJson());
