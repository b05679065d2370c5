#!/usr/bin/env node
// The floors restload is measured against, each run as its own process (so
// its wall time includes process start, as restload's does):
//
//   (a) fetch every page and JSON.parse it, loading nothing;
//   (b) (a) plus the fastest bulk load of the raw rows into DuckDB found:
//       the pages' bytes are staged in chunk files as they arrive and DuckDB
//       reads each chunk with read_json (typed columns, nested objects as
//       STRUCTs, lists as LISTs) while the next chunk is fetched, all in one
//       transaction.
//
//   node bench/floors.mjs --mode a|b --url FIRST_PAGE_URL
//        [--children URL_TEMPLATE_WITH_{number}] [--concurrency 8]
//        [--db FILE --dir STAGING_DIR] [--append] [--stage raw|ndjson] [--chunk-rows 20000]
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
const CHUNK_ROWS = Number(arg('--chunk-rows', '20000'));
if (!FIRST || (MODE === 'b' && (!DB || !DIR))) {
  process.stderr.write('usage: floors.mjs --mode a|b --url URL [--children TEMPLATE] [--concurrency N] [--db FILE --dir DIR] [--append] [--stage raw|ndjson] [--chunk-rows N]\n');
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

/**
 * Staging and bulk load of one table's rows (mode b). Rows are staged in
 * chunk files as the pages arrive (the page's own bytes: no re-serializing);
 * each full chunk is handed to DuckDB at once, so DuckDB's threads load chunk
 * k while this thread fetches chunk k+1. The first chunk creates the table
 * (types auto-detected over the whole chunk); later chunks are read with the
 * table's column types, which skips read_json's sampling pass. With
 * --chunk-rows 0 everything is loaded in one statement at the end.
 */
class Stage {
  constructor(table, db) {
    this.table = table;
    this.db = db;
    this.rows = 0;
    this.chunk = 0;
    this.loading = Promise.resolve();
    this.open();
  }
  open() {
    this.file = join(DIR, `${this.table}-${this.chunk++}.${STAGE === 'raw' ? 'json' : 'jsonl'}`);
    this.fd = openSync(this.file, 'w');
    this.chunkRows = 0;
    this.parts = [];
    this.size = 0;
  }
  /** A page: its raw text (a JSON array) and its parsed items. */
  add(text, items) {
    if (!items.length) return;
    if (STAGE === 'raw') {
      // The page's own bytes, minus its brackets: the chunk file is one JSON array.
      const inner = text.slice(text.indexOf('[') + 1, text.lastIndexOf(']'));
      this.push(this.chunkRows === 0 ? '[' + inner : ',' + inner);
    } else {
      let s = '';
      for (const it of items) s += JSON.stringify(it) + '\n';
      this.push(s);
    }
    this.rows += items.length;
    this.chunkRows += items.length;
    if (CHUNK_ROWS > 0 && this.chunkRows >= CHUNK_ROWS) {
      this.closeChunk();
      this.open();
    }
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
  closeChunk() {
    if (STAGE === 'raw' && this.chunkRows) this.push(']');
    this.flush();
    closeSync(this.fd);
    if (!this.chunkRows) return;
    const file = this.file;
    this.loading = this.loading.then(() => this.load(file));
    // Surface a load error now rather than at the end.
    this.loading.catch(() => {});
  }
  async load(file) {
    const conn = await this.db();
    const format = STAGE === 'raw' ? 'array' : 'newline_delimited';
    if (this.columns === undefined) {
      const exists = (await (await conn.runAndReadAll(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = '${this.table}'`)).getRowObjects())[0].n > 0n;
      if (!exists) {
        // A chunk is small enough to sample whole; one big file keeps read_json's default sample.
        const sample = CHUNK_ROWS > 0 && CHUNK_ROWS <= 50_000 ? ', sample_size = -1' : '';
        await conn.run(`CREATE TABLE ${this.table} AS SELECT * FROM read_json('${file}', format = '${format}'${sample})`);
        this.columns = await columnsOf(conn, this.table);
        return;
      }
      // Appending: read with the table's own types (detection on a small batch could disagree).
      this.columns = await columnsOf(conn, this.table);
    }
    await conn.run(`INSERT INTO ${this.table} SELECT * FROM read_json('${file}', format = '${format}', columns = {${this.columns}})`);
  }
  async close() {
    this.closeChunk();
    await this.loading;
  }
}

async function columnsOf(conn, table) {
  return (await (await conn.runAndReadAll(`DESCRIBE ${table}`)).getRowObjects())
    .map((r) => `'${r.column_name.replace(/'/g, "''")}': '${r.column_type.replace(/'/g, "''")}'`)
    .join(', ');
}

const out = { mode: MODE, stage: MODE === 'b' ? STAGE : undefined, chunk_rows: MODE === 'b' ? CHUNK_ROWS : undefined, pages: 0, rows: 0, child_requests: 0, child_rows: 0 };
let connection;
/** The DuckDB connection, opened (and a transaction begun) on first use. */
function db() {
  connection ??= (async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(DB);
    const conn = await instance.connect();
    await conn.run('BEGIN TRANSACTION');
    return { instance, conn };
  })();
  return connection.then((c) => c.conn);
}
if (MODE === 'b') mkdirSync(DIR, { recursive: true });
const parentStage = MODE === 'b' ? new Stage('issues', db) : undefined;
const childStage = MODE === 'b' && CHILDREN ? new Stage('issue_comments', db) : undefined;
if (MODE === 'b') void db(); // open DuckDB while the first pages arrive

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
  const loadStarted = performance.now();
  await parentStage.close();
  await childStage?.close();
  const conn = await db();
  await conn.run('COMMIT');
  out.table_rows = Number((await (await conn.runAndReadAll('SELECT count(*) AS n FROM issues')).getRowObjects())[0].n);
  conn.closeSync();
  (await connection).instance.closeSync();
  // Time spent after the last page arrived: what loading added to fetching.
  out.load_tail_ms = Math.round(performance.now() - loadStarted);
}
out.total_ms = Math.round(performance.now() - started);
agent.destroy();
process.stdout.write(JSON.stringify(out) + '\n');
