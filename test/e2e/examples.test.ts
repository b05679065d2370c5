import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { listenLocal } from '../helpers/server.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { query, ROOT, runCli, workspace } from '../helpers/cli.js';

/** PokeAPI's list endpoints: {count, next, previous, results}, `limit`/`offset` in the next URL. */
async function startPokeApi(sizes: Record<string, number>) {
  let base = '';
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(url.pathname + url.search);
    const name = url.pathname.replace(/^\/api\/v2\//, '').replace(/\/$/, '');
    const total = sizes[name];
    if (total === undefined) {
      res.writeHead(404);
      res.end('Not Found');
      return;
    }
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const results = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => ({
      name: `${name}-${offset + i + 1}`,
      url: `${base}/api/v2/${name}/${offset + i + 1}/`,
    }));
    const next = offset + limit < total ? `${base}/api/v2/${name}?offset=${offset + limit}&limit=${limit}` : null;
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ count: total, next, previous: null, results }));
  });
  const { url, close } = await listenLocal(server);
  base = url;
  return { base, requests, close };
}

test('examples/pokemon.yaml (the README main job) pages through PokeAPI-shaped responses', async () => {
  const api = await startPokeApi({ pokemon: 1302, berry: 64, location: 1070 });
  const ws = workspace();
  try {
    const yaml = readFileSync(join(ROOT, 'examples', 'pokemon.yaml'), 'utf8').replace('https://pokeapi.co/api/v2/', `${api.base}/api/v2/`);
    ws.write('pokemon.yaml', yaml);
    const r = await runCli(['run', 'pokemon.yaml'], { cwd: ws.dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Pipeline pokemon load step completed/);
    assert.match(r.stdout, /pokemon\s+1302/);
    const db = join(ws.dir, 'pokemon.duckdb');
    const rows = await query<{ n: bigint; d: bigint }>(db, 'select count(*) n, count(distinct name) d from pokemon_data.pokemon');
    assert.deepEqual(rows[0], { n: 1302n, d: 1302n });
    assert.equal((await query<{ n: bigint }>(db, 'select count(*) n from pokemon_data.berry'))[0]!.n, 64n);
    assert.equal((await query<{ n: bigint }>(db, 'select count(*) n from pokemon_data.location'))[0]!.n, 1070n);
    // The detected json_link paginator followed `next` with the limit from resource_defaults.
    assert.ok(api.requests.includes('/api/v2/pokemon?offset=1000&limit=1000'), api.requests.join('\n'));
    const cols = await query<{ column_name: string }>(db, "select column_name from information_schema.columns where table_schema = 'pokemon_data' and table_name = 'pokemon' order by ordinal_position");
    assert.deepEqual(cols.map((c) => c.column_name), ['name', 'url', '_dlt_load_id', '_dlt_id']);
  } finally {
    await api.close();
  }
});

test('restload --help and --version answer without loading the engine', async () => {
  const ws = workspace();
  const help = await runCli(['--help'], { cwd: ws.dir });
  assert.equal(help.code, 0);
  for (const cmd of ['init', 'run', 'validate', 'pipeline']) assert.match(help.stdout, new RegExp(`\\b${cmd}\\b`));
  const wrong = await runCli(['rnu', 'x.yaml'], { cwd: ws.dir });
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /Did you mean run\?/);
});
