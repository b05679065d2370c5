import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RestloadError } from '../../src/common/errors.js';
import { compilePath, findValues, isSingularPath, jsonPathSyntaxError } from '../../src/common/json-path.js';

/**
 * Path, document, matches: each expected value is what jsonpath-ng 1.8's
 * extended parser (the one dlt compiles every path with) returns for it.
 */
const CASES: [string, unknown, unknown[]][] = [
  ["data[-1].id", {"data": [{"id": 1}, {"id": 2}, {"id": 3}]}, [3]],
  ["$.data[0:2]", {"data": [1, 2, 3, 4]}, [1, 2]],
  ["data[::2]", {"data": [1, 2, 3, 4, 5]}, [1, 3, 5]],
  ["data[::-1]", {"data": [1, 2, 3]}, [3, 2, 1]],
  ["data[-2:]", {"data": [1, 2, 3]}, [2, 3]],
  ["data[*]", {"data": {"a": 1}}, [{"a": 1}]],
  ["data[*]", {"data": []}, []],
  ["data.*", {"data": [1, 2]}, []],
  ["data.*", {"data": {"a": 1, "b": 2}}, [1, 2]],
  ["$['@odata.nextLink']", {"@odata.nextLink": "x"}, ["x"]],
  ["'@odata.nextLink'", {"@odata.nextLink": "x"}, ["x"]],
  ["[\"@odata.nextLink\"]", {"@odata.nextLink": "x"}, ["x"]],
  ["$..id", {"a": {"id": 1, "b": [{"id": 2}, {"c": {"id": 3}}]}}, [1, 2, 3]],
  ["a..b.c", {"a": {"b": {"c": 1}, "x": {"b": {"c": 2}}}}, [1, 2]],
  ["items[?(@.price > 10)].name", {"items": [{"price": 5, "name": "a"}, {"price": 15, "name": "b"}, {"price": "20", "name": "c"}]}, ["b", "c"]],
  ["items[?price > 10 & kind == 'x'].name", {"items": [{"price": 15, "kind": "x", "name": "a"}, {"price": 15, "kind": "y", "name": "b"}]}, ["a"]],
  ["items[?(@.tag)].n", {"items": [{"tag": 1, "n": 1}, {"n": 2}]}, [1]],
  ["items[?(@.kind == 'a')].n", {"items": [{"kind": "a", "n": 1}, {"kind": "b", "n": 2}]}, [1]],
  ["items[?(@.kind != 'a')].n", {"items": [{"kind": "a", "n": 1}, {"kind": "b", "n": 2}]}, [2]],
  ["items[?(@.name =~ 'b.*')].n", {"items": [{"name": "bob", "n": 1}, {"name": "al", "n": 2}]}, [1]],
  ["items[?(@.ok == true)].n", {"items": [{"ok": true, "n": 1}, {"ok": false, "n": 2}]}, [1]],
  ["a | b", {"a": 1, "b": 2}, [1, 2]],
  ["a.b | c", {"a": {"b": 1, "c": 2}}, [1, 2]],
  ["data[0,2]", {"data": [1, 2, 3]}, [1, 3]],
  ["['a','b']", {"a": 1, "b": 2}, [1, 2]],
  ["a,b", {"a": 1, "b": 2}, [1, 2]],
  ["a.[0]", {"a": [7]}, [7]],
  ["a where b", {"a": {"b": 1}}, [{"b": 1}]],
  ["data.transactions.edges[*].node", {"data": {"transactions": {"edges": [{"node": 1}, {"node": 2}]}}}, [1, 2]],
  ["x", {"x": null}, [null]],
  ["$", [1, 2], [[1, 2]]],
  ["next-page", {"next-page": 1}, [1]],
  ["@odata.count", {"@odata": {"count": 3}}, [3]],
  ["items[?(@.v >= 1.5)].v", {"items": [{"v": 1}, {"v": 2.5}]}, [2.5]],
  ["$.users[0].id", {"users": [{"id": 9}]}, [9]],
  ["'id$field'", {"id$field": 4}, [4]],
  ["a[0][1]", {"a": [[1, 2]]}, [2]],
  ["a.`len`", {"a": [1, 2, 3]}, [3]],
  ["items[*].id", {"items": [{"id": 1}, {"x": 2}, {"id": 3}]}, [1, 3]],
  ["$.a.b", {"a": {"b": [1]}}, [[1]]],
];

for (const [path, doc, expected] of CASES) {
  test(`JSONPath ${path} finds what jsonpath-ng finds`, () => {
    assert.deepEqual(findValues(path, doc), expected);
  });
}

/** Paths jsonpath-ng refuses to parse: restload reports them, with where. */
const INVALID: string[] = ["data[", "data]", "data[-1", "$.", "data..", "a b", "[1.5]", "'unclosed", "$.a[?(@.x >)]", "a.b.", "", "$$", "a[]", "a[?]", ")", "a[0,]", "a..", "..a", "a[1:2", "a:b", "a=b", "a.#", "a.b c"];

/** Paths jsonpath-ng parses (some look odd): no error. */
const VALID: string[] = ["data.0", "a.(b)", "a.b[*].c", "data[ -1 ]", "$[*]", "*", "$.*.id", "a['x','y']", "a[?(@.x == null)]", "a-b"];

test('a path jsonpath-ng cannot parse is a syntax error, saying where', () => {
  for (const p of INVALID) assert.ok(jsonPathSyntaxError(p), `expected an error for ${JSON.stringify(p)}`);
  assert.match(jsonPathSyntaxError('data[-1')!, /expected "\]".*character 8/);
  assert.match(jsonPathSyntaxError('a.#')!, /unexpected character "#" at character 3/);
});

test('paths jsonpath-ng parses are not errors', () => {
  for (const p of VALID) assert.equal(jsonPathSyntaxError(p), undefined, p);
});

test('parts of jsonpath-ng that restload does not evaluate are refused by name, not misread', () => {
  assert.match(jsonPathSyntaxError('a[/x]')!, /sorting .* not supported/);
  assert.match(jsonPathSyntaxError('a.`parent`')!, /`parent` is not supported/);
  assert.match(jsonPathSyntaxError('a+b')!, /arithmetic/);
});

test('compilePath throws a config error for a broken path, but reads a plain name with spaces as one key', () => {
  assert.throws(() => compilePath('data[-1'), (e) => e instanceof RestloadError && e.code === 'JSONPATH' && e.exitCode === 2);
  assert.deepEqual(findValues('my key', { 'my key': 1 }), [1]);
});

test('a compiled path is cached: the same function for the same text', () => {
  assert.equal(compilePath('data[-1].id'), compilePath('data[-1].id'));
});

test('keys inherited from Object.prototype are not found', () => {
  assert.deepEqual(findValues('constructor', {}), []);
  assert.deepEqual(findValues('a.toString', { a: {} }), []);
  assert.deepEqual(findValues("['constructor', 'x']", { x: 1 }), [1]);
});

test('isSingularPath: keys and single indexes only', () => {
  assert.equal(isSingularPath('data.items'), true);
  assert.equal(isSingularPath('data[-1].id'), true);
  assert.equal(isSingularPath('data[*].id'), false);
  assert.equal(isSingularPath('$..id'), false);
  assert.equal(isSingularPath('data[?(@.x)]'), false);
});
