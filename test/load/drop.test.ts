/**
 * `restload pipeline NAME drop RESOURCE...` through the CLI, against the mock
 * API: it says what it will drop and asks on a terminal; without one it drops
 * only with --yes (exit 2 otherwise, nothing changed); and drop -> run ->
 * drop -> run keeps the stored schema whole (hints, nested tables) and the
 * counts right, also when only the destination holds the schema.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { makeIssue, startMockApi, type MockApi } from '../helpers/mock-api.js';
import { BIN, query, runCli, workspace } from '../helpers/cli.js';
import { githubLikeConfig } from '../helpers/configs.js';

interface Loaded { api: MockApi; ws: ReturnType<typeof workspace>; db: string }

async function loaded(issues = 26): Promise<Loaded> {
  const api = await startMockApi({ issues });
  const ws = workspace();
  ws.write('gh.yaml', githubLikeConfig(api.url));
  const r = await runCli(['run', 'gh.yaml'], { cwd: ws.dir });
  assert.equal(r.code, 0, r.stderr);
  return { api, ws, db: join(ws.dir, 'gh.duckdb') };
}

const labelCount = (api: MockApi) => api.issues.reduce((a, i) => a + i.labels.length, 0);

async function tablesOf(db: string): Promise<string[]> {
  return (await query<{ table_name: string }>(db, "select table_name from information_schema.tables where table_schema = 'gh_data' order by 1")).map((t) => t.table_name);
}

async function count(db: string, table: string): Promise<number> {
  const [{ n }] = await query<{ n: bigint }>(db, `select count(*) n from gh_data.${table}`);
  return Number(n);
}

/** The newest schema in _dlt_version, as `run` and `drop` read it. */
async function storedSchema(db: string): Promise<{ version: number; tables: Record<string, { columns: Record<string, Record<string, unknown>>; [k: string]: unknown }> }> {
  const [row] = await query<{ schema: string }>(db, 'select "schema" from gh_data._dlt_version order by version desc, inserted_at desc limit 1');
  return JSON.parse(row!.schema);
}

test('drop without a terminal and without --yes: shows the plan, exit 2 with a message naming --yes, nothing dropped', async () => {
  const { api, ws, db } = await loaded();
  try {
    const loadsBefore = await count(db, '_dlt_loads');
    const r = await runCli(['pipeline', 'gh', 'drop', 'issues'], { cwd: ws.dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /stdin is not a terminal: nothing was dropped/);
    assert.match(r.stderr, /pass --yes \(-y\).*restload pipeline gh drop issues --yes/);
    // What would have gone: tables with their row counts, and the state.
    assert.match(r.stdout, /About to drop the following data in dataset gh_data/);
    assert.match(r.stdout, /tables to drop\s+issues, issues__labels/);
    assert.match(r.stdout, new RegExp(`with data\\s+issues \\(26 rows\\), issues__labels \\(${labelCount(api)} rows\\)`));
    assert.match(r.stdout, /state to reset\s+gh\.issues/);
    assert.deepEqual(await tablesOf(db), ['_dlt_loads', '_dlt_pipeline_state', '_dlt_version', 'issue_comments', 'issues', 'issues__labels']);
    assert.equal(await count(db, 'issues'), 26);
    assert.equal(await count(db, '_dlt_loads'), loadsBefore);
    // --json does not change that: the plan goes to stderr, nothing to stdout.
    const j = await runCli(['pipeline', 'gh', 'drop', 'issues', '--json'], { cwd: ws.dir });
    assert.equal(j.code, 2);
    assert.equal(j.stdout, '');
    assert.match(j.stderr, /tables to drop\s+issues, issues__labels[\s\S]*--yes/);
    assert.equal(await count(db, 'issues'), 26);
  } finally {
    await api.close();
  }
});

test('drop --yes (and -y) without a terminal drops the tables and the state, and says how many rows went', async () => {
  const { api, ws, db } = await loaded();
  try {
    const r = await runCli(['pipeline', 'gh', 'drop', 'issues', '--yes', '--json'], { cwd: ws.dir });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.dropped, true);
    assert.deepEqual(out.dropped_resources, ['issues']);
    assert.deepEqual(out.dropped_tables, ['issues', 'issues__labels']);
    assert.deepEqual(out.tables_with_data, [{ name: 'issues', rows: 26 }, { name: 'issues__labels', rows: labelCount(api) }]);
    assert.deepEqual(out.reset_resource_states, ['gh.issues']);
    assert.deepEqual(await tablesOf(db), ['_dlt_loads', '_dlt_pipeline_state', '_dlt_version', 'issue_comments']);
    const y = await runCli(['pipeline', 'gh', 'drop', 'issue_comments', '-y'], { cwd: ws.dir });
    assert.equal(y.code, 0, y.stderr);
    assert.match(y.stdout, /^dropped issue_comments: tables issue_comments \(\d+ rows\)\n$/);
    assert.deepEqual(await tablesOf(db), ['_dlt_loads', '_dlt_pipeline_state', '_dlt_version']);
    // An unknown resource is still a usage error, before any question.
    const bad = await runCli(['pipeline', 'gh', 'drop', 'isues', '--yes'], { cwd: ws.dir });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown resource "isues"/);
  } finally {
    await api.close();
  }
});

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/** Runs the CLI on a pseudo-terminal (util-linux `script`) and answers its question with `answer`. */
function onTerminal(args: string[], cwd: string, pipelinesDir: string, answer: string): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd, env: { ...process.env, NO_COLOR: '1', RESTLOAD_PIPELINES_DIR: pipelinesDir } });
  let output = '';
  let answered = false;
  child.stdout.on('data', (d) => {
    output += d;
    if (!answered && /\[y\/N\] /.test(output)) {
      answered = true;
      child.stdin.write(`${answer}\r`);
    }
  });
  child.stderr.on('data', (d) => (output += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) => child.on('close', (code) => {
    clearTimeout(timer);
    resolve({ code, output });
  }));
}

test('drop on a terminal asks [y/N]: "n" (or anything else) keeps everything, "y" drops', { skip: hasScript ? false : 'util-linux `script` is not installed (needed for a pseudo-terminal)' }, async () => {
  const { api, ws, db } = await loaded();
  try {
    const no = await onTerminal(['pipeline', 'gh', 'drop', 'issues'], ws.dir, ws.pipelinesDir, 'n');
    assert.equal(no.code, 0, no.output);
    assert.match(no.output, /tables to drop\s+issues, issues__labels/);
    assert.match(no.output, /Do you want to drop these\? \[y\/N\]/);
    assert.match(no.output, /nothing was dropped/);
    assert.equal(await count(db, 'issues'), 26);
    const yes = await onTerminal(['pipeline', 'gh', 'drop', 'issues'], ws.dir, ws.pipelinesDir, 'y');
    assert.equal(yes.code, 0, yes.output);
    assert.match(yes.output, /dropped issues: tables issues, issues__labels \(\d+ rows\), and their state/);
    assert.deepEqual(await tablesOf(db), ['_dlt_loads', '_dlt_pipeline_state', '_dlt_version', 'issue_comments']);
  } finally {
    await api.close();
  }
});

test('drop -> run -> drop -> run: every re-created schema is stored with its hints, and each drop sees the rows it drops', async () => {
  const { api, ws, db } = await loaded();
  const schemasDir = join(ws.pipelinesDir, 'gh', 'schemas');
  const checkRecreated = async (label: string) => {
    // Read from the destination only: the working folder's copy is gone, as on a new machine.
    const s = await storedSchema(db);
    const issues = s.tables.issues;
    assert.ok(issues, `${label}: issues is in the stored schema`);
    assert.equal(issues.columns.id!.primary_key, true, label);
    assert.equal(issues.columns.id!.nullable, false, label);
    assert.equal(issues.write_disposition, 'merge', label);
    assert.deepEqual(issues['x-normalizer'], { 'seen-data': true }, label);
    assert.equal(s.tables.issues__labels?.parent, 'issues', label);
    assert.equal(s.tables.issues__labels?.columns._dlt_root_id!.root_key, true, label);
    const printed = parse((await runCli(['pipeline', 'gh', 'schema'], { cwd: ws.dir })).stdout);
    assert.equal(printed.version, s.version, label);
    assert.equal(printed.tables.issues.columns.id.primary_key, true, label);
    assert.equal(await count(db, 'issues'), 26, label);
  };
  try {
    for (let round = 1; round <= 2; round++) {
      rmSync(schemasDir, { recursive: true, force: true });
      const drop = await runCli(['pipeline', 'gh', 'drop', 'issues', '--yes', '--json'], { cwd: ws.dir });
      assert.equal(drop.code, 0, `drop ${round}: ${drop.stderr}`);
      assert.deepEqual(JSON.parse(drop.stdout).tables_with_data, [{ name: 'issues', rows: 26 }, { name: 'issues__labels', rows: labelCount(api) }], `drop ${round}`);
      assert.equal((await storedSchema(db)).tables.issues, undefined, `drop ${round}: the stored schema lost the table`);
      rmSync(schemasDir, { recursive: true, force: true });
      api.requests.length = 0;
      const run = await runCli(['run', 'gh.yaml', '--json'], { cwd: ws.dir });
      assert.equal(run.code, 0, `run ${round}: ${run.stderr}`);
      assert.equal(JSON.parse(run.stdout).row_counts.issues, 26, `run ${round}: reloaded from initial_value`);
      assert.ok(api.requests.some((u) => decodeURIComponent(u).includes('since=2024-01-25T11:21:28Z')), `run ${round}`);
      rmSync(schemasDir, { recursive: true, force: true });
      await checkRecreated(`run ${round}`);
    }
    // Each run and drop stored its own version, in order, and the newest is what the working folder has.
    const versions = await query<{ version: bigint; version_hash: string }>(db, 'select version, version_hash from gh_data._dlt_version order by inserted_at');
    const numbers = versions.map((v) => Number(v.version));
    assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b), 'versions grow with every insert');
    assert.equal(new Set(numbers).size, numbers.length, 'one row per version');
    assert.ok(numbers.length >= 5, `a first run, two drops, two re-runs: ${numbers.join(',')}`);
    // The re-created schema hashes as the one before the first drop (dlt's hash leaves the version out) and is stored again all the same.
    assert.equal(versions.at(-1)!.version_hash, versions.at(-3)!.version_hash);
    const s = await storedSchema(db);
    assert.equal(new Set((s as unknown as { previous_hashes: string[] }).previous_hashes).size, (s as unknown as { previous_hashes: string[] }).previous_hashes.length, 'previous_hashes keeps each hash once');
    // And the last drop of the cycle still knows the resource.
    const last = await runCli(['pipeline', 'gh', 'drop', 'issues', '--yes'], { cwd: ws.dir });
    assert.equal(last.code, 0, last.stderr);
    assert.match(last.stdout, new RegExp(`tables issues, issues__labels \\(${26 + labelCount(api)} rows\\)`));
  } finally {
    await api.close();
  }
});

test('a schema stored before this fix (the re-run\'s version missing from _dlt_version) is healed from the working folder', async () => {
  const { api, ws, db } = await loaded();
  try {
    assert.equal((await runCli(['pipeline', 'gh', 'drop', 'issues', '--yes'], { cwd: ws.dir })).code, 0);
    assert.equal((await runCli(['run', 'gh.yaml'], { cwd: ws.dir })).code, 0);
    // What the old code left: the re-run's version only in the working folder.
    const { openDatabase } = await import('../../src/load/duckdb.js');
    const conn = await openDatabase(db);
    await conn.run('DELETE FROM gh_data._dlt_version WHERE version = (SELECT max(version) FROM gh_data._dlt_version)');
    conn.close();
    assert.equal((await storedSchema(db)).tables.issues, undefined);
    // drop reads the newer working-folder schema and knows the resource; a run stores the version again.
    const plan = await runCli(['pipeline', 'gh', 'drop', 'issues'], { cwd: ws.dir });
    assert.match(plan.stdout, /tables to drop\s+issues, issues__labels/);
    api.issues.push(makeIssue(27, '2024-03-01T00:00:00Z'));
    api.comments.set(27, []);
    const rerun = await runCli(['run', 'gh.yaml'], { cwd: ws.dir });
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.equal((await storedSchema(db)).tables.issues?.columns.id!.primary_key, true);
  } finally {
    await api.close();
  }
});
