#!/usr/bin/env node
// The benchmark's GitHub-like API, run as its own process on 127.0.0.1.
//
//   node bench/mock-server.mjs [--port 0] [--latency-ms 0] [--exit-with-parent]
//
// Prints one line `{"url":"http://127.0.0.1:PORT"}` on stdout when listening.
//
// Data routes (per named dataset, so each case has its own size and latency):
//   GET /{ds}/issues?per_page=100&page=P&since=ISO   top-level array, Link: <…>; rel="next"
//   GET /{ds}/issues/{number}/comments                 0–6 comments (one page, no Link)
// Control routes:
//   POST /_control/dataset?name=ds&n=N[&latency=ms]    create, or resize (grow = new issues appear)
//   POST /_control/warm?name=ds[&since=ISO][&per_page=100][&comments=1]   render every page now
//   GET  /_control/stats?name=ds[&reset=1]             what was served: requests, issues, comments
//   POST /_control/clear-cache                         drop rendered pages (free memory)
//   POST /_control/shutdown
//
// Pages are rendered once and cached as Buffers keyed by the issue range they
// hold, so page 7 of a 10k dataset and of a 100k dataset are the same bytes;
// serving is a cache lookup plus a Link header.
import { createServer } from 'node:http';
import { comments, firstNumberSince, issue, issueShape } from './dataset.mjs';

const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const PORT = Number(arg('--port', '0'));
const DEFAULT_LATENCY = Number(arg('--latency-ms', '0'));

/** name → { n, latency, stats } */
const datasets = new Map();
/** `${from}-${to}` → Buffer (JSON array of issues from..to) */
const pageCache = new Map();
/** issue number → Buffer (JSON array of its comments) */
const commentCache = new Map();

function renderIssues(from, to) {
  const key = `${from}-${to}`;
  let b = pageCache.get(key);
  if (!b) {
    const items = [];
    for (let n = from; n <= to; n++) items.push(issue(n));
    b = Buffer.from(JSON.stringify(items));
    pageCache.set(key, b);
  }
  return b;
}

function renderComments(n) {
  let b = commentCache.get(n);
  if (!b) {
    b = Buffer.from(JSON.stringify(comments(n)));
    commentCache.set(n, b);
  }
  return b;
}

function perPageOf(url) {
  const v = Number(url.searchParams.get('per_page') ?? 30);
  return Number.isFinite(v) && v >= 1 ? Math.min(100, Math.floor(v)) : 30;
}

/** The issue range of one page of a dataset, or undefined past the end. */
function pageRange(ds, since, perPage, page) {
  const first = firstNumberSince(since);
  const from = first + (page - 1) * perPage;
  if (from > ds.n) return { from, to: from - 1, last: true };
  const to = Math.min(ds.n, from + perPage - 1);
  return { from, to, last: to >= ds.n };
}

const newStats = () => ({ requests: 0, issue_pages: 0, issues: 0, comment_requests: 0, comments: 0, bytes: 0 });

function send(res, status, body, headers = {}) {
  const buf = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(buf), ...headers });
  res.end(buf);
}

async function control(req, res, url) {
  const op = url.pathname.slice('/_control/'.length);
  const name = url.searchParams.get('name');
  if (op === 'dataset') {
    const n = Number(url.searchParams.get('n'));
    const latency = url.searchParams.has('latency') ? Number(url.searchParams.get('latency')) : undefined;
    const ds = datasets.get(name) ?? { n: 0, latency: DEFAULT_LATENCY, stats: newStats() };
    ds.n = n;
    if (latency !== undefined) ds.latency = latency;
    datasets.set(name, ds);
    return send(res, 200, { name, n: ds.n, latency: ds.latency });
  }
  if (op === 'warm') {
    const ds = datasets.get(name);
    if (!ds) return send(res, 404, { message: `no dataset ${name}` });
    const since = url.searchParams.get('since') ?? undefined;
    const perPage = perPageOf(url);
    let pages = 0;
    for (let p = 1; ; p++) {
      const r = pageRange(ds, since, perPage, p);
      if (r.to >= r.from) {
        renderIssues(r.from, r.to);
        pages++;
      }
      if (r.last) break;
      // Stay responsive to other requests while warming a million issues.
      if (p % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    if (url.searchParams.get('comments') === '1') for (let n = firstNumberSince(since); n <= ds.n; n++) renderComments(n);
    return send(res, 200, { pages, cached_pages: pageCache.size, rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20) });
  }
  if (op === 'stats') {
    const ds = datasets.get(name);
    if (!ds) return send(res, 404, { message: `no dataset ${name}` });
    const s = ds.stats;
    if (url.searchParams.get('reset') === '1') ds.stats = newStats();
    return send(res, 200, { name, n: ds.n, latency: ds.latency, ...s });
  }
  if (op === 'clear-cache') {
    pageCache.clear();
    commentCache.clear();
    return send(res, 200, { ok: true });
  }
  if (op === 'shutdown') {
    send(res, 200, { ok: true });
    server.close();
    setTimeout(() => process.exit(0), 50).unref();
    return;
  }
  send(res, 404, { message: `unknown control ${op}` });
}

const ISSUES = /^\/([^/]+)\/issues\/?$/;
const COMMENTS = /^\/([^/]+)\/issues\/(\d+)\/comments\/?$/;

async function handle(req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (url.pathname.startsWith('/_control/')) return control(req, res, url);
  let m = ISSUES.exec(url.pathname);
  const dsName = m?.[1] ?? COMMENTS.exec(url.pathname)?.[1];
  const ds = dsName && datasets.get(dsName);
  if (!ds) return send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  if (ds.latency > 0) await new Promise((resolve) => setTimeout(resolve, ds.latency));
  ds.stats.requests++;
  if (m) {
    const since = url.searchParams.get('since') ?? undefined;
    const perPage = perPageOf(url);
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const r = pageRange(ds, since, perPage, page);
    const body = r.to >= r.from ? renderIssues(r.from, r.to) : Buffer.from('[]');
    const headers = {};
    if (!r.last) {
      const next = new URL(url);
      next.searchParams.set('page', String(page + 1));
      next.searchParams.set('per_page', String(perPage));
      headers.link = `<http://${req.headers.host}${next.pathname}${next.search}>; rel="next"`;
    }
    ds.stats.issue_pages++;
    ds.stats.issues += Math.max(0, r.to - r.from + 1);
    ds.stats.bytes += body.length;
    return send(res, 200, body, headers);
  }
  m = COMMENTS.exec(url.pathname);
  const n = Number(m[2]);
  if (n < 1 || n > ds.n) return send(res, 404, { message: 'Not Found' });
  const body = renderComments(n);
  ds.stats.comment_requests++;
  // Counting items would mean parsing; the shape says how many there are.
  ds.stats.comments += countComments(n);
  ds.stats.bytes += body.length;
  return send(res, 200, body);
}

const countComments = (n) => issueShape(n).comments;

const server = createServer((req, res) => {
  handle(req, res).catch((e) => {
    try {
      send(res, 500, { message: String(e?.stack ?? e) });
    } catch {
      res.destroy();
    }
  });
});
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;
server.listen(PORT, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` }) + '\n');
});
process.on('SIGTERM', () => process.exit(0));
// Started by bench/run.mjs: stdin is a pipe from it, so its end means the orchestrator is gone
// (even if it was killed): do not linger as an orphan.
if (args.includes('--exit-with-parent')) {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}
