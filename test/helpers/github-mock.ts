import { createServer } from 'node:http';
import { listenLocal } from './server.js';

export interface GhIssue {
  id: number;
  number: number;
  title: string;
  state: string;
  created_at: string;
  updated_at: string;
  labels: { name: string }[];
  user: { login: string };
}

/**
 * GitHub's /repos/{owner}/{repo}/issues as the quick start uses it: sort,
 * direction, since, per_page and Link-header pagination.
 */
export async function startGithubMock(count: number): Promise<{ url: string; issues: GhIssue[]; requests: string[]; close(): Promise<void> }> {
  const issues: GhIssue[] = Array.from({ length: count }, (_, i) => ({
    id: 5000 + i,
    number: i + 1,
    title: `issue ${i + 1}`,
    state: 'open',
    created_at: new Date(Date.UTC(2024, 0, 1 + i)).toISOString().replace('.000', ''),
    updated_at: new Date(Date.UTC(2024, 5, 1 + i)).toISOString().replace('.000', ''),
    labels: i % 2 ? [{ name: 'bug' }] : [],
    user: { login: `u${i % 3}` },
  }));
  const requests: string[] = [];
  let base = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${url.pathname}${url.search}`);
    if (url.pathname !== '/repos/dlt-hub/dlt/issues') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"message":"Not Found"}');
      return;
    }
    const sort = url.searchParams.get('sort') === 'updated' ? 'updated_at' : 'created_at';
    const desc = (url.searchParams.get('direction') ?? 'desc') === 'desc';
    const since = url.searchParams.get('since');
    const perPage = Number(url.searchParams.get('per_page') ?? 30);
    const page = Number(url.searchParams.get('page') ?? 1);
    const list = issues
      .filter((i) => !since || i.updated_at >= since)
      .sort((a, b) => (a[sort] < b[sort] ? -1 : a[sort] > b[sort] ? 1 : 0) * (desc ? -1 : 1));
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (page * perPage < list.length) {
      const next = new URL(`${base}${url.pathname}${url.search}`);
      next.searchParams.set('page', String(page + 1));
      headers.link = `<${next}>; rel="next"`;
    }
    res.writeHead(200, headers);
    res.end(JSON.stringify(list.slice((page - 1) * perPage, page * perPage)));
  });
  const { url, close } = await listenLocal(server);
  base = url;
  return { url, issues, requests, close };
}
