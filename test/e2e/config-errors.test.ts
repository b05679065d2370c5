// `restload validate` on broken configs: exit 2, the problem at file:line:col
// with the offending line and a caret, never "a bug in restload", never a
// stack trace, never a warning of a library (issue 14). Uses the built CLI
// (`npm run build` first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../src/config/errors.js';
import { loadConfig } from '../../src/config/load.js';
import { brokenConfigs } from '../helpers/broken-configs.js';
import { runCli, workspace, type CliResult } from '../helpers/cli.js';

/** Nothing a user's file does may show the machinery. */
function assertNoCrash(r: CliResult, what: string): void {
  assert.doesNotMatch(r.stderr, /bug in restload|Maximum call stack|^\s+at .+:\d+:\d+\)?$|\(node:\d+\) Warning/m, `${what}\n${r.stderr}`);
  assert.equal(r.stdout, r.code === 0 ? 'ok\n' : '', what);
}

test('validate: a YAML tab shows file:line:col, the line and a caret under the column', async () => {
  const ws = workspace({ 'tab.yaml': 'client:\n  base_url: http://127.0.0.1:9/\nresources:\n  - name: a\n\t  endpoint: a\n' });
  try {
    const r = await runCli(['validate', 'tab.yaml'], { cwd: ws.dir });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^ {2}tab\.yaml:5:1\n {4}YAML syntax: Tabs are not allowed as indentation\n {4}5 \| \t {2}endpoint: a\n {4} {2}\| \^\n {4}hint: indent with spaces/m);
    assertNoCrash(r, 'tab');
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
  }
});

test('validate: JSON is strict JSON, TOML errors have their column, validation errors the right line', async () => {
  const ws = workspace({
    'trailing.json': '{\n  "client": {"base_url": "http://127.0.0.1:9/"},\n  "resources": ["a",]\n}\n',
    'deep.toml': '[client]\nbase_url = "http://127.0.0.1:9/"\n\n[[resources]]\nname = "a"\n\n[[resources]]\nname = "b"\n[resources.endpoint]\npath = "b"\npaginatr = "auto"\n',
    'unclosed.toml': '[client]\nbase_url = "http://127.0.0.1:9/\n',
  });
  try {
    const json = await runCli(['validate', 'trailing.json'], { cwd: ws.dir });
    assert.equal(json.code, 2);
    assert.match(json.stderr, /trailing\.json:3:21\n {4}JSON syntax: expected a value, found "\]"\n {4}3 \| {3}"resources": \["a",\]\n {4} {2}\| {21}\^/);
    const toml = await runCli(['validate', 'deep.toml'], { cwd: ws.dir });
    assert.equal(toml.code, 2);
    assert.match(toml.stderr, /deep\.toml:11:1 \(resources\[1\]\.endpoint\.paginatr\)\n {4}unknown key "paginatr"; did you mean "paginator"\?\n {4}11 \| paginatr = "auto"/);
    const unclosed = await runCli(['validate', 'unclosed.toml'], { cwd: ws.dir });
    assert.equal(unclosed.code, 2);
    assert.match(unclosed.stderr, /unclosed\.toml:2:\d{2}\n {4}TOML syntax: Unterminated string/);
    for (const r of [json, toml, unclosed]) assertNoCrash(r, 'json/toml');
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
  }
});

test('validate: alias bombs, 100,000-deep junk, binary, empty and top-level lists are config errors (exit 2)', async () => {
  let bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
  for (let c = 98; c < 107; c++) {
    const p = String.fromCharCode(c - 1);
    bomb += `${String.fromCharCode(c)}: &${String.fromCharCode(c)} [${Array(9).fill(`*${p}`).join(',')}]\n`;
  }
  const n = 100_000;
  const files: Record<string, [string, RegExp]> = {
    'bomb.yaml': [bomb, /bomb\.yaml:\d+:\d+\n {4}YAML syntax: aliases expand to more than/],
    'deep.yaml': ['client:\n  base_url: ' + '['.repeat(n) + '\n', /deep\.yaml:2:113\n {4}YAML syntax: nested more than 100 levels deep/],
    'seq.yaml': ['- '.repeat(n) + 'x\n', /seq\.yaml:1:1\n {4}YAML syntax: nested more than 100 levels deep/],
    'deep.json': ['['.repeat(n) + ']'.repeat(n), /deep\.json:1:101\n {4}JSON syntax: nested more than 100 levels deep/],
    'deep.toml': ['a = ' + '['.repeat(n) + ']'.repeat(n) + '\n', /deep\.toml:1:105\n {4}TOML syntax: nested more than 100 levels deep/],
    'binary.yaml': ['\x7fELF\x02\x01\x01\x00\x00\x00', /binary\.yaml:1:8\n {4}this is not a YAML text file/],
    'empty.json': ['', /empty\.json:1:1\n {4}the config file is empty/],
    'list.yaml': ['- a\n- b\n', /list\.yaml:1:1\n {4}the top level of a config must be a mapping/],
  };
  const ws = workspace(Object.fromEntries(Object.entries(files).map(([k, [text]]) => [k, text])));
  try {
    for (const [name, [, expected]] of Object.entries(files)) {
      const r = await runCli(['validate', name], { cwd: ws.dir });
      assert.equal(r.code, 2, `${name}: ${r.stderr}`);
      assert.match(r.stderr, expected, name);
      assertNoCrash(r, name);
    }
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
  }
});

test('validate: the line shown masks a secret written into the config', async () => {
  const ws = workspace({ 'sec.yaml': 'client:\n  base_url: http://127.0.0.1:9/\n  auth:\n    type: bearer\n    token: [sekrit-1234]\nresources:\n  - a\n' });
  try {
    const r = await runCli(['validate', 'sec.yaml'], { cwd: ws.dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /sec\.yaml:5:12 \(client\.auth\.token\)/);
    assert.match(r.stderr, / {4}5 \| {5}token: \*\*\*\n/);
    assert.doesNotMatch(r.stderr, /sekrit/);
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
  }
});

test('validate on a sample of generated broken configs: exit 2 with file:line:col and the line, or ok', async () => {
  const ws = workspace();
  try {
    for (const format of ['yaml', 'json', 'toml'] as const) {
      for (const [i, cfg] of brokenConfigs(format, 12, 1400).entries()) {
        const name = `broken-${i}.${format}`;
        writeFileSync(join(ws.dir, name), cfg.text);
        const what = `${name} from ${cfg.base.name}.${cfg.base.format} after ${cfg.mutations.join(', ')}: ${JSON.stringify(cfg.text.slice(0, 300))}`;
        let expected: ConfigError | undefined;
        try {
          loadConfig(name, { cwd: ws.dir, env: {} });
        } catch (e) {
          assert.ok(e instanceof ConfigError, what);
          expected = e;
        }
        const r = await runCli(['validate', name], { cwd: ws.dir });
        assertNoCrash(r, what);
        if (!expected) {
          assert.equal(r.code, 0, `${what}\n${r.stderr}`);
          continue;
        }
        assert.equal(r.code, 2, `${what}\n${r.stderr}`);
        const p = expected.problems[0]!;
        assert.ok(r.stderr.includes(`${name}:${p.line}:${p.column}`), `${what}\n${r.stderr}`);
        assert.match(r.stderr, new RegExp(`^ {4}${p.line} \\| .*\\n {4} +\\| [\\t ]*\\^$`, 'm'), `${what}\n${r.stderr}`);
      }
    }
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
  }
});
