import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startGithubMock } from '../helpers/github-mock.js';
import { query, ROOT, runCli, workspace } from '../helpers/cli.js';

function runExample(name: string, cwd: string, api: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'examples', 'quickstart', `${name}.ts`)], {
      cwd,
      env: { ...process.env, GITHUB_API_URL: api, RESTLOAD_PIPELINES_DIR: join(cwd, '.pipelines'), NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('quick start: one page appended, then replaced', async () => {
  const gh = await startGithubMock(30);
  const ws = workspace();
  try {
    const a = await runExample('load-page', ws.dir, gh.url);
    assert.equal(a.code, 0, a.stderr);
    assert.match(a.stdout, /Pipeline github_issues load step completed/);
    assert.match(a.stdout, /issues\s+30/);
    await runExample('load-page', ws.dir, gh.url);
    const db = join(ws.dir, 'github_issues.duckdb');
    assert.equal((await query<{ n: bigint }>(db, 'select count(*) n from github_data.issues'))[0]!.n, 60n);
    const r = await runExample('replace', ws.dir, gh.url);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await query<{ n: bigint }>(db, 'select count(*) n from github_data.issues'))[0]!.n, 30n);
    assert.equal((await query<{ n: bigint }>(db, 'select count(*) n from github_data.issues__labels'))[0]!.n, 15n);
    // Pipelines run from the library show up in `restload pipeline NAME info` like any other.
    const info = await runCli(['pipeline', 'github_issues', 'info'], { cwd: ws.dir });
    assert.equal(info.code, 0, info.stderr);
    assert.match(info.stdout, /issues\s+30 rows/);
  } finally {
    await gh.close();
  }
});

test('quick start: incremental resource stops paging once it reaches known issues', async () => {
  const gh = await startGithubMock(250);
  const ws = workspace();
  try {
    const first = await runExample('incremental', ws.dir, gh.url);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /issues\s+250/);
    const db = join(ws.dir, 'github_issues_incremental.duckdb');
    // Two new issues; the next run reads one page and loads only them.
    for (const n of [251, 252]) {
      gh.issues.push({ ...gh.issues[0]!, id: 5000 + n, number: n, created_at: `2025-01-0${n - 250}T00:00:00Z` });
    }
    gh.requests.length = 0;
    const second = await runExample('incremental', ws.dir, gh.url);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(gh.requests.length, 1, gh.requests.join('\n'));
    assert.equal((await query<{ n: bigint; d: bigint }>(db, 'select count(*) n from github_data_append.issues'))[0]!.n, 252n);
    const info = await runCli(['pipeline', 'github_issues_incremental', 'info', '--json'], { cwd: ws.dir });
    const state = JSON.parse(info.stdout).incremental;
    assert.deepEqual(state.map((s: { cursor_path: string; last_value: string }) => [s.cursor_path, s.last_value]), [['created_at', '2025-01-02T00:00:00Z']]);
  } finally {
    await gh.close();
  }
});

test('quick start: merge on id with updated_at cursor, normalize info printed', async () => {
  const gh = await startGithubMock(120);
  const ws = workspace();
  try {
    const first = await runExample('merge', ws.dir, gh.url);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /Normalized data for the following tables:\n- issues: 120 row\(s\)/);
    gh.issues[3]!.title = 'edited';
    gh.issues[3]!.updated_at = '2025-06-01T00:00:00Z';
    gh.requests.length = 0;
    const second = await runExample('merge', ws.dir, gh.url);
    assert.equal(second.code, 0, second.stderr);
    assert.match(gh.requests[0]!, /since=2024-09-28T00(:|%3A)00(:|%3A)00Z/);
    const db = join(ws.dir, 'github_issues_merge.duckdb');
    const [row] = await query<{ n: bigint; d: bigint; t: string }>(db, "select count(*) n, count(distinct id) d, max(title) filter (where id = 5003) t from github_data_merge.issues");
    assert.equal(row!.n, 120n);
    assert.equal(row!.d, 120n);
    assert.equal(row!.t, 'edited');
  } finally {
    await gh.close();
  }
});

test('a rest_api source and a hand-written resource load in one run', async () => {
  const gh = await startGithubMock(40);
  const ws = workspace();
  try {
    const r = await runExample('mixed', ws.dir, gh.url);
    assert.equal(r.code, 0, r.stderr);
    const db = join(ws.dir, 'github_mixed.duckdb');
    assert.equal((await query<{ n: bigint }>(db, 'select count(*) n from github_mixed_data.issues'))[0]!.n, 40n);
    assert.equal((await query<{ n: bigint }>(db, 'select count(*) n from github_mixed_data.label_priorities'))[0]!.n, 2n);
  } finally {
    await gh.close();
  }
});
