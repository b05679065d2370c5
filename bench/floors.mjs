#!/usr/bin/env node
// The floors restload is measured against, each run as its own process (so
// its wall time includes process start, as restload's does):
//
//   (a) fetch every page and JSON.parse it, loading nothing;
//   (b) (a) plus the fastest bulk load of the raw rows into DuckDB found:
//       the pages' bytes are staged as they arrive and DuckDB reads them
//       with read_json in one statement per table.
//
//   node bench/floors.mjs --mode a|b --url FIRST_PAGE_URL
//        [--children URL_TEMPLATE_WITH_{number}] [--concurrency 8]
//        [--db FILE --dir STAGING_DIR] [--append] [--stage raw|ndjson]
//
// Parent pages follow `Link: rel="next"` one after another; children (when
// given) are fetched for every parent item with at most --concurrency
// requests in flight in total (the parent's page requests count too, and go
// first), across parent pages: the best any engine bounded the same way can do.
// Prints one JSON object on stdout.
import http from 'node:http';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const started = performance.now();
const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const flag = (name) => args.includes(name);
const MODE = arg('--mode', 'a');
const FIRST = arg('--url');
const CHILDREN = arg('--children');
const CONCURRENCY = Number(arg('--concurrency', '8'));
const DB = arg('--db');
const DIR = arg('--dir');
const APPEND = flag('--append');
const STAGE = arg('--stage', 'raw');
if (!FIRST || (MODE === 'b' && (!DB || !DIR))) {
  process.stderr.write('usage: floors.mjs --mode a|b --url URL [--children TEMPLATE] [--concurrency N] [--db FILE --dir DIR] [--append] [--stage raw|ndjson]\n');
  process.exit(2);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(1, CONCURRENCY) });

function get(url) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { accept: 'application/json', 'user-agent': 'restload-bench-floor' } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`${url}: HTTP ${res.statusCode}`));
        resolve({ text: Buffer.concat(chunks).toString('utf8'), link: res.headers.link });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

function nextLink(link) {
  if (!link) return undefined;
  const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(link);
  return m?.[1];
}

// A counting semaphore; page requests jump the queue.
let free = Math.max(1, CONCURRENCY);
const waiting = [];
function acquire(priority) {
  if (free > 0) {
    free--;
    return Promise.resolve();
  }
  return new Promise((resolve) => (priority ? waiting.unshift(resolve) : waiting.push(resolve)));
}
function release() {
  const next = waiting.shift();
  if (next) next();
  else free++;
}

/** Staging of one table's rows for the bulk load (mode b). */
class Stage {
  constructor(table) {
    this.table = table;
    this.file = join(DIR, `${table}.${STAGE === 'raw' ? 'json' : 'jsonl'}`);
    this.fd = openSync(this.file, 'w');
    this.rows = 0;
    this.parts = [];
    this.size = 0;
  }
  /** A page: its raw text (a JSON array) and its parsed items. */
  add(text, items) {
    if (!items.length) return;
    if (STAGE === 'raw') {
      // The page's own bytes, minus its brackets: the staged file is one big JSON array.
      const inner = text.slice(text.indexOf('[') + 1, text.lastIndexOf(']'));
      this.push(this.rows === 0 ? '[' + inner : ',' + inner);
    } else {
      let s = '';
      for (const it of items) s += JSON.stringify(it) + '\n';
      this.push(s);
    }
    this.rows += items.length;
  }
  push(s) {
    this.parts.push(s);
    this.size += s.length;
    if (this.size > 1 << 22) this.flush();
  }
  flush() {
    if (this.parts.length) writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
  close() {
    if (STAGE === 'raw' && this.rows) this.push(']');
    this.flush();
    closeSync(this.fd);
  }
}

const out = { mode: MODE, stage: MODE === 'b' ? STAGE : undefined, pages: 0, rows: 0, child_requests: 0, child_rows: 0 };
if (MODE === 'b') mkdirSync(DIR, { recursive: true });
const parentStage = MODE === 'b' ? new Stage('issues') : undefined;
const childStage = MODE === 'b' && CHILDREN ? new Stage('issue_comments') : undefined;

const childTasks = [];
async function fetchChildren(number) {
  await acquire(false);
  let page;
  try {
    page = await get(CHILDREN.replace('{number}', String(number)));
  } finally {
    release();
  }
  const items = JSON.parse(page.text);
  out.child_requests++;
  out.child_rows += items.length;
  childStage?.add(page.text, items);
}

for (let url = FIRST; url; ) {
  await acquire(true);
  let page;
  try {
    page = await get(url);
  } finally {
    release();
  }
  const items = JSON.parse(page.text);
  out.pages++;
  out.rows += items.length;
  parentStage?.add(page.text, items);
  if (CHILDREN) for (const it of items) childTasks.push(fetchChildren(it.number));
  url = nextLink(page.link);
}
await Promise.all(childTasks);
out.fetch_ms = Math.round(performance.now() - started);

if (MODE === 'b') {
  parentStage.close();
  childStage?.close();
  const loadStarted = performance.now();
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(DB);
  const conn = await instance.connect();
  const format = STAGE === 'raw' ? 'array' : 'newline_delimited';
  await conn.run('BEGIN TRANSACTION');
  for (const st of [parentStage, childStage]) {
    if (!st || !st.rows) continue;
    const exists = (await (await conn.runAndReadAll(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = '${st.table}'`)).getRowObjects())[0].n > 0n;
    if (APPEND && exists) {
      // Read with the table's own types (auto-detection on a small batch could disagree).
      const cols = (await (await conn.runAndReadAll(`DESCRIBE ${st.table}`)).getRowObjects())
        .map((r) => `'${r.column_name.replace(/'/g, "''")}': '${r.column_type.replace(/'/g, "''")}'`)
        .join(', ');
      await conn.run(`INSERT INTO ${st.table} SELECT * FROM read_json('${st.file}', format = '${format}', columns = {${cols}})`);
    } else {
      await conn.run(`CREATE TABLE ${st.table} AS SELECT * FROM read_json('${st.file}', format = '${format}')`);
    }
  }
  await conn.run('COMMIT');
  const counted = (await (await conn.runAndReadAll('SELECT count(*) AS n FROM issues')).getRowObjects())[0].n;
  out.table_rows = Number(counted);
  conn.closeSync();
  instance.closeSync();
  out.load_ms = Math.round(performance.now() - loadStarted);
}
out.total_ms = Math.round(performance.now() - started);
agent.destroy();
process.stdout.write(JSON.stringify(out) + '\n');
