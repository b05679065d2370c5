/**
 * Through the CLI, against the mock API: state restored from the destination
 * when the working folder is gone, dlt-compatible `_dlt_pipeline_state` rows,
 * `_dlt_version` and `_dlt_loads`, `pipeline NAME schema`, `pipeline NAME
 * drop RESOURCE`, and schema migrations that never change a column's type.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { parse } from 'yaml';
import { makeIssue, startMockApi } from '../helpers/mock-api.js';
import { query, runCli, workspace } from '../helpers/cli.js';
import { githubLikeConfig } from '../helpers/configs.js';
import { sortedJson } from '../../src/normalize/schema.js';
import { tempPipeline } from './helpers.js';

const config = (url: string) => githubLikeConfig(url);

interface StateRow { version: bigint; engine_version: bigint; pipeline_name: string; state: string; created_at: string; version_hash: string; _dlt_load_id: string; _dlt_id: string }

test('state restore: with the working folder deleted, incremental loading continues from the destination\'s state', async () => {
  const api = await startMockApi({ issues: 25 });
  const ws = workspace();
  ws.write('gh.yaml', config(api.url));
  const db = join(ws.dir, 'gh.duckdb');
  try {
    const r1 = await runCli(['run', 'gh.yaml', '--json'], { cwd: ws.dir });
    assert.equal(r1.code, 0, r1.stderr);
    const maxUpdated = api.issues.map((i) => i.updated_at).sort().at(-1)!;
    // A new machine: no working folder at all.
    rmSync(join(ws.pipelinesDir, 'gh'), { recursive: true, force: true });
    assert.equal(existsSync(join(ws.pipelinesDir, 'gh')), false);
    api.requests.length = 0;
    api.issues.push(makeIssue(26, '2024-03-01T00:00:00Z'));
    api.comments.set(26, [{ id: 2600, body: 'new', user: { login: 'z' } }]);
    const r2 = await runCli(['run', 'gh.yaml', '--json'], { cwd: ws.dir });
    assert.equal(r2.code, 0, r2.stderr);
    const first = api.requests.find((r) => r.startsWith('GET /issues?'))!;
    assert.match(decodeURIComponent(first), new RegExp(`since=${maxUpdated}`), 'the cursor came back from _dlt_pipeline_state');
    assert.equal(JSON.parse(r2.stdout).row_counts.issues, 1);
    const [{ n, d }] = await query<{ n: bigint; d: bigint }>(db, 'select count(*) n, count(distinct id) d from gh_data.issues');
    assert.equal(n, 26n);
    assert.equal(d, 26n);
    // The schema came back too: no second schema, the nested table kept its layout.
    const versions = await query<{ version: bigint; schema_name: string; version_hash: string; schema: string }>(db, 'select version, schema_name, version_hash, "schema" from gh_data._dlt_version order by version');
    assert.ok(versions.length >= 1);
    assert.deepEqual([...new Set(versions.map((v) => v.schema_name))], ['gh']);
    assert.equal(new Set(versions.map((v) => v.version_hash)).size, versions.length, 'each schema version stored once');
    const last = JSON.parse(versions.at(-1)!.schema);
    assert.equal(last.version_hash, versions.at(-1)!.version_hash);
    assert.equal(last.tables.issues.columns.id.primary_key, true);
    assert.equal(last.tables.issues['x-normalizer']['seen-data'], true);
    assert.equal(last.tables.issues__labels.parent, 'issues');
    assert.deepEqual(last.normalizers.json.config.propagation.tables.issues, { _dlt_id: '_dlt_root_id' });

    // _dlt_pipeline_state rows as dlt writes them.
    const states = await query<StateRow>(db, "select version, engine_version, pipeline_name, state, strftime(created_at, '%Y-%m-%dT%H:%M:%S') created_at, version_hash, _dlt_load_id, _dlt_id from gh_data._dlt_pipeline_state order by version");
    assert.equal(states.length, 2);
    const loads = (await query<{ load_id: string; status: bigint; schema_name: string }>(db, 'select load_id, status, schema_name from gh_data._dlt_loads order by load_id')).map((l) => l.load_id);
    for (const [i, s] of states.entries()) {
      assert.equal(s.version, BigInt(i + 1));
      assert.equal(s.engine_version, 4n);
      assert.equal(s.pipeline_name, 'gh');
      assert.match(s.created_at, /^\d{4}-\d\d-\d\dT/);
      assert.ok(loads.includes(s._dlt_load_id));
      assert.match(s._dlt_id, /^[A-Za-z0-9+/]{14}$/);
      // dlt's compress_state: zlib, base64; the document carries the same version and hash.
      const doc = JSON.parse(inflateSync(Buffer.from(s.state, 'base64')).toString('utf8'));
      assert.equal(doc._state_version, i + 1);
      assert.equal(doc._state_engine_version, 4);
      assert.equal(doc._version_hash, s.version_hash);
      assert.equal(doc.pipeline_name, 'gh');
      assert.equal(doc._local, undefined);
      // dlt's generate_state_version_hash: sha3-256 over the content with sorted keys.
      const { _state_version: _v, _state_engine_version: _e, _version_hash: _h, ...content } = doc;
      assert.equal(s.version_hash, createHash('sha3-256').update(sortedJson(content)).digest('base64'));
      assert.ok(doc.sources.gh.resources.issues.incremental.updated_at.last_value);
    }
  } finally {
    await api.close();
  }
});

test('pipeline NAME schema prints the schema as YAML in dlt\'s shape', async () => {
  const api = await startMockApi({ issues: 5 });
  const ws = workspace();
  ws.write('gh.yaml', config(api.url));
  try {
    assert.equal((await runCli(['run', 'gh.yaml'], { cwd: ws.dir })).code, 0);
    const r = await runCli(['pipeline', 'gh', 'schema'], { cwd: ws.dir });
    assert.equal(r.code, 0, r.stderr);
    const s = parse(r.stdout);
    assert.equal(s.name, 'gh');
    assert.equal(s.engine_version, 11);
    assert.equal(typeof s.version, 'number');
    assert.equal(typeof s.version_hash, 'string');
    assert.equal(s.normalizers.names, 'snake_case');
    assert.equal(s.normalizers.json.module, 'dlt.common.normalizers.json.relational');
    assert.deepEqual(s.settings.detections, ['iso_timestamp']);
    for (const t of ['_dlt_version', '_dlt_loads', '_dlt_pipeline_state', 'issues', 'issues__labels', 'issue_comments']) assert.ok(s.tables[t], t);
    const issues = s.tables.issues;
    assert.equal(issues.write_disposition, 'merge');
    assert.equal(issues.resource, 'issues');
    assert.deepEqual({ ...issues.columns.id, name: undefined }, { name: undefined, data_type: 'bigint', nullable: false, primary_key: true });
    assert.equal(issues.columns.updated_at.data_type, 'timestamp');
    assert.equal(issues.columns.user__login.data_type, 'text');
    assert.deepEqual({ ...issues.columns._dlt_id, name: undefined }, { name: undefined, data_type: 'text', nullable: false, unique: true, row_key: true });
    assert.equal(s.tables.issues__labels.parent, 'issues');
    assert.equal(s.tables.issues__labels.columns._dlt_root_id.root_key, true);
    assert.equal(s.tables.issues__labels.columns._dlt_parent_id.parent_key, true);
  } finally {
    await api.close();
  }
});

test('pipeline NAME drop RESOURCE drops its tables and state; the next run reloads it from the start', async () => {
  const api = await startMockApi({ issues: 12 });
  const ws = workspace();
  ws.write('gh.yaml', config(api.url));
  const db = join(ws.dir, 'gh.duckdb');
  try {
    assert.equal((await runCli(['run', 'gh.yaml'], { cwd: ws.dir })).code, 0);
    const bad = await runCli(['pipeline', 'gh', 'drop', 'isues'], { cwd: ws.dir });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /did you mean "issues"/);
    const r = await runCli(['pipeline', 'gh', 'drop', 'issues', '--yes', '--json'], { cwd: ws.dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).dropped_tables.sort(), ['issues', 'issues__labels']);
    const tables = (await query<{ table_name: string }>(db, "select table_name from information_schema.tables where table_schema = 'gh_data' order by 1")).map((t) => t.table_name);
    assert.deepEqual(tables, ['_dlt_loads', '_dlt_pipeline_state', '_dlt_version', 'issue_comments']);
    // State: the resource's incremental state is gone from the newest stored state.
    const [st] = await query<{ state: string }>(db, 'select state from gh_data._dlt_pipeline_state order by version desc limit 1');
    const doc = JSON.parse(inflateSync(Buffer.from(st!.state, 'base64')).toString('utf8'));
    assert.equal(doc.sources.gh.resources?.issues, undefined);
    // The schema no longer has the tables.
    const schema = parse((await runCli(['pipeline', 'gh', 'schema'], { cwd: ws.dir })).stdout);
    assert.equal(schema.tables.issues, undefined);
    assert.equal(schema.tables.issues__labels, undefined);
    assert.ok(schema.tables.issue_comments);
    // Next run: from initial_value again, all issues reloaded once.
    api.requests.length = 0;
    assert.equal((await runCli(['run', 'gh.yaml'], { cwd: ws.dir })).code, 0);
    assert.ok(api.requests.some((u) => decodeURIComponent(u).includes('since=2024-01-25T11:21:28Z')));
    const [{ n }] = await query<{ n: bigint }>(db, 'select count(*) n from gh_data.issues');
    assert.equal(n, 12n);
    const labels = await query<{ n: bigint }>(db, 'select count(*) n from gh_data.issues__labels l join gh_data.issues i on l._dlt_root_id = i._dlt_id');
    assert.equal(labels[0]!.n, BigInt(api.issues.reduce((a, i) => a + i.labels.length, 0)));
  } finally {
    await api.close();
  }
});

test('a column\'s type is never silently changed: variants for data, an error for a changed hint or a changed table', async () => {
  const p = tempPipeline();
  await p.run([{ id: 1, v: 10 }], { tableName: 't' });
  // Data of another type: a variant column, v stays BIGINT.
  await p.run([{ id: 2, v: 'x' }], { tableName: 't' });
  const types = async () => Object.fromEntries((await p.sql<{ column_name: string; data_type: string }>("select column_name, data_type from information_schema.columns where table_schema = 'ds' and table_name = 't'")).map((c) => [c.column_name, c.data_type]));
  assert.equal((await types()).v, 'BIGINT');
  assert.equal((await types()).v__v_text, 'VARCHAR');
  // A hint that changes the type of an existing column: refused, nothing loaded.
  await assert.rejects(p.run([{ id: 3, v: 'y' }], { tableName: 't', columns: { v: { data_type: 'text' } } }), /t\.v is bigint.*text/);
  assert.equal((await p.sql('select * from ds.t')).length, 2);
  assert.equal((await types()).v, 'BIGINT');
  // A table changed outside restload: refused rather than loaded into the wrong type.
  const { openDatabase } = await import('../../src/load/duckdb.js');
  const db = await openDatabase(p.destinationPath);
  await db.run('ALTER TABLE ds.t ALTER v TYPE VARCHAR');
  db.close();
  await assert.rejects(p.run([{ id: 4, v: 5 }], { tableName: 't' }), /t\.v is VARCHAR in DuckDB but the schema says BIGINT/);
});

test('new columns and tables are added in the same transaction as the data', async () => {
  const p = tempPipeline();
  await p.run([{ id: 1 }], { tableName: 't' });
  // This run fails inside the load transaction, after its migrations (upsert without a primary key): they are rolled back.
  await assert.rejects(p.run([{ id: 2, extra: 1, l: [1] }], { tableName: 't', writeDisposition: { disposition: 'merge', strategy: 'upsert' } }), /primary key/);
  const cols = (await p.sql<{ table_name: string; column_name: string }>("select table_name, column_name from information_schema.columns where table_schema = 'ds' and table_name like 't%'")).map((c) => `${c.table_name}.${c.column_name}`);
  assert.deepEqual(cols.sort(), ['t._dlt_id', 't._dlt_load_id', 't.id']);
  // A NULL where the schema says not null fails the run before anything is written.
  await assert.rejects(p.run([{ id: 2, extra: 1 }, { id: null }], { tableName: 't', columns: { id: { nullable: false } } }), /NULL in table "t" column "id"/);
  assert.equal((await p.sql('select * from ds.t')).length, 1);
});
