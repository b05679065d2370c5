import { serve, json } from './server.js';

/**
 * PokeAPI's list endpoints as https://pokeapi.co/api/v2/ serves them:
 * `{count, next, previous, results: [{name, url}]}`, `limit` (default 20) and
 * `offset` in the query, `next`/`previous` absolute URLs (`…/pokemon?offset=20&limit=20`) or null. `sizes`
 * gives each list's length; any other path is a 404 as PokeAPI's.
 */
export async function startPokeApi(sizes: Record<string, number>): Promise<{ base: string; requests: string[]; close(): Promise<void> }> {
  let base = '';
  const requests: string[] = [];
  const page = (name: string, offset: number, limit: number) => `${base}/api/v2/${name}?offset=${offset}&limit=${limit}`;
  const api = await serve((req, res) => {
    requests.push(`${req.path}${req.query.size ? `?${req.query}` : ''}`);
    const name = req.path.replace(/^\/api\/v2\//, '').replace(/\/$/, '');
    const total = sizes[name];
    if (req.method !== 'GET' || total === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not Found');
      return;
    }
    const limit = Number(req.query.get('limit') ?? 20);
    const offset = Number(req.query.get('offset') ?? 0);
    const results = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => ({
      name: `${name}-${offset + i + 1}`,
      url: `${base}/api/v2/${name}/${offset + i + 1}/`,
    }));
    json(res, {
      count: total,
      next: offset + limit < total ? page(name, offset + limit, limit) : null,
      previous: offset > 0 ? page(name, Math.max(0, offset - limit), limit) : null,
      results,
    });
  });
  base = api.url;
  return { base, requests, close: api.close };
}
