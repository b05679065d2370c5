// dlt quick start, step 2: the same page, but each run replaces the table.
//   npx tsx examples/quickstart/replace.ts
import { get, pipeline } from 'restload';

const api = process.env.GITHUB_API_URL ?? 'https://api.github.com';

const response = await get(`${api}/repos/dlt-hub/dlt/issues`);
response.raiseForStatus();

const p = pipeline({ pipelineName: 'github_issues', destination: 'duckdb', datasetName: 'github_data' });
const loadInfo = await p.run(response.json<unknown[]>(), { tableName: 'issues', writeDisposition: 'replace' });
console.log(String(loadInfo));
