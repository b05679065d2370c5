import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { query, ROOT, runCli, workspace } from '../helpers/cli.js';
import { startPokeApi } from '../helpers/pokeapi-mock.js';

const REAL_BASE = 'https://pokeapi.co/api/v2/';

/** examples/pokemon.yaml as shipped, with only its base_url pointed at the mock. */
function exampleAgainst(base: string): string {
  const yaml = readFileSync(join(ROOT, 'examples', 'pokemon.yaml'), 'utf8');
  assert.ok(yaml.includes(`base_url: ${REAL_BASE}`), 'the example still targets PokeAPI');
  return yaml.replace(`base_url: ${REAL_BASE}`, `base_url: ${base}/api/v2/`);
}

test('examples/pokemon.yaml (the README main job, no key) loads every page of pokemon, berry and location', async () => {
  const api = await startPokeApi({ pokemon: 1302, berry: 64, location: 1070 });
  const ws = workspace();
  ws.write('pokemon.yaml', exampleAgainst(api.base));
  try {
    const r = await runCli(['run', 'pokemon.yaml'], { cwd: ws.dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Pipeline pokemon load step completed/);
    assert.match(r.stdout, /dataset pokemon_data/);
    assert.match(r.stdout, /pokemon\s+1302/);
    assert.match(r.stdout, /berry\s+64/);
    assert.match(r.stdout, /location\s+1070/);
    assert.doesNotMatch(r.stderr, /warning/i);
    // json_link on `next`: page one with the limit from resource_defaults, then the URL the API gave.
    assert.deepEqual(api.requests.filter((u) => u.startsWith('/api/v2/pokemon')), ['/api/v2/pokemon?limit=1000', '/api/v2/pokemon?offset=1000&limit=1000']);
    assert.deepEqual(api.requests.filter((u) => u.startsWith('/api/v2/berry')), ['/api/v2/berry?limit=1000']);
    const db = join(ws.dir, 'pokemon.duckdb');
    assert.deepEqual((await query(db, 'select count(*) n, count(distinct name) d from pokemon_data.pokemon'))[0], { n: 1302n, d: 1302n });
    assert.deepEqual((await query(db, 'select count(*) n from pokemon_data.location'))[0], { n: 1070n });
    const cols = await query<{ column_name: string }>(db, "select column_name from information_schema.columns where table_schema = 'pokemon_data' and table_name = 'berry' order by ordinal_position");
    assert.deepEqual(cols.map((c) => c.column_name), ['name', 'url', '_dlt_load_id', '_dlt_id']);

    // The same command again (from cron): each table holds the list once, not twice.
    api.requests.length = 0;
    const again = await runCli(['run', 'pokemon.yaml', '--json'], { cwd: ws.dir });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(JSON.parse(again.stdout).row_counts.pokemon, 1302);
    assert.deepEqual((await query(db, 'select count(*) n from pokemon_data.pokemon'))[0], { n: 1302n });
    assert.equal((await query<{ n: bigint }>(db, 'select count(*) n from pokemon_data._dlt_loads'))[0]!.n, 2n);
  } finally {
    await api.close();
  }
});

test('examples/pokemon.yaml validates as shipped', async () => {
  const ws = workspace();
  const r = await runCli(['validate', join(ROOT, 'examples', 'pokemon.yaml'), '--json'], { cwd: ws.dir });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { ok: true, pipeline: 'pokemon', resources: ['pokemon', 'berry', 'location'], warnings: [] });
});
