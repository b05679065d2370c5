import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeIssue, startMockApi } from '../helpers/mock-api.js';
import { BIN, query, runCli, workspace } from '../helpers/cli.js';
import { githubLikeConfig } from '../helpers/configs.js';

const config = (url: string) => githubLikeConfig(url);

test('run loads issues, nested labels and comments, then only new data on the next run', async () => {
  const api = await startMockApi({ issues: 25 });
  const ws = workspace();
  ws.write('gh.yaml', config(api.url));
  try {
    const r1 = await runCli(['run', 'gh.yaml', '--json'], { cwd: ws.dir });
    assert.equal(r1.code, 0, r1.stderr);
    const info = JSON.parse(r1.stdout);
    assert.equal(info.pipeline, 'gh');
    assert.equal(info.row_counts.issues, 25);
    const db = join(ws.dir, 'gh.duckdb');
    const [{ n }] = await query<{ n: bigint }>(db, 'select count(*) n from gh_data.issues');
    assert.equal(n, 25n);
    // Column names and types as dlt makes them.
    const cols = await query<{ column_name: string; data_type: string }>(db,
      "select column_name, data_type from information_schema.columns where table_schema='gh_data' and table_name='issues' order by ordinal_position");
    const types = Object.fromEntries(cols.map((c) => [c.column_name, c.data_type]));
    assert.equal(types.id, 'BIGINT');
    assert.equal(types.title, 'VARCHAR');
    assert.equal(types.updated_at, 'TIMESTAMP WITH TIME ZONE');
    assert.equal(types.user__login, 'VARCHAR');
    assert.equal(types._dlt_load_id, 'VARCHAR');
    assert.equal(types._dlt_id, 'VARCHAR');
    // Labels become a nested table linked to their issue.
    const labels = await query<{ n: bigint; bad: bigint }>(db,
      'select count(*) n, count(*) filter (where i._dlt_id is null) bad from gh_data.issues__labels l left join gh_data.issues i on i._dlt_id = l._dlt_parent_id');
    const expectedLabels = api.issues.reduce((a, i) => a + i.labels.length, 0);
    assert.equal(Number(labels[0]!.n), expectedLabels);
    assert.equal(labels[0]!.bad, 0n);
    const lcols = (await query<{ column_name: string }>(db, "select column_name from information_schema.columns where table_schema='gh_data' and table_name='issues__labels'")).map((c) => c.column_name);
    for (const c of ['_dlt_parent_id', '_dlt_list_idx', '_dlt_id', '_dlt_root_id', 'name']) assert.ok(lcols.includes(c), c);
    // Comments with the parent's id included as _issues_id.
    const comments = await query<{ n: bigint; ok: bigint }>(db, 'select count(*) n, count(*) filter (where _issues_id = 1000 + id // 100) ok from gh_data.issue_comments');
    const expectedComments = [...api.comments.values()].reduce((a, c) => a + c.length, 0);
    assert.equal(Number(comments[0]!.n), expectedComments);
    assert.equal(comments[0]!.ok, comments[0]!.n);
    // Incremental: the first request used initial_value, the next run asks for the last value.
    assert.ok(api.requests.some((r) => r.includes('since=2024-01-25T11%3A21%3A28Z') || r.includes('since=2024-01-25T11:21:28Z')));
    const maxUpdated = api.issues.map((i) => i.updated_at).sort().at(-1)!;
    api.requests.length = 0;
    api.issues.push(makeIssue(26, '2024-03-01T00:00:00Z'));
    api.comments.set(26, [{ id: 2600, body: 'new', user: { login: 'z' } }]);
    const r2 = await runCli(['run', 'gh.yaml', '--json'], { cwd: ws.dir });
    assert.equal(r2.code, 0, r2.stderr);
    const firstIssuesReq = api.requests.find((r) => r.startsWith('GET /issues?'))!;
    assert.match(decodeURIComponent(firstIssuesReq), new RegExp(`since=${maxUpdated}`));
    const info2 = JSON.parse(r2.stdout);
    // Rows at the boundary (same updated_at as last time) are deduplicated; only the new issue loads.
    assert.equal(info2.row_counts.issues, 1);
    const [{ n: n2 }] = await query<{ n: bigint }>(db, 'select count(*) n from gh_data.issues');
    assert.equal(n2, 26n);
    const [{ d }] = await query<{ d: bigint }>(db, 'select count(*) - count(distinct id) d from gh_data.issues');
    assert.equal(d, 0n);
    // System tables.
    const loads = await query<{ n: bigint }>(db, 'select count(*) n from gh_data._dlt_loads where status = 0');
    assert.equal(loads[0]!.n, 2n);
    const state = await query<{ n: bigint }>(db, "select count(*) n from gh_data._dlt_pipeline_state where pipeline_name = 'gh'");
    assert.equal(state[0]!.n, 2n);
    // pipeline info from another folder.
    const other = workspace();
    const infoOut = await runCli(['pipeline', 'gh', 'info'], { cwd: other.dir, pipelinesDir: ws.pipelinesDir });
    assert.equal(infoOut.code, 0, infoOut.stderr);
    assert.match(infoOut.stdout, /issues\s+26 rows/);
    assert.match(infoOut.stdout, /issues\.updated_at\s+last_value="2024-03-01T00:00:00Z"/);
    assert.match(infoOut.stdout, new RegExp(join(ws.dir, 'gh.duckdb').replace(/[/\\]/g, '.')));
  } finally {
    await api.close();
  }
});

test('merge on primary key never duplicates rows across runs', async () => {
  const api = await startMockApi({ issues: 12 });
  const ws = workspace();
  ws.write('m.yaml', `
client: { base_url: "${api.url}" }
resources:
  - name: issues
    primary_key: id
    write_disposition: merge
    endpoint: { path: issues, params: { per_page: 5 } }
`);
  try {
    for (let i = 0; i < 3; i++) {
      api.issues[0]!.title = `changed ${i}`;
      const r = await runCli(['run', 'm.yaml'], { cwd: ws.dir });
      assert.equal(r.code, 0, r.stderr);
    }
    const db = join(ws.dir, 'm.duckdb');
    const [row] = await query<{ n: bigint; d: bigint; t: string }>(db, "select count(*) n, count(distinct id) d, max(title) filter (where id = 1001) t from m_dataset.issues");
    assert.equal(row!.n, 12n);
    assert.equal(row!.d, 12n);
    assert.equal(row!.t, 'changed 2');
    const [labels] = await query<{ n: bigint }>(db, 'select count(*) n from m_dataset.issues__labels');
    assert.equal(Number(labels!.n), api.issues.reduce((a, i) => a + i.labels.length, 0));
  } finally {
    await api.close();
  }
});

test('replace keeps only the last run; append accumulates', async () => {
  const api = await startMockApi({ issues: 7 });
  const ws = workspace();
  ws.write('r.yaml', `
client: { base_url: "${api.url}" }
resources:
  - name: issues
    write_disposition: replace
    endpoint: { path: issues }
  - name: appended
    table_name: appended_issues
    endpoint: { path: issues }
`);
  try {
    for (let i = 0; i < 2; i++) assert.equal((await runCli(['run', 'r.yaml'], { cwd: ws.dir })).code, 0);
    const db = join(ws.dir, 'r.duckdb');
    const [a] = await query<{ n: bigint }>(db, 'select count(*) n from r_dataset.issues');
    const [b] = await query<{ n: bigint }>(db, 'select count(*) n from r_dataset.appended_issues');
    assert.equal(a!.n, 7n);
    assert.equal(b!.n, 14n);
  } finally {
    await api.close();
  }
});

test('config errors: every problem with file:line:col, path and a suggestion; exit 2; nothing fetched', async () => {
  const ws = workspace();
  ws.write('bad.yaml', `client:
  base_url: http://127.0.0.1:9/
resources:
  - name: issues
    endpoint:
      path: issues
      paginator:
        type: header_lnk
  - name: comments
    write_dispositon: merge
    endpoint:
      path: issues/{resources.isues.number}/comments
`);
  const r = await runCli(['run', 'bad.yaml'], { cwd: ws.dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /bad\.yaml:8:\d+ \(resources\[0\]\.endpoint\.paginator\.type\)/);
  assert.match(r.stderr, /did you mean "header_link"/);
  assert.match(r.stderr, /bad\.yaml:10:5 \(resources\[1\]\.write_dispositon\)/);
  assert.match(r.stderr, /did you mean "write_disposition"/);
  assert.ok(!existsSync(join(ws.dir, 'bad.duckdb')));
  const v = await runCli(['validate', 'bad.yaml'], { cwd: ws.dir });
  assert.equal(v.code, 2);
  // An unknown parent is reported too (once the schema is satisfied).
  ws.write('bad2.yaml', `client: { base_url: "http://127.0.0.1:9/" }
resources:
  - issues
  - name: comments
    endpoint:
      path: issues/{resources.isues.number}/comments
`);
  const r2 = await runCli(['validate', 'bad2.yaml'], { cwd: ws.dir });
  assert.equal(r2.code, 2);
  assert.match(r2.stderr, /bad2\.yaml:6:\d+ \(resources\[1\]\.endpoint\.path\)/);
  assert.match(r2.stderr, /unknown parent resource "isues"; did you mean "issues"/);
  const ok = ws.write('ok.toml', `[client]\nbase_url = "http://127.0.0.1:9/"\n\n[[resources]]\nname = "issues"\n`);
  const r3 = await runCli(['validate', ok], { cwd: ws.dir });
  assert.equal(r3.code, 0, r3.stderr);
  assert.equal(r3.stdout.trim(), 'ok');
});

test('secrets: ${secrets.*} from .dlt/secrets.toml and env, missing ones named with every place looked', async () => {
  const api = await startMockApi({ issues: 3 });
  let seenAuth = '';
  api.routes.push((req) => { seenAuth = String(req.headers.authorization ?? ''); return false; });
  const ws = workspace({
    '.dlt/secrets.toml': '[sources.rest_api.sec]\napi_token = "s3cr3t-token"\n',
    'sec.yaml': `client:\n  base_url: "${api.url}"\n  auth: { token: "\${secrets.api_token}" }\nresources: [issues]\n`,
    'missing.yaml': `client:\n  base_url: "${api.url}"\n  auth: { token: "\${secrets.nope}" }\nresources: [issues]\n`,
  });
  try {
    const r = await runCli(['run', 'sec.yaml'], { cwd: ws.dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(seenAuth, 'Bearer s3cr3t-token');
    const env = await runCli(['run', 'sec.yaml'], { cwd: ws.dir, env: { SOURCES__REST_API__SEC__API_TOKEN: 'from-env' } });
    assert.equal(env.code, 0);
    assert.equal(seenAuth, 'Bearer from-env');
    const m = await runCli(['run', 'missing.yaml'], { cwd: ws.dir });
    assert.equal(m.code, 2);
    assert.match(m.stderr, /missing\.yaml:3:\d+/);
    assert.match(m.stderr, /SOURCES__REST_API__MISSING__NOPE/);
    assert.match(m.stderr, /\[sources\.rest_api\.missing\] nope/);
  } finally {
    await api.close();
  }
});

test('HTTP errors exit 1 with method, masked URL and status; the trace says so', async () => {
  const api = await startMockApi();
  api.routes.push((req, res, url) => {
    if (url.pathname !== '/secret') return false;
    res.writeHead(403, { 'content-type': 'application/json' });
    res.end('{"message":"Bad credentials"}');
    return true;
  });
  const ws = workspace({ 'e.yaml': `client:\n  base_url: "${api.url}"\n  auth: { type: api_key, name: api_key, api_key: "hush-hush-key", location: query }\nresources: [secret]\n` });
  try {
    const r = await runCli(['run', 'e.yaml'], { cwd: ws.dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /GET http:\/\/127\.0\.0\.1:\d+\/secret\?api_key=\*\*\* failed: HTTP 403/);
    assert.match(r.stderr, /Bad credentials/);
    assert.doesNotMatch(r.stderr + r.stdout, /hush-hush-key/);
    assert.doesNotMatch(r.stderr, /at .*\.js:\d+/); // no stack trace
    const trace = JSON.parse(readFileSync(join(ws.pipelinesDir, 'e', 'trace.json'), 'utf8'));
    assert.equal(trace.status, 'failed');
    assert.doesNotMatch(JSON.stringify(trace), /hush-hush-key/);
  } finally {
    await api.close();
  }
});

test('a run killed with SIGKILL leaves the previous data and state intact', async () => {
  const api = await startMockApi({ issues: 40, perPage: 10 });
  const ws = workspace();
  ws.write('k.yaml', config(api.url).replace('name: gh', 'name: k').replace('gh_data', 'k_data'));
  try {
    assert.equal((await runCli(['run', 'k.yaml'], { cwd: ws.dir })).code, 0);
    const db = join(ws.dir, 'k.duckdb');
    const before = await query<{ n: bigint }>(db, 'select count(*) n from k_data.issues');
    const beforeState = await query<{ n: bigint }>(db, 'select count(*) n from k_data._dlt_pipeline_state');
    // New data, served slowly so the second run is killed in the middle.
    for (let i = 41; i <= 60; i++) {
      api.issues.push(makeIssue(i, '2024-04-01T00:00:00Z'));
      api.comments.set(i, [{ id: i * 100, body: 'c', user: { login: 'k' } }]);
    }
    let served = 0;
    let kill: () => void = () => {};
    api.routes.push(async (_req, _res, url) => {
      if (url.pathname.endsWith('/comments')) {
        served++;
        if (served === 5) kill();
        await new Promise((r) => setTimeout(r, 20));
      }
      return false;
    });
    const child = spawn(process.execPath, [BIN, 'run', 'k.yaml'], { cwd: ws.dir, env: { ...process.env, RESTLOAD_PIPELINES_DIR: ws.pipelinesDir } });
    const exited = new Promise((r) => child.on('exit', r));
    kill = () => child.kill('SIGKILL');
    await exited;
    const after = await query<{ n: bigint }>(db, 'select count(*) n from k_data.issues');
    const afterState = await query<{ n: bigint }>(db, 'select count(*) n from k_data._dlt_pipeline_state');
    assert.equal(after[0]!.n, before[0]!.n);
    assert.equal(afterState[0]!.n, beforeState[0]!.n);
    // The next run picks up from the stored state and loads the new rows exactly once.
    const r = await runCli(['run', 'k.yaml', '--json'], { cwd: ws.dir });
    assert.equal(r.code, 0, r.stderr);
    const [{ n, d }] = await query<{ n: bigint; d: bigint }>(db, 'select count(*) n, count(distinct id) d from k_data.issues');
    assert.equal(n, 60n);
    assert.equal(d, 60n);
  } finally {
    await api.close();
  }
});

test('init scaffolds the project and never overwrites without --force', async () => {
  const ws = workspace();
  const r = await runCli(['init', 'rest_api', 'duckdb'], { cwd: ws.dir });
  assert.equal(r.code, 0, r.stderr);
  for (const f of ['github.yaml', '.dlt/config.toml', '.dlt/secrets.toml', '.gitignore']) assert.ok(existsSync(join(ws.dir, f)), f);
  assert.match(readFileSync(join(ws.dir, '.dlt/secrets.toml'), 'utf8'), /\[sources\.rest_api\.github\]\s*\ngithub_token = "\.\.\."/);
  assert.match(readFileSync(join(ws.dir, '.gitignore'), 'utf8'), /secrets\.toml/);
  assert.equal(readFileSync(join(ws.dir, 'github.yaml'), 'utf8').replace('./node_modules/restload/schemas/', '../schemas/'), readFileSync(join(BIN, '..', '..', 'examples', 'github.yaml'), 'utf8'));
  const again = await runCli(['init', 'rest_api', 'duckdb'], { cwd: ws.dir });
  assert.equal(again.code, 2);
  assert.match(again.stderr, /not overwriting existing files.*github\.yaml/);
  assert.equal((await runCli(['init', 'rest_api', 'duckdb', '--force'], { cwd: ws.dir })).code, 0);
  const wrong = await runCli(['init', 'rest_api', 'postgres'], { cwd: ws.dir });
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /unknown destination "postgres"; known: duckdb/);
  const v = await runCli(['validate', 'github.yaml'], { cwd: ws.dir, env: { SOURCES__REST_API__GITHUB__GITHUB_TOKEN: 'x-token' } });
  assert.equal(v.code, 0, v.stderr);
});

test('a DuckDB memory limit DuckDB cannot read is named, with what to write instead; exit 2', async () => {
  const ws = workspace({ 'c.yaml': 'pipeline:\n  name: mem\nclient:\n  base_url: http://127.0.0.1:9/\nresources:\n  - things\n' });
  const r = await runCli(['run', 'c.yaml'], { cwd: ws.dir, env: { RESTLOAD_DUCKDB_MEMORY_LIMIT: 'lots' } });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /RESTLOAD_DUCKDB_MEMORY_LIMIT "lots" is not a size DuckDB understands/);
  assert.match(r.stderr, /512MB or 2GB/);
  assert.doesNotMatch(r.stderr, /at .*\.js:\d+/, 'no stack trace');
});

test('a config error under a key with a percent sign is reported, not a crash', async () => {
  const ws = workspace({ 'c.yaml': 'client:\n  base_url: http://127.0.0.1:9/\nresources:\n  - name: stats\n    columns:\n      "growth %":\n        data_type: bogus\n' });
  const r = await runCli(['validate', 'c.yaml'], { cwd: ws.dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /c\.yaml:7:\d+/);
  assert.match(r.stderr, /data_type/);
  assert.doesNotMatch(r.stderr, /looks like a bug|URIError/);
});

test('the CLI loads a config `module:` function (next to the config, run from another folder) with no warning; a missing export is exit 2', async () => {
  const api = await startMockApi({ issues: 3 });
  const ws = workspace({
    'conf/hooks.mjs': 'export function keepTwo(response) { response.body = response.body.slice(0, 2); }\n',
    'conf/c.yaml': [
      'pipeline:', '  name: hooks_cli', 'client:', `  base_url: ${api.url}`, 'resources:', '  - name: issues', '    endpoint:', '      path: issues',
      '      paginator: single_page', '      response_actions:', '        - status_code: 200', '          action:', '            module: ./hooks.mjs', '            export: keepTwo', '',
    ].join('\n'),
  });
  try {
    const r = await runCli(['run', join(ws.dir, 'conf', 'c.yaml'), '--json'], { cwd: ws.dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).row_counts.issues, 2);
    assert.doesNotMatch(r.stderr, /Warning/);
    ws.write('conf/c.yaml', readFileSync(join(ws.dir, 'conf', 'c.yaml'), 'utf8').replace('export: keepTwo', 'export: nope'));
    const bad = await runCli(['run', join(ws.dir, 'conf', 'c.yaml')], { cwd: ws.dir });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /hooks\.mjs has no function export "nope"/);
    assert.match(bad.stderr, /function exports: keepTwo/);
  } finally {
    await api.close();
  }
});
