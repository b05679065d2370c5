/**
 * A dataset named like its DuckDB file: `store.duckdb` holds the catalog
 * `store`, and the dataset (a DuckDB schema) is `store` too, which is what
 * dlt's layout gives when the pipeline and the dataset share a name. DuckDB
 * reads `store.issues` as catalog.schema or schema.table and refuses
 * ("ambiguous reference"), so restload names every table with the catalog.
 * Every command is exercised: run (append, replace, merge; a second,
 * incremental run), info, schema, trace, show's API, the library's sql() and
 * dataset(), drop, and a run after the drop.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse } from 'yaml';
import { makeIssue, startMockApi, type MockApi } from '../helpers/mock-api.js';
import { query, runCli, workspace } from '../helpers/cli.js';
import { githubLikeConfig } from '../helpers/configs.js';
import { pipeline } from '../../src/pipeline/pipeline.js';
import { findPipeline } from '../../src/pipeline/inspect.js';
import { startShowServer } from '../../src/show/server.js';
import type { Overview, TableResponse, NestedResponse, StateResponse } from '../../src/show/api.js';
import type { RowsPage } from '../../src/show/rows.js';
import type { LoadsView } from '../../src/show/loads.js';
import type { SqlResult } from '../../src/show/sql.js';

/** /users (replace) and /events (append) next to the mock's issues (merge) and comments. */
function extraRoutes(api: MockApi): void {
  api.routes.push((_req: IncomingMessage, res: ServerResponse, url: URL) => {
    const body = url.pathname === '/users' ? [{ id: 1, login: 'a' }, { id: 2, login: 'b' }]
      : url.pathname === '/events' ? [{ id: 7, kind: 'push' }] : undefined;
    if (!body) return false;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
    return true;
  });
}

const config = (url: string) => githubLikeConfig(url, {
  name: 'store', dataset: 'store',
  extraResources: `  - name: users
    write_disposition: replace
    endpoint: users
  - name: events
    primary_key: []
    write_disposition: append
    endpoint: events
`,
});

test('a dataset named like its DuckDB file (store.duckdb, dataset store): run, info, schema, trace, show, sql(), dataset(), drop', async () => {
  const api = await startMockApi({ issues: 12 });
  extraRoutes(api);
  const ws = workspace();
  ws.write('store.yaml', config(api.url));
  const file = join(ws.dir, 'store.duckdb');
  const cli = (...args: string[]) => runCli(args, { cwd: ws.dir });
  const labels = () => api.issues.reduce((a, i) => a + i.labels.length, 0);
  try {
    const r1 = await cli('run', 'store.yaml', '--json');
    assert.equal(r1.code, 0, r1.stderr);
    assert.equal(JSON.parse(r1.stdout).row_counts.issues, 12);
    // A second run: state and schema come back from the destination, merge and replace run again.
    api.issues.push(makeIssue(13, '2024-03-01T00:00:00Z'));
    api.comments.set(13, [{ id: 1300, body: 'new', user: { login: 'z' } }]);
    const r2 = await cli('run', 'store.yaml', '--json');
    assert.equal(r2.code, 0, r2.stderr);
    assert.equal(JSON.parse(r2.stdout).row_counts.issues, 1);
    const [counts] = await query<Record<string, bigint>>(file, `select
      (select count(*) from store.store.issues) issues, (select count(distinct id) from store.store.issues) ids,
      (select count(*) from store.store.users) users, (select count(*) from store.store.events) events,
      (select count(*) from store.store._dlt_loads) loads`);
    assert.deepEqual(counts, { issues: 13n, ids: 13n, users: 2n, events: 2n, loads: 2n });

    const info = await cli('pipeline', 'store', 'info', '--json');
    assert.equal(info.code, 0, info.stderr);
    const summary = JSON.parse(info.stdout);
    const rows = Object.fromEntries(summary.tables.map((t: { name: string; rows: number }) => [t.name, t.rows]));
    assert.equal(rows.issues, 13);
    assert.equal(rows.issues__labels, labels());
    assert.equal(rows.users, 2);
    assert.equal(summary.loads.length, 2);
    assert.equal(summary.incremental[0].last_value, '2024-03-01T00:00:00Z');
    const text = await cli('pipeline', 'store', 'info');
    assert.match(text.stdout, /issues\s+13 rows/);

    const schema = await cli('pipeline', 'store', 'schema');
    assert.equal(schema.code, 0, schema.stderr);
    assert.equal(parse(schema.stdout).tables.issues.columns.id.primary_key, true);
    const trace = await cli('pipeline', 'store', 'trace', '--json');
    assert.equal(trace.code, 0, trace.stderr);
    assert.equal(JSON.parse(trace.stdout).status, 'completed');

    // The show page's API.
    const server = await startShowServer({ pipeline: findPipeline('store', ws.pipelinesDir) });
    try {
      const get = async <T>(path: string): Promise<T> => {
        const res = await fetch(new URL(path, server.url));
        const body = await res.json();
        assert.equal(res.status, 200, `${path}: ${JSON.stringify(body)}`);
        return body as T;
      };
      const overview = await get<Overview>('api/overview');
      assert.equal(overview.tables.find((t) => t.name === 'issues')?.rows, 13);
      const table = await get<TableResponse>('api/table?name=issues');
      assert.deepEqual(table.children, [{ name: 'issues__labels', rows: labels() }]);
      const page = await get<RowsPage>('api/rows?table=issues&limit=5&sort=id');
      assert.equal(page.rows.length, 5);
      const withLabels = api.issues.find((i) => i.labels.length === 2)!;
      const [{ _dlt_id: rowId }] = await query<{ _dlt_id: string }>(file, `select _dlt_id from store.store.issues where id = ${withLabels.id}`);
      const nested = await get<NestedResponse>(`api/nested?table=issues&id=${rowId}`);
      assert.deepEqual(nested.nested, [{ table: 'issues__labels', rows: 2 }]);
      const loads = await get<LoadsView>('api/loads');
      assert.equal(loads.loads.length, 2);
      const state = await get<StateResponse>('api/state');
      assert.equal(state.from, 'destination');
      for (const sql of ['select count(*) as n from issues', 'select count(*) as n from store.store.issues']) {
        const res = await fetch(new URL('api/sql', server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sql }) });
        const body = (await res.json()) as SqlResult;
        assert.equal(res.status, 200, `${sql}: ${JSON.stringify(body)}`);
        assert.equal(String(body.rows[0]![0]), '13', sql);
      }
    } finally {
      await server.close();
    }

    // The library: sql() resolves bare names in the dataset, dataset() counts every table.
    const p = pipeline({ pipelineName: 'store', datasetName: 'store', destinationPath: file, pipelinesDir: ws.pipelinesDir });
    const [{ n }] = await p.sql<{ n: bigint }>('select count(*) as n from issues');
    assert.equal(n, 13n);
    const tables = await p.dataset();
    assert.equal(tables.issues, 13);
    assert.equal(tables.users, 2);
    assert.equal(tables._dlt_loads, 2);

    // drop, then a run that re-creates the tables.
    const plan = await cli('pipeline', 'store', 'drop', 'issues');
    assert.equal(plan.code, 2);
    assert.match(plan.stdout, /with data\s+issues \(13 rows\)/);
    const drop = await cli('pipeline', 'store', 'drop', 'issues', '--yes');
    assert.equal(drop.code, 0, drop.stderr);
    const left = (await query<{ table_name: string }>(file, "select table_name from information_schema.tables where table_catalog = 'store' and table_schema = 'store' order by 1")).map((t) => t.table_name);
    assert.deepEqual(left, ['_dlt_loads', '_dlt_pipeline_state', '_dlt_version', 'events', 'issue_comments', 'users']);
    const r3 = await cli('run', 'store.yaml', '--json');
    assert.equal(r3.code, 0, r3.stderr);
    assert.equal(JSON.parse(r3.stdout).row_counts.issues, 13);
    assert.equal((await p.dataset()).issues, 13);
  } finally {
    await api.close();
  }
});
