// dlt quick start, step 3: a resource that loads only issues created since the
// last run, and stops paging as soon as it reaches issues it has seen.
//   npx tsx examples/quickstart/incremental.ts
import { get, incremental, pipeline, resource, type HttpResponse } from 'restload';

const api = process.env.GITHUB_API_URL ?? 'https://api.github.com';

const getIssues = resource(
  async function* (createdAt = incremental('created_at', { initialValue: '1970-01-01T00:00:00Z' })) {
    // Newest first: once a page reaches issues created before the last run, stop.
    let url: string | undefined = `${api}/repos/dlt-hub/dlt/issues?per_page=100&sort=created&direction=desc&state=open`;
    while (url) {
      const response: HttpResponse = await get(url);
      response.raiseForStatus();
      yield response.json<unknown[]>();
      if (createdAt.startOutOfRange) break;
      url = response.links.next;
    }
  },
  { name: 'issues', tableName: 'issues', writeDisposition: 'append' },
);

const p = pipeline({ pipelineName: 'github_issues_incremental', destination: 'duckdb', datasetName: 'github_data_append' });
const loadInfo = await p.run(getIssues);
console.log(String(loadInfo));
