// Config parsing: every syntax problem of a YAML, JSON or TOML config is a
// ConfigError with a line and column; positions of config paths are right in
// all three formats (issue 14, "Config errors always point at the line").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, type ConfigProblem } from '../../src/config/errors.js';
import { loadConfig } from '../../src/config/load.js';
import { MAX_CONFIG_BYTES, parseConfigFile, parseConfigText } from '../../src/config/parse.js';
import type { ConfigFormat } from '../../src/config/nesting.js';

/** The problems of parsing `text`, which must fail with a ConfigError. */
function problems(format: ConfigFormat, text: string): ConfigProblem[] {
  try {
    parseConfigText(`c.${format}`, text, format);
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
    return [...e.problems];
  }
  assert.fail(`expected ${JSON.stringify(text.slice(0, 60))} to be refused`);
}

/** The text of `text` from a position to the end of its line (BOM dropped, as the parser does). */
function textAt(text: string, pos: { line: number; column: number } | undefined): string {
  assert.ok(pos, 'no position');
  const line = text.replace(/^\uFEFF/, '').split('\n')[pos.line - 1] ?? '';
  return line.slice(pos.column - 1).replace(/\r$/, '');
}

/** The first problem's `line:col message`. */
function first(format: ConfigFormat, text: string): string {
  const p = problems(format, text)[0]!;
  return `${p.line}:${p.column} ${p.message}`;
}

test('YAML syntax errors carry line and column, with a hint', () => {
  const tab = problems('yaml', 'client:\n  base_url: http://x/\nresources:\n\t- a\n')[0]!;
  assert.deepEqual([tab.line, tab.column], [4, 1]);
  assert.match(tab.message, /^YAML syntax: Tabs are not allowed/);
  assert.match(tab.hint ?? '', /spaces/);
  assert.equal(first('yaml', 'a: b: c\n'), '1:4 YAML syntax: Nested mappings are not allowed in compact mappings');
  assert.match(first('yaml', 'client:\n  base_url: x\n   timeout: 3\n'), /^2:13 YAML syntax: /);
  assert.match(first('yaml', 'a: 1\nb: 2\na: 3\n'), /^3:1 YAML syntax: Map keys must be unique/);
  assert.match(first('yaml', 'a: "open\nb: 2\n'), /^\d+:\d+ YAML syntax: Missing closing "quote/);
  const unclosed = problems('yaml', 'a: [1, 2\nb: 3\n')[0]!;
  assert.match(unclosed.message, /YAML syntax: /);
  assert.match(unclosed.hint ?? '', /\[ opened earlier is not closed/);
  assert.match(first('yaml', 'a: 1\n---\nb: 2\n'), /^2:1 YAML syntax: .*multiple documents/i);
});

test('a YAML alias bomb is a config error at an alias, not a crash', () => {
  let bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
  for (let c = 98; c < 107; c++) {
    const p = String.fromCharCode(c - 1);
    bomb += `${String.fromCharCode(c)}: &${String.fromCharCode(c)} [${Array(9).fill(`*${p}`).join(',')}]\n`;
  }
  const p = problems('yaml', bomb)[0]!;
  assert.match(p.message, /aliases expand to more than \d+ nodes/);
  assert.ok(p.line! >= 2 && p.line! <= 10, `line ${p.line}`);
  assert.match(first('yaml', 'a: &x [1, *x]\n'), /^1:\d+ nested more than 100 levels deep \(or an alias that contains itself\)/);
});

test('junk nested 100,000 deep is a config error in every format, found before any parser recurses', () => {
  const n = 100_000;
  assert.equal(first('yaml', 'a: ' + '['.repeat(n)), '1:104 YAML syntax: nested more than 100 levels deep');
  assert.match(first('yaml', '- '.repeat(n) + 'x'), /^1:1 YAML syntax: nested more than 100 levels deep/);
  assert.match(first('yaml', Array.from({ length: 150 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')), /^101:1 YAML syntax: nested more/);
  assert.equal(first('json', '{"a": ' + '['.repeat(n) + ']'.repeat(n) + '}'), '1:106 JSON syntax: nested more than 100 levels deep');
  assert.equal(first('toml', 'a = ' + '['.repeat(n) + ']'.repeat(n)), '1:105 TOML syntax: nested more than 100 levels deep');
  assert.equal(first('toml', 'a = ' + '{b='.repeat(n) + '1' + '}'.repeat(n)), '1:305 TOML syntax: nested more than 100 levels deep');
  // Dotted keys nest without brackets: found in the parsed value.
  assert.match(first('toml', `${Array(150).fill('k').join('.')} = 1\n`), /^1:\d+ nested more than 100 levels deep/);
  // Brackets inside strings and comments do not count.
  const value = parseConfigText('c.yaml', `a: "${'['.repeat(500)}"\n# ${'{'.repeat(500)}\nb: '${'['.repeat(500)}'\n`, 'yaml').value;
  assert.equal((value as { a: string }).a.length, 500);
});

test('a .json config is parsed as strict JSON, with line and column', () => {
  assert.equal(first('json', '["a",]'), '1:6 JSON syntax: expected a value, found "]"');
  assert.equal(first('json', '{\n  "a": 1,\n}'), '3:1 JSON syntax: expected a key, found "}"');
  assert.equal(first('json', '{"a": 1 "b": 2}'), '1:9 JSON syntax: expected "," or "}" after a value, found "\\""');
  assert.equal(first('json', '{\n  "a": [1, 2}\n'), '2:13 JSON syntax: expected "," or "]" after an element, found "}"');
  assert.equal(first('json', '{"a": 1, "a": 2}'), '1:10 JSON syntax: duplicate key "a"');
  assert.equal(first('json', '{\n  "a": tru\n}'), '2:8 JSON syntax: expected a value (an object, array, string, number, true, false or null), found "t"');
  assert.equal(first('json', '{\n  "a": 1\n\n'), '2:9 JSON syntax: expected "," or "}" after a value, found the end of the file');
  assert.equal(first('json', '{"a": "x\n"}'), '1:7 JSON syntax: unterminated string (a string cannot span lines)');
  assert.equal(first('json', '// note\n{}'), '1:1 JSON syntax: comments are not allowed in JSON');
  assert.equal(first('json', "{'a': 1}"), '1:2 JSON syntax: strings in JSON use double quotes, not single quotes');
  assert.equal(first('json', '{"a": 01}'), '1:7 JSON syntax: invalid number "01"');
  assert.equal(first('json', '{"a": "\\q"}'), '1:8 JSON syntax: invalid escape "\\\\q" in a string');
  assert.equal(first('json', '{}\n{}'), '2:1 JSON syntax: expected the end of the file after the top-level value, found "{"');
  // YAML-only syntax is not JSON.
  assert.match(first('json', 'client:\n  base_url: x\n'), /^1:1 JSON syntax: expected a value/);
  // What JSON.parse gives, with keys like "__proto__" kept as data.
  const text = '{"s": "a\\u00e9\\n\\"", "n": -1.5e3, "t": true, "z": null, "l": [], "o": {}, "__proto__": {"x": 1}}';
  const value = parseConfigText('c.json', text, 'json').value as Record<string, unknown>;
  assert.deepEqual(JSON.stringify(value), JSON.stringify(JSON.parse(text)));
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
});

test('JSON positions: every key and value of a config path', () => {
  const text = '{\n  "client": {"base_url": "http://x/"},\n  "resources": [\n    "a",\n    {"name": "b", "endpoint": {"params": {"q": [1, {"deep": true}]}}}\n  ]\n}\n';
  const p = parseConfigText('c.json', text, 'json');
  const at = (path: (string | number)[], key = false) => textAt(text, p.locate(path, { key }));
  assert.equal(at(['client', 'base_url']), '"http://x/"},');
  assert.equal(at(['client', 'base_url'], true), '"base_url": "http://x/"},');
  assert.equal(at(['resources', 0]), '"a",');
  assert.match(at(['resources', 1]), /^\{"name": "b"/);
  assert.match(at(['resources', 1, 'name'], true), /^"name": "b"/);
  assert.equal(at(['resources', 1, 'endpoint', 'params', 'q', 1, 'deep']), 'true}]}}}');
  assert.equal(at(['resources', 1, 'endpoint', 'params', 'q', 1, 'deep'], true), '"deep": true}]}}}');
  // A path that does not exist is located at the deepest part that does.
  assert.match(at(['resources', 1, 'endpoint', 'paginator']), /^\{"params"/);
  assert.deepEqual(p.locate(['resources', 1, 'name'], { key: true }), { line: 5, column: 6 });
});

const TOML = `[client]
base_url = "http://x/"

[[resources]]
name = "issues"
endpoint.path = "issues"

[[resources]]
name = "comments"
endpoint = { path = "c", params = { since = { type = "incremental", cursor_path = "t" }, ids = [1, { n = 2 }] } }

[[resources]]
name = "events"
  [resources.endpoint]
  path = "events"
  [resources.endpoint.params]
  name = "x"
  start = 2024-01-25T11:21:28Z
`;

test('TOML positions: under the right table, for arrays of tables, dotted keys and inline tables', () => {
  const p = parseConfigText('c.toml', TOML, 'toml');
  const at = (path: (string | number)[], key = false) => textAt(TOML, p.locate(path, { key }));
  // Each resource's name, not the first `name =` in the file.
  assert.deepEqual(p.locate(['resources', 0, 'name']), { line: 5, column: 8 });
  assert.deepEqual(p.locate(['resources', 1, 'name'], { key: true }), { line: 9, column: 1 });
  assert.deepEqual(p.locate(['resources', 2, 'name']), { line: 13, column: 8 });
  assert.deepEqual(p.locate(['resources', 2, 'endpoint', 'params', 'name'], { key: true }), { line: 17, column: 3 });
  // Dotted keys: each part is a key.
  assert.equal(at(['resources', 0, 'endpoint'], true), 'endpoint.path = "issues"');
  assert.equal(at(['resources', 0, 'endpoint', 'path'], true), 'path = "issues"');
  assert.equal(at(['resources', 0, 'endpoint', 'path']), '"issues"');
  // Inline tables and arrays inside them.
  assert.match(at(['resources', 1, 'endpoint', 'params', 'since', 'cursor_path']), /^"t" \}, ids/);
  assert.match(at(['resources', 1, 'endpoint', 'params', 'since', 'cursor_path'], true), /^cursor_path = "t"/);
  assert.equal(at(['resources', 1, 'endpoint', 'params', 'ids', 1, 'n']), '2 }] } }');
  assert.equal(at(['resources', 1, 'endpoint', 'params', 'ids', 1]), '{ n = 2 }] } }');
  // An array-of-tables entry is its header; a sub-table under it is its own header.
  assert.deepEqual(p.locate(['resources', 2]), { line: 12, column: 1 });
  assert.equal(at(['resources', 2, 'endpoint']), '[resources.endpoint]');
  assert.equal(at(['resources', 2, 'endpoint', 'params', 'start']), '2024-01-25T11:21:28Z');
  // Missing paths fall back to the deepest existing part.
  assert.equal(at(['resources', 2, 'endpoint', 'paginator']), '[resources.endpoint]');
  // Date-times are the text written, like a YAML or JSON config's strings.
  assert.equal((p.value as { resources: { endpoint: { params: { start: unknown } } }[] }).resources[2]!.endpoint.params.start, '2024-01-25T11:21:28Z');
});

test('TOML errors carry the real column, and validation errors the right table', () => {
  assert.equal(first('toml', 'a = "x\n'), '1:7 TOML syntax: Unterminated string constant');
  assert.equal(first('toml', '[a]\nb = 1\n  c = = 2\n'), '3:7 TOML syntax: Unexpected token');
  assert.match(first('toml', '[[resources]]\nname = "a"\n[resources]\n'), /^3:2 TOML syntax: Defining a key multiple times/);
  const dir = mkdtempSync(join(tmpdir(), 'restload-parse-'));
  try {
    const text = TOML.replace('  path = "events"', '  path = "events"\n  paginatr = "auto"');
    const e = (() => {
      try {
        loadConfig('c.toml', { text, cwd: dir, env: {} });
      } catch (err) {
        return err;
      }
    })();
    assert.ok(e instanceof ConfigError);
    const p = e.problems.find((x) => x.configPath === 'resources[2].endpoint.paginatr');
    assert.ok(p, JSON.stringify(e.problems));
    assert.deepEqual([p.line, p.column], [16, 3]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('no file, however broken, escapes as anything but a ConfigError with a position', () => {
  for (const format of ['yaml', 'json', 'toml'] as const) {
    for (const [text, message] of [
      ['', /the config file is empty/],
      ['   \n\n', /the config file is empty/],
      ['\x00\x01\x02\xff\xfe', /not a (YAML|JSON|TOML) text file \(it holds a NUL byte\)/],
    ] as const) {
      const p = problems(format, text)[0]!;
      assert.match(p.message, message);
      assert.deepEqual([p.line, p.column], [1, 1]);
    }
  }
  assert.match(first('yaml', '42\n'), /^1:1 the top level of a config must be a mapping .*not a single number value/);
  assert.match(first('yaml', '- a\n- b\n'), /^1:1 the top level .* not a list/);
  assert.match(first('json', '"text"'), /^1:1 the top level .* not a single string value/);
  assert.match(first('json', '[1]'), /^1:1 the top level .* not a list/);
  assert.match(first('yaml', '# only a comment\n'), /^1:1 the config file holds no settings/);
  // Binary junk without NUL bytes.
  let seed = 7;
  const junk = Array.from({ length: 4096 }, () => String.fromCharCode(1 + ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 254))).join('');
  for (const format of ['yaml', 'json', 'toml'] as const) {
    try {
      parseConfigText(`c.${format}`, junk, format);
    } catch (e) {
      assert.ok(e instanceof ConfigError, `${format}: ${String(e)}`);
      for (const p of e.problems) assert.ok(p.line! >= 1 && p.column! >= 1, `${format}: ${JSON.stringify(p)}`);
    }
  }
});

test('a byte order mark and CRLF line ends change no position', () => {
  for (const [format, text] of [
    ['yaml', '\uFEFFclient:\r\n  base_url: http://x/\r\nresources:\r\n  - a\r\n'],
    ['json', '\uFEFF{\r\n  "client": {"base_url": "http://x/"},\r\n  "resources": ["a"]\r\n}\r\n'],
    ['toml', '\uFEFF[client]\r\nbase_url = "http://x/"\r\n\r\n[[resources]]\r\nname = "a"\r\n'],
  ] as const) {
    const p = parseConfigText(`c.${format}`, text, format);
    assert.match(textAt(text, p.locate(['client'], { key: true })), format === 'yaml' ? /^client:$/ : /^"?client"?[\]:]/, format);
    assert.equal(textAt(text, p.locate(['client', 'base_url'])).replace(/\},?$/, ''), format === 'yaml' ? 'http://x/' : '"http://x/"', format);
    assert.equal((p.value as { client: { base_url: string } }).client.base_url, 'http://x/', format);
  }
  assert.equal(first('yaml', '\uFEFFa: b: c\r\n'), '1:4 YAML syntax: Nested mappings are not allowed in compact mappings');
  // A lone CR ends a line, as in editors and in YAML, in every format.
  assert.equal(first('yaml', 'a: 1\rb: c: d\r'), '2:4 YAML syntax: Nested mappings are not allowed in compact mappings');
  assert.equal(first('json', '{\r  "a": 1,\r}'), '3:1 JSON syntax: expected a key, found "}"');
  assert.equal(first('toml', 'a = 1\r\r\nb = = 2\r\n'), '3:5 TOML syntax: Unexpected token');
});

test('a YAML key that is a mapping or a list is a config error, not a warning on stderr', () => {
  assert.equal(first('yaml', 'client:\n  ? {a: 1}\n  : x\n'), '2:5 YAML syntax: a key must be a name, not a mapping');
  assert.equal(first('yaml', '? [a, b]\n: x\n'), '1:3 YAML syntax: a key must be a name, not a list');
});

test('a huge file, a folder or a missing file is a config error before it is read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'restload-parse-'));
  try {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, `a: "${'x'.repeat(MAX_CONFIG_BYTES)}"\n`);
    assert.throws(() => parseConfigFile(big, undefined, 'big.yaml'), (e: unknown) => e instanceof ConfigError && /larger than a config can be/.test(e.message) && e.message.startsWith('big.yaml'));
    assert.throws(() => parseConfigFile(join(dir, 'nope.json')), (e: unknown) => e instanceof ConfigError && /config file not found/.test(e.message));
    const folder = join(dir, 'folder.yaml');
    mkdirSync(folder);
    assert.throws(() => parseConfigFile(folder), (e: unknown) => e instanceof ConfigError && /a folder, not a config file/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
