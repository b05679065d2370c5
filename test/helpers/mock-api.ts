import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenLocal } from './server.js';

export interface Issue {
  id: number;
  number: number;
  title: string;
  state: string;
  updated_at: string;
  created_at: string;
  user: { login: string; id: number };
  labels: { id: number; name: string }[];
  body: string | null;
}

export interface MockApi {
  url: string;
  requests: string[];
  issues: Issue[];
  comments: Map<number, { id: number; body: string; user: { login: string } }[]>;
  /** Extra routes: return true when handled. */
  routes: ((req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>)[];
  close(): Promise<void>;
}

export function makeIssue(n: number, updated = `2024-02-${String((n % 27) + 1).padStart(2, '0')}T10:00:00Z`): Issue {
  return {
    id: 1000 + n,
    number: n,
    title: `Issue ${n} — ünïcode`,
    state: 'open',
    updated_at: updated,
    created_at: '2024-01-01T00:00:00Z',
    user: { login: `user${n % 5}`, id: n % 5 },
    labels: Array.from({ length: n % 3 }, (_, i) => ({ id: i, name: `label-${i}` })),
    body: n % 4 === 0 ? null : `body of ${n}`,
  };
}

/** A GitHub-like API on 127.0.0.1: /issues (Link pagination, since=), /issues/{n}/comments. */
export async function startMockApi(opts: { issues?: number; perPage?: number; comments?: (n: number) => number } = {}): Promise<MockApi> {
  const issues = Array.from({ length: opts.issues ?? 25 }, (_, i) => makeIssue(i + 1));
  const comments = new Map<number, { id: number; body: string; user: { login: string } }[]>();
  const commentCount = opts.comments ?? ((n: number) => n % 3);
  for (const i of issues) comments.set(i.number, Array.from({ length: commentCount(i.number) }, (_, k) => ({ id: i.number * 100 + k, body: `c${k}`, user: { login: 'x' } })));
  const api: MockApi = {
    url: '',
    requests: [],
    issues,
    comments,
    routes: [],
    close: async () => {},
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    api.requests.push(`${req.method} ${url.pathname}${url.search}`);
    for (const r of api.routes) if (await r(req, res, url)) return;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/issues') {
      const perPage = Number(url.searchParams.get('per_page') ?? opts.perPage ?? 10);
      const page = Number(url.searchParams.get('page') ?? 1);
      const since = url.searchParams.get('since');
      const list = api.issues.filter((i) => !since || i.updated_at >= since);
      const slice = list.slice((page - 1) * perPage, page * perPage);
      const headers: Record<string, string> = {};
      if (page * perPage < list.length) {
        const next = new URL(url.toString().replace('http://127.0.0.1', api.url));
        next.searchParams.set('page', String(page + 1));
        headers.link = `<${next}>; rel="next"`;
      }
      return send(200, slice, headers);
    }
    const m = /^\/issues\/(\d+)\/comments$/.exec(url.pathname);
    if (m) {
      const list = api.comments.get(Number(m[1]));
      return list ? send(200, list) : send(404, { message: 'Not Found' });
    }
    send(404, { message: 'Not Found' });
  });
  const { url, close } = await listenLocal(server);
  api.url = url;
  api.close = close;
  return api;
}
