#!/usr/bin/env node
// `npm run bench`: restload against its floors on a GitHub-like mock API.
//
//   node bench/run.mjs [--cases issues-10k,issues-100k,issues-1m,fanout,incremental,help]
//                      [--json out.json] [--repeat N] [--keep] [--profile DIR]
//                      [--concurrency N] [--stage raw|ndjson] [--quiet-wait SECONDS]
//
// Every case runs restload as a separate process (`node bin/restload.js run
// CONFIG --json`, wall time including process start) and, in the same run,
// its floors (bench/floors.mjs, also separate processes):
//   (a) fetch every page + JSON.parse, load nothing;
//   (b) (a) + the fastest bulk load of the raw rows into DuckDB found.
// Peak RSS is that of the whole process tree (VmRSS of the process and its
// descendants, polled, and GNU time's max RSS when /usr/bin/time exists).
// Row counts in DuckDB are checked against what the mock served and what the
// dataset holds: a fast wrong answer is a FAIL.
// No timing asserts live in `npm test`; this script is the only judge.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expectedCounts, updatedAt } from './dataset.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const BIN = join(ROOT, 'bin', 'restload.js');
const NODE = process.execPath;

// ---------- arguments ----------
const ALL_CASES = ['help', 'issues-10k', 'issues-100k', 'issues-1m', 'fanout', 'incremental'];
const argv = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(`usage: node bench/run.mjs [--cases ${ALL_CASES.join(',')}] [--json out.json] [--repeat N] [--keep] [--profile DIR] [--concurrency N] [--stage raw|ndjson] [--quiet-wait SECONDS]`);
  process.exit(0);
}
const CASES = (arg('--cases') ?? ALL_CASES.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
for (const c of CASES) {
  if (!ALL_CASES.includes(c)) {
    console.error(`unknown case "${c}"; cases: ${ALL_CASES.join(', ')}`);
    process.exit(2);
  }
}
const JSON_OUT = arg('--json');
const REPEAT = Math.max(1, Number(arg('--repeat', '1')));
const KEEP = argv.includes('--keep');
const PROFILE_DIR = arg('--profile') && resolve(arg('--profile'));
const STAGE = arg('--stage', 'raw');
/** Before each case, wait up to this many seconds for the 1-minute load average to drop below the CPU count. */
const QUIET_WAIT_S = Number(arg('--quiet-wait', '0'));
/** restload's default bound on concurrent child requests, read from the build (no import: it would load got). */
function defaultConcurrency() {
  try {
    const src = readFileSync(join(ROOT, 'dist', 'extract', 'rest-api', 'index.js'), 'utf8');
    const m = /DEFAULT_MAX_CONCURRENCY\s*=\s*(\d+)/.exec(src);
    if (m) return Number(m[1]);
  } catch {
    // fall through
  }
  return 8;
}
const CONCURRENCY_OVERRIDE = arg('--concurrency') && Number(arg('--concurrency'));
const CONCURRENCY = CONCURRENCY_OVERRIDE || defaultConcurrency();

const WORK = mkdtempSync(join(tmpdir(), 'restload-bench-'));
const log = (s) => process.stderr.write(`[bench] ${s}\n`);

// ---------- measuring a process ----------
const HAVE_TIME = existsSync('/usr/bin/time');
let seq = 0;

function readStatus(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? 0);
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return undefined;
  }
}
function childrenOf(pid) {
  const out = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        for (const c of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/)) if (c) out.push(Number(c));
      } catch {
        // the thread ended
      }
    }
  } catch {
    // the process ended
  }
  return out;
}

/**
 * Runs a command, measuring wall time (spawn → exit), CPU time and the peak
 * RSS of its process tree. Under GNU time, the tree is time's descendants
 * (time itself is not counted), and its %M (the max RSS of the process) is a
 * floor on the peak in case the last poll missed it.
 */
function measure(cmd, args, { env = {}, cwd = ROOT, pollMs = 15 } = {}) {
  return new Promise((resolvePromise, reject) => {
    const timeFile = join(WORK, `time-${++seq}.txt`);
    const full = HAVE_TIME ? ['/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, cmd, ...args]] : [cmd, args];
    const t0 = performance.now();
    const child = spawn(full[0], full[1], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    let peakSum = 0;
    const hwm = new Map();
    const poll = () => {
      const roots = HAVE_TIME ? childrenOf(child.pid) : [child.pid];
      let sum = 0;
      const stack = [...roots];
      while (stack.length) {
        const pid = stack.pop();
        const st = readStatus(pid);
        if (!st) continue;
        sum += st.rss;
        hwm.set(pid, Math.max(hwm.get(pid) ?? 0, st.hwm));
        stack.push(...childrenOf(pid));
      }
      peakSum = Math.max(peakSum, sum);
    };
    const timer = setInterval(poll, pollMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const wallMs = performance.now() - t0;
      clearInterval(timer);
      let userS;
      let sysS;
      let maxRssKb = 0;
      if (HAVE_TIME) {
        try {
          const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
          const [, u, s, m] = lines[lines.length - 1].split(' ').map(Number);
          userS = u;
          sysS = s;
          maxRssKb = m;
        } catch {
          // time wrote nothing (killed?)
        }
      }
      // One process: its VmHWM is exact. Several: the polled sum, or the biggest one's max.
      const hwmMax = Math.max(0, ...hwm.values());
      const peakKb = Math.max(peakSum, maxRssKb, hwm.size === 1 ? hwmMax : 0);
      child.stdout.removeAllListeners();
      // Let the pipes drain.
      setImmediate(() =>
        resolvePromise({ code, signal, wallMs, cpuMs: userS === undefined ? undefined : (userS + sysS) * 1000, peakRssMb: peakKb / 1024, stdout, stderr, processes: hwm.size }),
      );
    });
  });
}

/** The last JSON object printed (one line, or pretty-printed with `{` at the start of a line). */
function lastJsonLine(text) {
  const t = text.trim();
  for (let i = t.lastIndexOf('{'); i >= 0; i = i > 0 ? t.lastIndexOf('{', i - 1) : -1) {
    if (i > 0 && t[i - 1] !== '\n') continue;
    try {
      return JSON.parse(t.slice(i));
    } catch {
      // not the start of the object yet
    }
  }
  throw new Error(`no JSON in output:\n${text.slice(-2000)}`);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ---------- the mock API ----------
async function startMock() {
  const proc = spawn(NODE, [join(HERE, 'mock-server.mjs'), '--port', '0', '--exit-with-parent'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const rl = createInterface({ input: proc.stdout });
  const first = await new Promise((res, rej) => {
    rl.once('line', res);
    proc.once('exit', (c) => rej(new Error(`mock server exited with ${c}`)));
  });
  const { url } = JSON.parse(first);
  const call = async (method, path) => {
    const r = await fetch(url + path, { method });
    const body = await r.json();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(body)}`);
    return body;
  };
  return {
    url,
    proc,
    dataset: (name, n, latency = 0) => call('POST', `/_control/dataset?name=${name}&n=${n}&latency=${latency}`),
    warm: (name, { since, comments } = {}) =>
      call('POST', `/_control/warm?name=${name}&per_page=100${since ? `&since=${encodeURIComponent(since)}` : ''}${comments ? '&comments=1' : ''}`),
    stats: (name, reset = false) => call('GET', `/_control/stats?name=${name}${reset ? '&reset=1' : ''}`),
    clearCache: () => call('POST', '/_control/clear-cache'),
    stop: async () => {
      try {
        await call('POST', '/_control/shutdown');
      } catch {
        proc.kill('SIGTERM');
      }
    },
  };
}

// ---------- configs ----------
function writeConfig(dir, { name, baseUrl, children = false, incremental = false }) {
  const lines = [
    'pipeline:',
    `  name: ${name}`,
    '  dataset_name: bench',
    `  destination_path: ${JSON.stringify(join(dir, 'restload.duckdb'))}`,
    'client:',
    `  base_url: ${JSON.stringify(baseUrl)}`,
    '  paginator:',
    '    type: header_link',
  ];
  if (CONCURRENCY_OVERRIDE) lines.push(`  max_concurrency: ${CONCURRENCY_OVERRIDE}`);
  lines.push(
    'resource_defaults:',
    '  write_disposition: append',
    '  endpoint:',
    '    params:',
    '      per_page: 100',
    'resources:',
    '  - name: issues',
    '    endpoint:',
    '      path: issues',
  );
  if (incremental) {
    lines.push(
      '      params:',
      '        since:',
      '          type: incremental',
      '          cursor_path: updated_at',
      '          initial_value: "2018-01-01T00:00:00Z"',
    );
  }
  if (children) {
    lines.push(
      '  - name: issue_comments',
      '    endpoint:',
      '      path: issues/{resources.issues.number}/comments',
      '    include_from_parent:',
      '      - id',
      '    parallelized: true',
    );
  }
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

// ---------- runs ----------
let profileSeq = 0;
async function runRestload(dir, config) {
  const nodeArgs = PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR, '--cpu-prof-name', `restload-${basenameOf(config)}-${++profileSeq}.cpuprofile`] : [];
  const r = await measure(NODE, [...nodeArgs, BIN, 'run', config, '--json'], { env: { RESTLOAD_PIPELINES_DIR: join(dir, 'pipelines') }, cwd: dir });
  if (r.code !== 0) throw new Error(`restload run ${config} failed (exit ${r.code}):\n${r.stderr.slice(-3000)}\n${r.stdout.slice(-1000)}`);
  r.summary = lastJsonLine(r.stdout);
  // Where the run's time went, from restload's own trace (the rest of the wall is start-up and exit).
  try {
    const trace = JSON.parse(readFileSync(join(dir, 'pipelines', r.summary.pipeline, 'trace.json'), 'utf8'));
    r.steps = Object.fromEntries(trace.steps.map((st) => [st.step, st.ms]));
  } catch {
    r.steps = {};
  }
  r.steps.run = r.summary.duration_ms;
  r.steps.outside_run = Math.round(r.wallMs - r.summary.duration_ms);
  return r;
}
const basenameOf = (p) => p.split('/').pop().replace(/\.yaml$/, '');

async function runFloor(mode, { url, children, db, dir, append = false }) {
  const a = [join(HERE, 'floors.mjs'), '--mode', mode, '--url', url, '--concurrency', String(CONCURRENCY), '--stage', STAGE];
  if (children) a.push('--children', children);
  if (mode === 'b') a.push('--db', db, '--dir', dir);
  if (append) a.push('--append');
  const r = await measure(NODE, a);
  if (r.code !== 0) throw new Error(`floor ${mode} failed (exit ${r.code}):\n${r.stderr.slice(-3000)}`);
  r.summary = lastJsonLine(r.stdout);
  return r;
}

/**
 * Floors (a) and (b) of one repetition, each its own process. Floor (b) loads
 * into a DuckDB file of its own (a copy of `baseDb` when the case starts from
 * loaded data) and leaves nothing behind.
 */
async function runFloors(name, dir, i, { url, children, baseDb }) {
  log(`${name}: floor a`);
  const a = await runFloor('a', { url, children });
  const db = join(dir, `floor-b-${i}.duckdb`);
  const stage = join(dir, `floor-b-${i}`);
  if (baseDb) cpSync(baseDb, db);
  log(`${name}: floor b`);
  const b = await runFloor('b', { url, children, db, dir: stage, append: baseDb !== undefined });
  rmSync(stage, { recursive: true, force: true });
  rmSync(db, { force: true });
  return { a, b };
}

/** One restload run, with what the mock served and what DuckDB holds checked against `expect`. */
async function runRestloadChecked(mock, name, ds, dir, config, expect) {
  await mock.stats(ds, true);
  log(`${name}: ${expect.label ?? 'restload'}`);
  const r = await runRestload(dir, config);
  const served = await mock.stats(ds, true);
  const counts = checkCounts({
    db: await countRows(join(dir, 'restload.duckdb'), Object.keys(expect.db)),
    expectedDb: expect.db,
    runCounts: r.summary.row_counts,
    expectedRun: expect.run,
    served,
    expectedServed: expect.served,
  });
  return { r, counts };
}

/** Row counts of the bench dataset's tables (and distinct issue ids), read-only. */
async function countRows(dbPath, tables) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
  const conn = await inst.connect();
  const out = {};
  try {
    const present = new Set(
      (await (await conn.runAndReadAll("SELECT table_name FROM information_schema.tables WHERE table_schema = 'bench'")).getRowObjects()).map((r) => r.table_name),
    );
    for (const t of tables) {
      out[t] = present.has(t) ? Number((await (await conn.runAndReadAll(`SELECT count(*) AS n FROM bench."${t}"`)).getRowObjects())[0].n) : 0;
    }
    if (present.has('issues')) {
      out['issues (distinct id)'] = Number((await (await conn.runAndReadAll('SELECT count(DISTINCT id) AS n FROM bench.issues')).getRowObjects())[0].n);
    }
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
  return out;
}

/**
 * The correctness check of one case: DuckDB's tables hold exactly the rows
 * the dataset has, the restload summary says the same about this run, and
 * the mock served this run the items it was expected to.
 */
function checkCounts({ db, expectedDb, runCounts, expectedRun, served, expectedServed }) {
  const problems = [];
  for (const [t, n] of Object.entries(expectedDb)) {
    if (db[t] !== n) problems.push(`duckdb ${t}=${db[t]} expected ${n}`);
  }
  if (db['issues (distinct id)'] !== expectedDb.issues) problems.push(`duckdb issues distinct ids=${db['issues (distinct id)']} expected ${expectedDb.issues}`);
  for (const [t, n] of Object.entries(expectedRun)) {
    if ((runCounts[t] ?? 0) !== n) problems.push(`run row_counts ${t}=${runCounts[t] ?? 0} expected ${n}`);
  }
  for (const t of Object.keys(runCounts)) if (!(t in expectedRun)) problems.push(`run row_counts has unexpected table ${t}`);
  for (const [k, n] of Object.entries(expectedServed)) {
    if (served[k] !== n) problems.push(`mock served ${k}=${served[k]} expected ${n}`);
  }
  return { ok: problems.length === 0, problems, db, expected_db: expectedDb, run_row_counts: runCounts, served };
}

const results = { cases: {}, targets: [] };

function summarize(name, { items, rest, fa, fb, counts, extra = {} }) {
  const wall = median(rest.map((r) => r.wallMs));
  const cpu = rest.every((r) => r.cpuMs !== undefined) ? median(rest.map((r) => r.cpuMs)) : undefined;
  const fa_ = fa && median(fa.map((r) => r.wallMs));
  const fb_ = fb && median(fb.map((r) => r.wallMs));
  const c = {
    items,
    wall_ms: wall,
    cpu_ms: cpu,
    rows_per_s: items / (wall / 1000),
    floor_a_ms: fa_,
    floor_b_ms: fb_,
    ratio_a: fa_ ? wall / fa_ : undefined,
    ratio_b: fb_ ? wall / fb_ : undefined,
    floor_a_cpu_ms: fa && fa.every((r) => r.cpuMs !== undefined) ? median(fa.map((r) => r.cpuMs)) : undefined,
    floor_b_cpu_ms: fb && fb.every((r) => r.cpuMs !== undefined) ? median(fb.map((r) => r.cpuMs)) : undefined,
    floor_b_load_tail_ms: fb && median(fb.map((r) => r.summary.load_tail_ms)),
    floor_b_fetch_ms: fb && median(fb.map((r) => r.summary.fetch_ms)),
    peak_rss_mb: Math.max(...rest.map((r) => r.peakRssMb)),
    samples: {
      restload_ms: rest.map((r) => Math.round(r.wallMs)),
      floor_a_ms: fa?.map((r) => Math.round(r.wallMs)),
      floor_b_ms: fb?.map((r) => Math.round(r.wallMs)),
    },
    restload_summary: rest[rest.length - 1]?.summary,
    restload_steps_ms: rest[rest.length - 1]?.steps,
    counts,
    ...extra,
  };
  results.cases[name] = c;
  log(
    `${name}: restload ${(wall / 1000).toFixed(2)} s` +
      (fa_ ? `, floor a ${(fa_ / 1000).toFixed(2)} s (${c.ratio_a.toFixed(2)}×)` : '') +
      (fb_ ? `, floor b ${(fb_ / 1000).toFixed(2)} s (${c.ratio_b.toFixed(2)}×)` : '') +
      `, peak RSS ${c.peak_rss_mb.toFixed(0)} MB, counts ${counts.ok ? 'ok' : 'WRONG: ' + counts.problems.join('; ')}`,
  );
  return c;
}

// ---------- cases ----------
async function caseHelp() {
  await measure(NODE, [BIN, '--help']); // warm the page cache
  const runs = [];
  const bare = [];
  for (let i = 0; i < 5; i++) {
    runs.push(await measure(NODE, [BIN, '--help']));
    bare.push(await measure(NODE, ['-e', '0'])); // the floor: starting node at all
  }
  const bad = runs.find((r) => r.code !== 0 || !/Usage|usage/.test(r.stdout));
  results.cases.help = {
    wall_ms: median(runs.map((r) => r.wallMs)),
    samples_ms: runs.map((r) => Math.round(r.wallMs)),
    peak_rss_mb: Math.max(...runs.map((r) => r.peakRssMb)),
    node_start_ms: median(bare.map((r) => r.wallMs)),
    cpu_ms: runs.every((r) => r.cpuMs !== undefined) ? median(runs.map((r) => r.cpuMs)) : undefined,
    ok: !bad,
  };
  log(`help: median ${results.cases.help.wall_ms.toFixed(0)} ms (${results.cases.help.samples_ms.join(', ')}); \`node -e 0\` ${results.cases.help.node_start_ms.toFixed(0)} ms`);
}

async function caseIssues(mock, name, n) {
  const ds = name.replace(/[^a-z0-9]/g, '');
  await mock.dataset(ds, n);
  log(`${name}: rendering ${n} issues in the mock…`);
  await mock.warm(ds);
  const url = `${mock.url}/${ds}/issues?per_page=100`;
  const fa = [];
  const fb = [];
  const rest = [];
  let counts;
  for (let i = 0; i < REPEAT; i++) {
    const dir = join(WORK, `${name}-${i}`);
    mkdirSync(dir, { recursive: true });
    const { a, b } = await runFloors(name, dir, i, { url });
    fa.push(a);
    fb.push(b);
    const config = writeConfig(dir, { name: `bench_${ds}`, baseUrl: `${mock.url}/${ds}/` });
    const expected = expectedCounts(1, n, false);
    const run = await runRestloadChecked(mock, name, ds, dir, config, { db: expected, run: expected, served: { issues: n } });
    rest.push(run.r);
    counts = run.counts;
    if (!KEEP) rmSync(dir, { recursive: true, force: true });
  }
  await mock.clearCache();
  return summarize(name, { items: n, rest, fa, fb, counts });
}

async function caseFanout(mock) {
  const name = 'fanout';
  const n = 2000;
  const latency = 20;
  await mock.dataset(name, n, latency);
  await mock.warm(name, { comments: true });
  const url = `${mock.url}/${name}/issues?per_page=100`;
  const children = `${mock.url}/${name}/issues/{number}/comments?per_page=100`;
  const expected = expectedCounts(1, n, true);
  const fa = [];
  const fb = [];
  const rest = [];
  let counts;
  for (let i = 0; i < REPEAT; i++) {
    const dir = join(WORK, `${name}-${i}`);
    mkdirSync(dir, { recursive: true });
    const { a, b } = await runFloors(name, dir, i, { url, children });
    fa.push(a);
    fb.push(b);
    const config = writeConfig(dir, { name: `bench_${name}`, baseUrl: `${mock.url}/${name}/`, children: true });
    const run = await runRestloadChecked(mock, name, name, dir, config, {
      db: expected, run: expected, served: { issues: n, comment_requests: n, comments: expected.issue_comments },
    });
    rest.push(run.r);
    counts = run.counts;
    if (!KEEP) rmSync(dir, { recursive: true, force: true });
  }
  await mock.clearCache();
  return summarize(name, {
    items: n + expected.issue_comments,
    rest,
    fa,
    fb,
    counts,
    extra: { latency_ms: latency, concurrency: CONCURRENCY, requests: n + Math.ceil(n / 100) },
  });
}

async function caseIncremental(mock) {
  const name = 'incremental';
  const n0 = 100_000;
  const added = n0 / 100;
  const dir = join(WORK, name);
  mkdirSync(dir, { recursive: true });
  await mock.dataset(name, n0);
  log(`${name}: rendering ${n0} issues in the mock…`);
  await mock.warm(name);
  // The first run (untimed for the target): 100k issues with since=initial_value.
  const config = writeConfig(dir, { name: `bench_${name}`, baseUrl: `${mock.url}/${name}/`, incremental: true });
  log(`${name}: first restload run (${n0} issues)`);
  const first = await runRestload(dir, config);
  // The floor (b) base: the same 100k raw rows already in a DuckDB file.
  const floorBase = join(dir, 'floor-b-base.duckdb');
  log(`${name}: floor b base (${n0} raw rows)`);
  await runFloor('b', { url: `${mock.url}/${name}/issues?per_page=100`, db: floorBase, dir: join(dir, 'floor-b-stage') });
  rmSync(join(dir, 'floor-b-stage'), { recursive: true, force: true });

  // 1% new issues appear, all updated after the last cursor value.
  const since = updatedAt(n0); // restload's stored last_value: the newest updated_at it saw
  await mock.dataset(name, n0 + added);
  await mock.warm(name, { since });
  const snap = join(dir, 'snapshot');
  cpSync(join(dir, 'restload.duckdb'), join(snap, 'restload.duckdb'));
  cpSync(join(dir, 'pipelines'), join(snap, 'pipelines'), { recursive: true });
  const url = `${mock.url}/${name}/issues?per_page=100&since=${encodeURIComponent(since)}`;
  const fa = [];
  const fb = [];
  const rest = [];
  let counts;
  for (let i = 0; i < REPEAT; i++) {
    if (i > 0) {
      rmSync(join(dir, 'restload.duckdb'), { force: true });
      rmSync(join(dir, 'restload.duckdb.wal'), { force: true });
      rmSync(join(dir, 'pipelines'), { recursive: true, force: true });
      cpSync(join(snap, 'restload.duckdb'), join(dir, 'restload.duckdb'));
      cpSync(join(snap, 'pipelines'), join(dir, 'pipelines'), { recursive: true });
    }
    const { a, b } = await runFloors(name, dir, i, { url, baseDb: floorBase });
    fa.push(a);
    fb.push(b);
    const run = await runRestloadChecked(mock, name, name, dir, config, {
      label: 'second restload run',
      db: expectedCounts(1, n0 + added, false),
      run: expectedCounts(n0 + 1, n0 + added, false),
      // since = updated_at of issue n0, inclusive: the boundary issue is served again and dropped by its hash.
      served: { issues: added + 1 },
    });
    rest.push(run.r);
    counts = run.counts;
  }
  if (!KEEP) rmSync(dir, { recursive: true, force: true });
  await mock.clearCache();
  return summarize(name, {
    items: added,
    rest,
    fa,
    fb,
    counts,
    extra: { first_run_ms: first.wallMs, first_run_peak_rss_mb: first.peakRssMb, since },
  });
}

// ---------- targets ----------
function evaluateTargets() {
  const t = [];
  const c = results.cases;
  const add = (kase, target, measured, pass) => t.push({ case: kase, target, measured, result: pass === undefined ? 'n/a' : pass ? 'PASS' : 'FAIL' });
  if (c.help) add('help', '`restload --help` ≤ 150 ms', `${c.help.wall_ms.toFixed(0)} ms`, c.help.ok && c.help.wall_ms <= 150);
  for (const k of ['issues-10k', 'issues-100k', 'issues-1m', 'fanout', 'incremental']) {
    if (c[k]) add(k, 'row counts in DuckDB = what the mock served', c[k].counts.ok ? 'equal' : c[k].counts.problems.slice(0, 3).join('; '), c[k].counts.ok);
  }
  const i100 = c['issues-100k'];
  if (i100) {
    add('issues-100k', 'wall ≤ 2× floor (a)', `${i100.ratio_a.toFixed(2)}×`, i100.ratio_a <= 2);
    add('issues-100k', 'wall ≤ 1.3× floor (b)', `${i100.ratio_b.toFixed(2)}×`, i100.ratio_b <= 1.3);
  }
  const i1m = c['issues-1m'];
  if (i1m) {
    if (i100) {
      const rel = i1m.rows_per_s / i100.rows_per_s;
      add('issues-1m', 'rows/s within 20% of issues-100k', `${(rel * 100).toFixed(0)}% of 100k's rows/s`, rel >= 0.8);
      const rss = i1m.peak_rss_mb / i100.peak_rss_mb;
      add('issues-1m', 'peak RSS ≤ 1.5× issues-100k', `${rss.toFixed(2)}× (${i1m.peak_rss_mb.toFixed(0)} / ${i100.peak_rss_mb.toFixed(0)} MB)`, rss <= 1.5);
    } else {
      add('issues-1m', 'rows/s within 20% of issues-100k', 'needs issues-100k in the same run', undefined);
      add('issues-1m', 'peak RSS ≤ 1.5× issues-100k', 'needs issues-100k in the same run', undefined);
    }
    add('issues-1m', 'peak RSS ≤ 600 MB', `${i1m.peak_rss_mb.toFixed(0)} MB`, i1m.peak_rss_mb <= 600);
  }
  const fo = c.fanout;
  if (fo) add('fanout', `wall ≤ 1.5× floor (a) (concurrency ${CONCURRENCY}, 20 ms latency)`, `${fo.ratio_a.toFixed(2)}×`, fo.ratio_a <= 1.5);
  const inc = c.incremental;
  if (inc) add('incremental', 'second run ≤ 0.6 s wall incl. process start', `${(inc.wall_ms / 1000).toFixed(2)} s`, inc.wall_ms <= 600);
  results.targets = t;
}

// ---------- output ----------
function table(headers, rows, align) {
  const w = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => '| ' + cells.map((c, i) => (align?.[i] === 'l' ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join(' | ') + ' |';
  const sep = '|' + w.map((x, i) => (align?.[i] === 'l' ? ':' + '-'.repeat(x + 1) : '-'.repeat(x + 1) + ':')).join('|') + '|';
  return [line(headers), sep, ...rows.map(line)].join('\n');
}

function printReport() {
  const c = results.cases;
  const s = (ms) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(2)} s`);
  const x = (r) => (r === undefined ? '–' : `${r.toFixed(2)}×`);
  const rows = [];
  for (const k of ['issues-10k', 'issues-100k', 'issues-1m', 'fanout', 'incremental']) {
    const r = c[k];
    if (!r) continue;
    rows.push([
      k,
      r.items.toLocaleString('en-US'),
      s(r.wall_ms),
      r.cpu_ms === undefined ? '–' : s(r.cpu_ms),
      Math.round(r.rows_per_s).toLocaleString('en-US'),
      s(r.floor_a_ms),
      x(r.ratio_a),
      s(r.floor_b_ms),
      x(r.ratio_b),
      `${r.peak_rss_mb.toFixed(0)} MB`,
      r.counts.ok ? 'PASS' : 'FAIL',
    ]);
  }
  if (c.help) {
    rows.push(['restload --help', '–', `${c.help.wall_ms.toFixed(0)} ms`, c.help.cpu_ms === undefined ? '–' : `${c.help.cpu_ms.toFixed(0)} ms`, '–', `${c.help.node_start_ms.toFixed(0)} ms ¹`, x(c.help.wall_ms / c.help.node_start_ms), '–', '–', `${c.help.peak_rss_mb.toFixed(0)} MB`, c.help.ok ? 'PASS' : 'FAIL']);
  }
  console.log('');
  console.log(table(['case', 'rows', 'wall', 'cpu', 'rows/s', 'floor (a)', '× (a)', 'floor (b)', '× (b)', 'peak RSS', 'counts'], rows, ['l']));
  const phases = [];
  for (const k of ['issues-10k', 'issues-100k', 'issues-1m', 'fanout', 'incremental']) {
    const st = c[k]?.restload_steps_ms;
    if (!st) continue;
    phases.push([k, s(c[k].wall_ms), s(st.outside_run), s(st.extract), s(st.normalize), s(st.load), s(st.run)]);
  }
  if (phases.length) {
    console.log('');
    console.log('restload phases (from its trace; extract includes normalizing each page as it arrives):');
    console.log(table(['case', 'wall', 'start-up + exit', 'extract', 'normalize', 'load', 'pipeline.run'], phases, ['l']));
  }
  console.log('');
  console.log(table(['case', 'target', 'measured', 'result'], results.targets.map((t) => [t.case, t.target, t.measured, t.result]), ['l', 'l', 'l', 'l']));
  console.log('');
  const m = results.machine;
  console.log(
    `rows = API items loaded (issues; fanout: issues + comments; incremental: the new issues). wall = process start to exit (median of ${REPEAT}; --help: median of 5); ` +
      `cpu = user+sys of that process. floor (a) = fetch + JSON.parse; floor (b) = (a) + bulk read_json load of the raw rows (stage: ${STAGE}). ` +
      (c.help ? '¹ for --help, floor (a) is `node -e 0`: starting node at all. ' : '') +
      `Machine: ${m.cpus} CPUs, node ${m.node}; 1-min load average when each case started: ` +
      Object.entries(results.loadavg_at_case ?? {}).map(([k, l]) => `${k} ${l.toFixed(1)}`).join(', ') + ' (shared machine: above the CPU count, other work competes with every timing).',
  );
  for (const k of Object.keys(c)) if (c[k].counts && !c[k].counts.ok) console.log(`${k}: count problems: ${c[k].counts.problems.join('; ')}`);
}

/** The machine is shared: optionally wait for other work to calm down before timing a case. */
async function waitQuiet(kase) {
  const until = Date.now() + QUIET_WAIT_S * 1000;
  while (loadavg()[0] >= cpus().length && Date.now() < until) await new Promise((r) => setTimeout(r, 5000));
  const l = loadavg()[0];
  (results.loadavg_at_case ??= {})[kase] = l;
  if (QUIET_WAIT_S && l >= cpus().length) log(`${kase}: load average still ${l.toFixed(2)} after waiting ${QUIET_WAIT_S} s; timing anyway`);
}

// ---------- main ----------
results.machine = { cpus: cpus().length, cpu_model: cpus()[0]?.model, mem_gb: Math.round(totalmem() / 2 ** 30), loadavg_start: loadavg(), node: process.version, time_v: HAVE_TIME, concurrency: CONCURRENCY };
results.started_at = new Date().toISOString();
if (!existsSync(join(ROOT, 'dist', 'cli-bundle', 'cli.cjs'))) {
  console.error('dist/ is missing: run `npm run build` first (or `npm run bench`).');
  process.exit(2);
}
if (loadavg()[0] > cpus().length) log(`warning: load average ${loadavg()[0].toFixed(2)} on ${cpus().length} CPUs: timings will be noisy`);
if (PROFILE_DIR) {
  mkdirSync(PROFILE_DIR, { recursive: true });
  log(`profiling restload runs into ${PROFILE_DIR} (timings include profiler overhead)`);
}
let mock;
let failed;
try {
  if (CASES.includes('help')) {
    await waitQuiet('help');
    await caseHelp();
  }
  const needsMock = CASES.some((k) => k !== 'help');
  if (needsMock) mock = await startMock();
  for (const k of CASES) {
    if (k !== 'help') await waitQuiet(k);
    if (k === 'issues-10k') await caseIssues(mock, k, 10_000);
    if (k === 'issues-100k') await caseIssues(mock, k, 100_000);
    if (k === 'issues-1m') await caseIssues(mock, k, 1_000_000);
    if (k === 'fanout') await caseFanout(mock);
    if (k === 'incremental') await caseIncremental(mock);
  }
} catch (e) {
  failed = e;
  console.error(e?.stack ?? e);
} finally {
  await mock?.stop();
  if (!KEEP) rmSync(WORK, { recursive: true, force: true });
  else log(`kept working files in ${WORK}`);
}
results.finished_at = new Date().toISOString();
results.machine.loadavg_end = loadavg();
evaluateTargets();
printReport();
if (JSON_OUT) {
  writeFileSync(JSON_OUT, JSON.stringify(results, null, 2) + '\n');
  log(`wrote ${JSON_OUT}`);
}
process.exitCode = failed || results.targets.some((t) => t.result === 'FAIL') ? 1 : 0;
