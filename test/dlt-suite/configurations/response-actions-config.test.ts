// Port of dlt's tests/sources/rest_api/configurations/test_response_actions_config.py
// (dlt 1.26.0, commit b3fc4a9e7c4152a76c6d29d035ddf9879609dc50).
// dlt's hooks are Python callables (functions, mocks); here they are
// `{module, export}` references to modules/hooks.mjs. dlt counts the hooks
// create_response_hooks builds, an internal detail; restload's equivalent
// check is that each config loads with its actions as written, and that a
// value of the wrong type is a config error at its line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accepts, BASE, rejects, resource } from './helpers.js';

const HOOKS = join(dirname(fileURLToPath(import.meta.url)), 'modules', 'hooks.mjs');
const customHook = { module: HOOKS, export: 'customHook' };
const otherHook = { module: HOOKS, export: 'otherHook' };

const withActions = (response_actions: unknown[]) => ({ client: { base_url: BASE }, resources: [{ name: 'posts', endpoint: { response_actions } }] });

test('response actions config: hooks and status/content matches can be mixed (test_create_multiple_response_actions)', async (t) => {
  const lists: unknown[][] = [
    [customHook, { status_code: 404, action: 'ignore' }, { content: 'Not found', action: 'ignore' }, { status_code: 200, content: 'some text', action: 'ignore' }],
    [customHook, { status_code: 200, action: customHook }],
  ];
  for (const [i, actions] of lists.entries()) {
    await t.test(`response_actions_${i + 1}`, () => {
      assert.deepEqual(resource(accepts(withActions(actions)), 'posts').endpoint.responseActions, actions);
    });
  }
});

test('response actions config: an action of the wrong type is refused, any string is accepted (test_response_action_raises_type_error)', async (t) => {
  await t.test('an int', () => {
    rejects(withActions([{ status_code: 200, action: 123 }]), /must be|not number|action/, 'resources[0].endpoint.response_actions[0].action');
  });
  for (const action of ['ignore', 'foobar']) {
    await t.test(`"${action}"`, () => {
      assert.deepEqual(resource(accepts(withActions([{ status_code: 200, action }])), 'posts').endpoint.responseActions, [{ status_code: 200, action }]);
    });
  }
});

test('response actions config: an action may be one hook or a list of hooks (test_parses_hooks_from_response_actions, test_config_validation_for_response_actions)', async (t) => {
  const lists: [string, unknown[]][] = [
    ['a hook as the action', [{ status_code: 200, action: customHook }]],
    ['hooks as actions', [customHook, otherHook]],
    ['a list of hooks as the action', [{ status_code: 200, action: [customHook, otherHook] }]],
  ];
  for (const [name, actions] of lists) {
    await t.test(name, () => {
      assert.deepEqual(resource(accepts(withActions(actions)), 'posts').endpoint.responseActions, actions);
    });
  }
});
