// dlt quick start, step 4: load issues updated since the last run and merge
// them on their id, so an edited issue replaces its old row.
//   npx tsx examples/quickstart/merge.ts
import { get, incremental, pipeline, resource, type HttpResponse } from 'restload';

const api = process.env.GITHUB_API_URL ?? 'https://api.github.com';

const getIssues = resource(
  async function* (updatedAt = incremental('updated_at', { initialValue: '1970-01-01T00:00:00Z' })) {
    let url: string | undefined =
      `${api}/repos/dlt-hub/dlt/issues?since=${updatedAt.lastValue}&per_page=100&sort=updated&direction=desc&state=open`;
    while (url) {
      const response: HttpResponse = await get(url);
      response.raiseForStatus();
      yield response.json<unknown[]>();
      url = response.links.next;
    }
  },
  { name: 'issues', tableName: 'issues', writeDisposition: 'merge', primaryKey: 'id' },
);

const p = pipeline({ pipelineName: 'github_issues_merge', destination: 'duckdb', datasetName: 'github_data_merge' });
const loadInfo = await p.run(getIssues);
console.log(String(loadInfo));
console.log(String(p.lastTrace?.lastNormalizeInfo));
