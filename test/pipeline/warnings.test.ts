// Run warnings: what a run noticed that may mean rows are missing or changed
// reaches the LoadInfo (summary and JSON) and the trace, naming the resource.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { json, serve } from '../helpers/server.js';
import { runConfig } from '../helpers/run-source.js';

test('keys that normalize to one column: a KEY_COLLISION warning names resource, keys and column', async () => {
  const api = await serve((_req, res) => json(res, [{ id: 1, a_b: 'x', aB: 'y' }, { id: 2, a_b: 'p', aB: 'q' }]));
  try {
    const { info, rows } = await runConfig({ client: { base_url: api.url, paginator: 'single_page' }, resources: ['things'] });
    const w = info.warnings.filter((x) => x.code === 'KEY_COLLISION');
    assert.equal(w.length, 1);
    assert.equal(w[0]!.resource, 'things');
    assert.match(w[0]!.message, /"a_b" and "aB"/);
    assert.match(w[0]!.message, /things\.a_b/);
    assert.deepEqual((info.toJSON().warnings as unknown[]).length, 1);
    assert.match(info.toString(), /Warnings \(1\):\n {2}things: keys "a_b" and "aB" normalize/);
    assert.deepEqual(info.trace.warnings, info.warnings);
    // dlt's layout: the later key wins.
    assert.deepEqual(await rows('SELECT a_b FROM things ORDER BY id'), [{ a_b: 'y' }, { a_b: 'q' }]);
  } finally {
    await api.close();
  }
});

test('a clean run has no warnings and no Warnings block', async () => {
  const api = await serve((_req, res) => json(res, [{ id: 1, name: 'a' }]));
  try {
    const { info } = await runConfig({ client: { base_url: api.url, paginator: 'single_page' }, resources: ['things'] });
    assert.deepEqual(info.warnings, []);
    assert.doesNotMatch(info.toString(), /Warnings/);
  } finally {
    await api.close();
  }
});
