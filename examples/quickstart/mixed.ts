// A declarative rest_api source and a hand-written resource in one run.
//   npx tsx examples/quickstart/mixed.ts
import { pipeline, resource, restApiSource, type RestApiConfig } from 'restload';

const api = process.env.GITHUB_API_URL ?? 'https://api.github.com';

const config: RestApiConfig = {
  client: { base_url: `${api}/repos/dlt-hub/dlt/` },
  resource_defaults: { primary_key: 'id', write_disposition: 'merge', endpoint: { params: { per_page: 100 } } },
  resources: [
    { name: 'issues', endpoint: { path: 'issues', params: { state: 'open' } } },
  ],
};

// Hand-written: a small lookup table that no endpoint serves.
const priorities = resource(() => [
  { label: 'bug', priority: 1 },
  { label: 'enhancement', priority: 2 },
], { name: 'label_priorities', writeDisposition: 'replace' });

const p = pipeline({ pipelineName: 'github_mixed', destination: 'duckdb', datasetName: 'github_mixed_data' });
const loadInfo = await p.run([restApiSource(config, { name: 'github' }), priorities]);
console.log(String(loadInfo));
