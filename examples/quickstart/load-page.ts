// dlt quick start, step 1: fetch one page of issues and load the JSON as it is.
//   npx tsx examples/quickstart/load-page.ts
import { get, pipeline } from 'restload';

const api = process.env.GITHUB_API_URL ?? 'https://api.github.com';

const response = await get(`${api}/repos/dlt-hub/dlt/issues`);
response.raiseForStatus();

const p = pipeline({ pipelineName: 'github_issues', destination: 'duckdb', datasetName: 'github_data' });
const loadInfo = await p.run(response.json<unknown[]>(), { tableName: 'issues' });
console.log(String(loadInfo));
