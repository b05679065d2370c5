import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/config/errors.js';

const YAML = `client:
  base_url: https://api.example.com/
  paginator:
    type: cursor
    cursor_path: "data[-1].id"
resource_defaults:
  endpoint:
    data_selector: "$.results[*]"
resources:
  - name: users
    endpoint:
      path: users
      data_selector: "data["
      paginator:
        type: json_link
        next_url_path: "$['@odata.nextLink']"
  - name: events
    endpoint:
      path: events
      incremental:
        cursor_path: "updated_at)"
        start_param: since
  - name: logs
    endpoint:
      path: logs
      params:
        after:
          type: incremental
          cursor_path: "a b"
  - name: orders
    endpoint:
      path: orders
      paginator:
        type: offset
        limit: 10
        total_path: meta..total
        has_more_path: "meta.more["
`;

function problems(text: string) {
  try {
    loadConfig('api.yaml', { text, cwd: '/tmp', env: {} });
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

test('validate reports every JSONPath that cannot parse, at its line, and nothing for good ones', () => {
  const found = problems(YAML).map((p) => `${p.configPath}@${p.line}`);
  assert.deepEqual(found.sort(), [
    'resources[0].endpoint.data_selector@13',
    'resources[1].endpoint.incremental.cursor_path@21',
    'resources[2].endpoint.params.after.cursor_path@29',
    'resources[3].endpoint.paginator.has_more_path@37',
  ]);
  const first = problems(YAML).find((p) => p.configPath === 'resources[0].endpoint.data_selector')!;
  assert.match(first.message, /invalid JSONPath "data\[".*end of the path/);
  assert.match(first.hint ?? '', /data\[-1\]\.id/);
});

test('a valid config with dlt-style paths passes', () => {
  const ok = YAML.replace('"data["', 'data').replace('"updated_at)"', 'updated_at').replace('"a b"', "'$.meta[\"a b\"]'").replace('"meta.more["', 'meta.more');
  assert.deepEqual(problems(ok), []);
});

test('a path still holding ${...} is left for interpolation', () => {
  const text = `client:\n  base_url: https://x/\nresources:\n  - name: a\n    endpoint:\n      data_selector: "\${env.SEL}"\n`;
  const found = problems(text);
  assert.ok(found.every((p) => !p.configPath.endsWith('data_selector') || !/JSONPath/.test(p.message)));
});
