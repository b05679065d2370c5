import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openDatabase } from '../../src/load/duckdb.js';
import { findPipeline } from '../../src/pipeline/inspect.js';
import { WorkingDir } from '../../src/pipeline/working-dir.js';
import { startShowServer, type ShowServer } from '../../src/show/server.js';
import { singleReadStatement, splitStatements } from '../../src/show/sql-guard.js';
import { rowsSql } from '../../src/show/rows.js';
import { isRound } from '../../src/show/warnings.js';
import type { CatalogTable } from '../../src/show/catalog.js';
import { HttpError, type ErrorBody } from '../../src/show/http-error.js';
import type { NestedResponse, Overview, StateResponse, TableResponse } from '../../src/show/api.js';
import type { LoadsView } from '../../src/show/loads.js';
import type { RowsPage } from '../../src/show/rows.js';
import type { SqlResult } from '../../src/show/sql.js';
import { newTrace, type RunTrace } from '../../src/pipeline/trace.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { startCli } from '../helpers/cli-server.js';
import { loadShowDataset, type ShowDataset } from '../helpers/show-dataset.js';

const ARTIFACTS = join(ROOT, 'test-artifacts');

/** A response: `body` as the endpoint's type when it succeeded, `error` when it did not. */
interface Reply<T> { status: number; body: T; error: ErrorBody }

async function getJson<T>(server: ShowServer, path: string): Promise<Reply<T>> {
  const r = await fetch(new URL(path, server.url));
  const json = (await r.json()) as T & ErrorBody;
  return { status: r.status, body: json, error: json };
}

async function postSql(server: ShowServer, sql: string): Promise<Reply<SqlResult>> {
  const r = await fetch(new URL('api/sql', server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sql }) });
  const json = (await r.json()) as SqlResult & ErrorBody;
  return { status: r.status, body: json, error: json };
}

/** A raw request, for headers fetch will not let a test forge (Host, Origin). */
function rawRequest(server: ShowServer, opts: { method?: string; path: string; headers: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('show: pure parts', () => {
  test('the SQL guard accepts one read statement and names what it refuses', () => {
    assert.equal(singleReadStatement('  select 1;  -- done\n;'), 'select 1');
    assert.equal(singleReadStatement("select ';' as x, \"a;b\" from t -- ; not a split"), "select ';' as x, \"a;b\" from t -- ; not a split");
    assert.equal(singleReadStatement('/* why */ WITH a AS (SELECT 1) SELECT * FROM a'), '/* why */ WITH a AS (SELECT 1) SELECT * FROM a');
    assert.equal(singleReadStatement('describe issues'), 'describe issues');
    assert.equal(singleReadStatement('select $$a;b$$'), 'select $$a;b$$');
    const refused = (sql: string, re: RegExp) => assert.throws(() => singleReadStatement(sql), (e: unknown) => e instanceof HttpError && e.status === 400 && re.test(e.message), sql);
    refused('select 1; drop table issues', /one statement at a time/);
    refused('DROP TABLE issues', /only read-only queries run here, not DROP/);
    refused('pragma version', /not PRAGMA/);
    refused("copy issues to '/tmp/x.csv'", /not COPY/);
    refused("attach '/tmp/other.duckdb'", /not ATTACH/);
    refused('  -- nothing\n', /empty/);
    assert.equal(splitStatements("select 'a;b'; select 2").filter((p) => p.significant).length, 2);
  });

  test('round counts are page sizes', () => {
    for (const n of [20, 25, 30, 50, 100, 200, 250, 500, 1000, 10000]) assert.ok(isRound(n), String(n));
    for (const n of [0, 1, 10, 26, 40, 99, 101, 150, 1001, 3001]) assert.ok(!isRound(n), String(n));
  });

  test('rows SQL quotes names and values and refuses unknown columns', () => {
    const table: CatalogTable = {
      name: 'we"ird', rows: 0, system: false,
      columns: [{ name: 'a"b', type: 'VARCHAR', nullable: true, hints: [] }, { name: '_dlt_id', type: 'VARCHAR', nullable: false, hints: [] }, { name: 'ts', type: 'TIMESTAMP WITH TIME ZONE', nullable: true, hints: [] }],
    };
    const sql = rowsSql({ catalog: 'c"at' }, 'da"ta', table, { offset: 10, limit: 5, sort: 'a"b', desc: true, where: { column: '_dlt_id', value: "x' OR 1=1 --" } });
    assert.equal(sql.rows, `SELECT "a""b", "_dlt_id", CAST("ts" AS VARCHAR) AS "ts" FROM "c""at"."da""ta"."we""ird" WHERE "_dlt_id" = 'x'' OR 1=1 --' ORDER BY "a""b" DESC NULLS LAST, "_dlt_id" LIMIT 5 OFFSET 10`);
    assert.equal(sql.count, `SELECT count(*) AS n FROM "c""at"."da""ta"."we""ird" WHERE "_dlt_id" = 'x'' OR 1=1 --'`);
    assert.throws(() => rowsSql({ catalog: 'c' }, 'd', table, { offset: 0, limit: 5, sort: 'nope', desc: false }), /cannot sort by "nope": table we"ird has no such column/);
  });
});

describe('show: JSON API on a loaded pipeline', () => {
  let data: ShowDataset;
  let server: ShowServer;
  before(async () => {
    data = await loadShowDataset();
    server = await startShowServer({ pipeline: findPipeline(data.name, data.pipelinesDir) });
  });
  after(async () => {
    await server?.close();
    await data?.close();
  });

  test('binds 127.0.0.1 on a free port', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.ok(server.port > 0);
  });

  test('overview: table tree with row counts, incremental state, warnings', async () => {
    const { status, body } = await getJson<Overview>(server, 'api/overview');
    assert.equal(status, 200);
    const tables = Object.fromEntries(body.tables.map((t) => [t.name, t]));
    assert.equal(tables.issues!.rows, 26);
    assert.equal(tables.issues__labels!.parent, 'issues');
    assert.equal(tables.issues__labels!.rows, data.api.issues.reduce((a, i) => a + i.labels.length, 0));
    assert.equal(tables.users!.rows, 100);
    assert.equal(tables._dlt_loads!.system, true);
    // Tree order: a nested table right after its parent, system tables last.
    const names = body.tables.map((t) => t.name);
    assert.equal(names.indexOf('issues__labels'), names.indexOf('issues') + 1);
    assert.ok(names.indexOf('_dlt_loads') > names.indexOf('users'));
    assert.equal(body.loads_total, 2);
    assert.deepEqual(body.incremental.map((i) => [i.resource, i.last_value]), [['issues', '2024-03-01T00:00:00Z']]);
    const kinds = body.warnings.map((w) => `${w.kind}:${w.resource ?? w.table}`);
    assert.ok(kinds.includes('one_page:users'), kinds.join());
    assert.ok(kinds.includes('round_count:users'), kinds.join());
    assert.ok(kinds.includes('new_variant:users'), kinds.join());
  });

  test('table: columns with types, nullability and hints', async () => {
    const { body } = await getJson<TableResponse>(server, 'api/table?name=users');
    const cols = Object.fromEntries(body.table.columns.map((c) => [c.name, c]));
    assert.equal(cols.id!.type, 'BIGINT');
    assert.deepEqual(cols.id!.hints, ['primary_key']);
    assert.equal(cols.id!.nullable, false);
    assert.equal(cols.profile__deep!.type, 'JSON');
    assert.deepEqual(cols.score__v_text!.hints, ['variant']);
    assert.equal(cols.score__v_text!.variant_of, 'score');
    assert.deepEqual(body.new_columns, ['score__v_text']);
    const issues = (await getJson<TableResponse>(server, 'api/table?name=issues')).body;
    assert.deepEqual(issues.children, [{ name: 'issues__labels', rows: 27 }]);
    const missing = await getJson<TableResponse>(server, 'api/table?name=isues');
    assert.equal(missing.status, 404);
    assert.match(missing.error.error, /no table "isues"/);
    assert.match(missing.error.hint ?? '', /issues__labels/);
  });

  test('rows: paged, sorted and filtered in DuckDB', async () => {
    const p1 = (await getJson<RowsPage>(server, 'api/rows?table=issues&limit=10&offset=20&sort=id&desc=1')).body;
    assert.equal(p1.total, 26);
    assert.equal(p1.rows.length, 6);
    const id = p1.columns.findIndex((c) => c.name === 'id');
    assert.deepEqual(p1.rows.map((r) => r[id]), [1006, 1005, 1004, 1003, 1002, 1001]);
    const asc = (await getJson<RowsPage>(server, 'api/rows?table=issues&limit=3&sort=id')).body;
    assert.deepEqual(asc.rows.map((r) => r[id]), [1001, 1002, 1003]);
    // Timestamps read as DuckDB prints them.
    const upd = asc.columns.findIndex((c) => c.name === 'updated_at');
    assert.match(String(asc.rows[0]![upd]), /^2024-02-\d\d \d\d:00:00\+00$/);
    // A row's nested rows, by _dlt_parent_id.
    const dltId = asc.columns.findIndex((c) => c.name === '_dlt_id');
    const issue1 = String(asc.rows[0]![dltId]); // issue 1 has one label
    const nested = (await getJson<NestedResponse>(server, `api/nested?table=issues&id=${encodeURIComponent(issue1)}`)).body;
    assert.deepEqual(nested.nested, [{ table: 'issues__labels', rows: 1 }]);
    const labels = (await getJson<RowsPage>(server, `api/rows?table=issues__labels&where=_dlt_parent_id&eq=${encodeURIComponent(issue1)}`)).body;
    assert.equal(labels.total, 1);
    // Mistakes are 400s that say what is wrong.
    const bad = await getJson(server, 'api/rows?table=issues&sort=nope');
    assert.equal(bad.status, 400);
    assert.match(bad.error.error, /cannot sort by "nope"/);
    const big = await getJson(server, 'api/rows?table=issues&limit=100000');
    assert.equal(big.status, 400);
    assert.match(big.error.error, /"limit" must be a whole number from 1 to 500/);
    const typed = await getJson(server, 'api/rows?table=issues&where=id&eq=abc');
    assert.equal(typed.status, 400);
    assert.match(typed.error.error, /cannot filter issues\.id by "abc"/);
  });

  test('loads: history with rows per load per root table', async () => {
    const { body } = await getJson<LoadsView>(server, 'api/loads');
    assert.equal(body.total, 2);
    const [last, first] = body.loads as [LoadsView['loads'][number], LoadsView['loads'][number]];
    assert.ok(last.inserted_at > first.inserted_at);
    assert.equal(last.status, 0);
    assert.deepEqual(first.rows, { issues: 25, issue_comments: 25 });
    assert.deepEqual(last.rows, { issues: 1, issue_comments: 1, users: 100 });
  });

  test('state and trace', async () => {
    const state = (await getJson<StateResponse>(server, 'api/state')).body;
    assert.equal(state.from, 'destination');
    assert.equal(state.incremental[0]!.initial_value, '2024-01-25T11:21:28Z');
    assert.match(state.incremental[0]!.last_value_at ?? '', /^\d{4}-\d\d-\d\dT/);
    const { trace } = (await getJson<{ trace: RunTrace }>(server, 'api/trace')).body;
    assert.equal(trace.status, 'completed');
    assert.deepEqual(trace.steps.map((s) => s.step), ['extract', 'normalize', 'load']);
    assert.equal(trace.resources.users!.items, 100);
  });

  test('SQL: one read statement, capped, in the dataset, no files', async () => {
    const ok = await postSql(server, 'SELECT count(*) AS n FROM issues;');
    assert.equal(ok.status, 200, ok.error.error);
    assert.deepEqual(ok.body.columns, [{ name: 'n', type: 'BIGINT' }]);
    assert.deepEqual(ok.body.rows, [[26]]);
    const capped = await postSql(server, 'select range as i, range::varchar as s from range(1500)');
    assert.equal(capped.body.rows.length, 1000);
    assert.equal(capped.body.truncated, true);
    const dup = await postSql(server, 'select 1 as a, 2 as a, 2 as "1"');
    assert.deepEqual(dup.body.columns.map((c) => c.name), ['a', 'a_1', '1']);
    assert.deepEqual(dup.body.rows, [[1, 2, 2]]);
    const desc = await postSql(server, 'describe users');
    assert.equal(desc.status, 200);
    assert.ok(desc.body.rows.some((r) => r[0] === 'score__v_text'));
    for (const [sql, re] of [
      ['drop table issues', /only read-only queries/],
      ['select 1; delete from issues', /one statement at a time/],
      ["insert into issues (id) values (1)", /only read-only queries/],
      ['with x as (select 1) insert into issues select * from x', /only read-only queries/],
      ["select * from read_csv('/etc/passwd')", /disabled|Permission/i],
      ['select * from nope', /nope/],
    ] as const) {
      const r = await postSql(server, sql);
      assert.equal(r.status, 400, `${sql}: ${JSON.stringify(r.body)}`);
      assert.match(r.error.error, re, sql);
    }
    const after = await postSql(server, 'SELECT count(*) AS n FROM issues');
    assert.deepEqual(after.body.rows, [[26]]);
  });

  test('only this origin: foreign Host and Origin are refused, bodies must be JSON', async () => {
    const rebinding = await rawRequest(server, { path: '/api/overview', headers: { host: `evil.example:${server.port}` } });
    assert.equal(rebinding.status, 403);
    const csrf = await rawRequest(server, { method: 'POST', path: '/api/sql', headers: { host: `127.0.0.1:${server.port}`, origin: 'http://evil.example', 'content-type': 'application/json' }, body: '{"sql":"select 1"}' });
    assert.equal(csrf.status, 403);
    const form = await rawRequest(server, { method: 'POST', path: '/api/sql', headers: { host: `127.0.0.1:${server.port}`, 'content-type': 'text/plain' }, body: '{"sql":"select 1"}' });
    assert.equal(form.status, 415);
    const traversal = await rawRequest(server, { path: '/../package.json', headers: { host: `127.0.0.1:${server.port}` } });
    assert.equal(traversal.status, 404);
    const page = await fetch(server.url);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.match(await page.text(), /<script type="module" src="js\/app\.js">/);
  });

  test('CLI: prints the URL, serves the page, stops on Ctrl-C; a wrong --port is a usage error', async () => {
    const cli = await startCli(['pipeline', data.name, 'show'], { cwd: data.ws.dir, pipelinesDir: data.pipelinesDir });
    try {
      assert.match(cli.firstLine, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      const r = await fetch(new URL('api/overview', cli.firstLine));
      assert.equal(r.status, 200);
      assert.match(cli.stderr(), /Ctrl-C to stop/);
    } finally {
      assert.equal(await cli.stop('SIGINT'), 0);
    }
    const bad = await runCli(['pipeline', data.name, 'show', '--port', 'eighty'], { cwd: data.ws.dir, pipelinesDir: data.pipelinesDir });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--port must be a number from 0 to 65535, not "eighty"/);
    const taken = await runCli(['pipeline', data.name, 'show', '--port', String(server.port)], { cwd: data.ws.dir, pipelinesDir: data.pipelinesDir });
    assert.equal(taken.code, 2);
    assert.match(taken.stderr, new RegExp(`port ${server.port} on 127\\.0\\.0\\.1 is already in use`));
  });

  test('no lock is held between requests: a run can load while the page is open', async () => {
    assert.equal((await getJson<Overview>(server, 'api/overview')).status, 200);
    const r = await runCli(['run', 'gh.yaml'], { cwd: data.ws.dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await getJson<Overview>(server, 'api/overview')).body.loads_total, 3);
  });
});

describe('show: a million rows', () => {
  let server: ShowServer;
  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'restload-show-big-'));
    const file = join(dir, 'big.duckdb');
    const db = await openDatabase(file);
    await db.run('CREATE SCHEMA big_data');
    await db.run(`CREATE TABLE big_data.events AS SELECT range AS id, 'event ' || (range * 7919 % 1000003) AS name, now() - to_seconds(range) AS at, range::varchar AS _dlt_id, '1' AS _dlt_load_id FROM range(1000000)`);
    db.close();
    const wd = new WorkingDir(join(dir, 'pipelines'), 'big');
    wd.writeInfo({ pipeline_name: 'big', destination: 'duckdb', destination_path: file, dataset_name: 'big_data' });
    server = await startShowServer({ pipeline: findPipeline('big', join(dir, 'pipelines')) });
  });
  after(async () => server?.close());

  test('counts, pages and sorts in DuckDB, quickly', async () => {
    const t0 = performance.now();
    const overview = (await getJson<Overview>(server, 'api/overview')).body;
    assert.equal(overview.tables[0]!.rows, 1_000_000);
    const page = await getJson<RowsPage>(server, 'api/rows?table=events&sort=name&desc=1&offset=500000&limit=100');
    assert.equal(page.status, 200);
    assert.equal(page.body.total, 1_000_000);
    assert.equal(page.body.rows.length, 100);
    const ms = performance.now() - t0;
    assert.ok(ms < 10_000, `took ${ms} ms`);
  });
});

describe('show: a pipeline whose first run failed', () => {
  let server: ShowServer;
  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'restload-show-failed-'));
    const wd = new WorkingDir(join(dir, 'pipelines'), 'broken');
    wd.writeInfo({ pipeline_name: 'broken', destination: 'duckdb', destination_path: join(dir, 'broken.duckdb'), dataset_name: 'broken_data', config_file: 'broken.yaml' });
    const trace = newTrace('broken');
    trace.status = 'failed';
    trace.finished_at = new Date().toISOString();
    trace.requests.slowest = { method: 'GET', url: 'https://api.example.com/items?api_key=s3cr3t-value&page=2', status: 401, ms: 12, retries: 0, bytes: 10 };
    trace.error = { message: 'GET https://api.example.com/items returned 401 Unauthorized', code: 'HTTP_401', hint: 'check the api key' };
    wd.writeTrace(trace);
    server = await startShowServer({ pipeline: findPipeline('broken', join(dir, 'pipelines')) });
  });
  after(async () => server?.close());

  test('the overview shows the failure and that there is no data; data endpoints say what to do', async () => {
    const { status, body } = await getJson<Overview>(server, 'api/overview');
    assert.equal(status, 200);
    assert.deepEqual(body.tables, []);
    assert.deepEqual(body.warnings.map((w) => w.kind), ['failed_run', 'no_data']);
    assert.match(body.warnings[0]!.message, /failed: GET https:\/\/api\.example\.com\/items returned 401/);
    const rows = await getJson<RowsPage>(server, 'api/rows?table=items');
    assert.equal(rows.status, 404);
    assert.match(rows.error.error, /broken\.duckdb does not exist/);
    assert.match(rows.error.hint ?? '', /restload run broken\.yaml/);
    const { trace } = (await getJson<{ trace: RunTrace }>(server, 'api/trace')).body;
    assert.equal(trace.requests.slowest?.url, 'https://api.example.com/items?api_key=***&page=2');
  });
});

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('show: the page in headless Chromium', () => {
  let data: ShowDataset;
  let server: ShowServer;
  let browser: Browser | undefined;
  let launchError: string | undefined;
  before(async () => {
    data = await loadShowDataset();
    server = await startShowServer({ pipeline: findPipeline(data.name, data.pipelinesDir) });
    try {
      browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    } catch (e) {
      launchError = (e as Error).message.split('\n')[0];
    }
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await data?.close();
  });

  test('tree, rows, a child table from a parent row, SQL, loads, state; screenshot', async (t) => {
    if (!browser) {
      t.skip(`SKIPPED: Chromium cannot be launched (${launchError}); install it with apt-get install -y chromium`);
      return;
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    const page: Page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    // The browser logs every 4xx as a console error; a refused query is one on purpose. 5xx are bugs.
    page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`); });
    page.on('response', (r) => { if (r.status() >= 500) problems.push(`${r.status()} from ${r.url()}`); });
    await page.goto(server.url);

    // The tree: root tables with their nested tables and row counts.
    const issuesNode = page.locator('[data-testid=table-tree] li[data-table="issues"]');
    await issuesNode.locator(':scope > a .count').filter({ hasText: '26' }).waitFor();
    const labelsNode = issuesNode.locator('li[data-table="issues__labels"]');
    assert.equal((await labelsNode.locator(':scope > a .count').textContent())?.trim(), '27');
    assert.equal((await page.locator('[data-testid=table-tree] li[data-table="users"] > a .count').textContent())?.trim(), '100');
    // Overview: what, when, next; and the warnings.
    await page.locator('[data-testid=overview]').waitFor();
    const warnings = await page.locator('[data-testid=warnings]').textContent();
    assert.match(warnings ?? '', /users loaded exactly one page \(100 items\)/);
    assert.match(warnings ?? '', /exactly 100 items/);
    assert.match(warnings ?? '', /variant column users\.score__v_text appeared in the last load/);
    assert.match(await page.locator('[data-testid=overview]').textContent() ?? '', /"2024-03-01T00:00:00Z"/);

    // Rows of a table, sorted by a click on the header.
    await issuesNode.locator(':scope > a').click();
    await page.locator('[data-testid=rows-grid]').waitFor();
    assert.match(await page.locator('[data-testid=pager-range]').first().textContent() ?? '', /rows 1–26 of 26/);
    assert.equal(await page.locator('[data-testid=rows-grid] tbody tr').count(), 26);
    const idHeader = page.locator('[data-testid=rows-grid] th[data-column="id"] button');
    await idHeader.click();
    await page.locator('[data-testid=rows-grid] th[data-column="id"][aria-sort=ascending]').waitFor();
    assert.match(page.url(), /#\/table\/issues\?sort=id$/);
    await page.locator('[data-testid=rows-grid] th[data-column="id"] button').click();
    await page.locator('[data-testid=rows-grid] th[data-column="id"][aria-sort=descending]').waitFor();
    const firstRow = page.locator('[data-testid=rows-grid] tbody tr').first();
    assert.equal((await firstRow.locator('td').first().textContent())?.trim(), '1026');

    // Click the row: its panel lists its nested rows; follow them to the child table.
    await firstRow.click();
    const panel = page.locator('[data-testid=row-panel]');
    await panel.locator('[data-nested="issues__labels"]').waitFor();
    assert.match(await panel.textContent() ?? '', /Issue 26 — ünïcode/);
    await page.screenshot({ path: join(ARTIFACTS, 'show.png') });
    await panel.locator('[data-nested="issues__labels"]').click();
    await page.locator('[data-testid=filter]').waitFor();
    assert.match(page.url(), /#\/table\/issues__labels\?where=_dlt_parent_id&eq=/);
    assert.match(await page.locator('[data-testid=pager-range]').first().textContent() ?? '', /of 2$/);
    const nameCol = await page.locator('[data-testid=rows-grid] thead th').evaluateAll((ths) => ths.map((th) => th.getAttribute('data-column')));
    const names = await page.locator('[data-testid=rows-grid] tbody tr').evaluateAll(
      (trs, i) => trs.map((tr) => tr.children[i]?.textContent), nameCol.indexOf('name'));
    assert.deepEqual(names, ['label-0', 'label-1']);
    // ...and back up from a nested row to its parent row.
    await page.locator('[data-testid=rows-grid] tbody tr').first().click();
    await panel.getByText('↑ parent row in issues').click();
    await page.locator('[data-testid=filter]').filter({ hasText: '_dlt_id' }).waitFor();
    assert.equal(await page.locator('[data-testid=rows-grid] tbody tr').count(), 1);

    // Columns with types, nullability and hints; long text and nested JSON readable.
    await page.goto(`${server.url}#/table/users?tab=columns`);
    const variantRow = page.locator('[data-testid=columns-grid] tr[data-column="score__v_text"]');
    await variantRow.waitFor();
    assert.match(await variantRow.textContent() ?? '', /new.*VARCHAR.*text.*yes.*variant/);
    assert.match(await page.locator('[data-testid=columns-grid] tr[data-column="id"]').textContent() ?? '', /BIGINT.*bigint.*NOT NULL.*PK/);
    await page.goto(`${server.url}#/table/users?sort=id`);
    await page.locator('[data-testid=rows-grid] tbody tr').first().click();
    await panel.locator('details.json').first().waitFor();
    assert.match(await panel.locator('details.json').first().textContent() ?? '', /"href": "https:\/\/example\.com\/0"/);
    const bio = panel.locator('details.long-text').first();
    assert.equal(await bio.getAttribute('open'), null, 'long text starts folded');
    await bio.locator('summary').click();
    assert.match(await bio.locator('pre').textContent() ?? '', /<b>not html<\/b> #1$/);

    // SQL: a result table; a write is refused with a message.
    await page.goto(`${server.url}#/sql`);
    await page.locator('[data-testid=sql-input]').fill('SELECT number, title FROM issues WHERE number > 24 ORDER BY number');
    await page.locator('[data-testid=sql-run]').click();
    await page.locator('[data-testid=sql-grid]').waitFor();
    assert.deepEqual(await page.locator('[data-testid=sql-grid] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.textContent)), ['25Issue 25 — ünïcode', '26Issue 26 — ünïcode']);
    await page.locator('[data-testid=sql-input]').fill('DELETE FROM issues');
    await page.locator('[data-testid=sql-run]').click();
    await page.locator('[data-testid=sql-result] .error').filter({ hasText: 'only read-only queries run here, not DELETE' }).waitFor();

    // Loads: history and chart.
    await page.goto(`${server.url}#/loads`);
    await page.locator('[data-testid=loads-grid]').waitFor();
    assert.equal(await page.locator('[data-testid=loads-grid] tbody tr').count(), 2);
    assert.equal(await page.locator('[data-testid=loads-chart] svg g.bar').count(), 2);
    assert.match(await page.locator('[data-testid=loads-grid] tbody tr').first().textContent() ?? '', /loaded/);
    await page.screenshot({ path: join(ARTIFACTS, 'show-loads.png') });

    // Incremental state: what the next run asks for.
    await page.goto(`${server.url}#/state`);
    const last = page.locator('[data-testid=state-grid] tr[data-resource="issues"] [data-testid=last-value]');
    await last.waitFor();
    assert.equal(await last.textContent(), '"2024-03-01T00:00:00Z"');

    // Last run's trace.
    await page.goto(`${server.url}#/trace`);
    await page.locator('[data-testid=trace] tr[data-resource="users"]').waitFor();
    assert.match(await page.locator('[data-testid=trace]').textContent() ?? '', /extract.*normalize.*load/s);

    await page.goto(server.url);
    await page.locator('[data-testid=overview]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'show-overview.png'), fullPage: true });
    assert.deepEqual(problems, []);
  });
});
