import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJsonBody } from '../../src/extract/json-body.js';

/** What parseJsonBody must always equal. */
const reference = (b: Buffer) => JSON.parse(b.toString('utf8'));

function same(body: Buffer | string, label = String(body).slice(0, 60)) {
  const b = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  assert.deepEqual(parseJsonBody(b), reference(b), label);
}

test('ASCII bodies parse as JSON.parse does', () => {
  same('[{"id":1,"title":"plain","tags":["a","b"],"n":null,"ok":true,"f":1.5e3}]');
  same('  {"nested":{"deep":[[1,2],[3,{"x":"y"}]]}}  ');
  same('"just a string"');
  same('{"escaped":"quote \\" backslash \\\\ newline \\n tab \\t"}');
});

test('non-ASCII text comes back as UTF-8 decoding gives it: values, keys, nested, every width', () => {
  same('[{"title":"café — naïve ☕ 𝄞 日本語","user":{"login":"jürgen","bio":"Ωmega"},"labels":[{"name":"bug 🐛"},"plain","ünï"]}]');
  same('{"ключ":"значение","plain":"x","nested":{"clé":{"schlüssel":["ä"]}}}');
  same('{"emoji":"👩‍👩‍👧‍👦","mixed":"a\\nü\\"ö\\\\"}');
  // Key order is kept when a key has to be decoded again.
  const parsed = parseJsonBody(Buffer.from('{"a":1,"ü":2,"b":3}')) as Record<string, number>;
  assert.deepEqual(Object.keys(parsed), ['a', 'ü', 'b']);
});

test('\\u escapes next to raw UTF-8 keep their meaning', () => {
  same('{"e":"caf\\u00e9","raw":"café"}');
  same('{"e":"\\u2603 snowman","raw":"☃","k\\u00fc":"ü"}');
  same('["\\\\u00e9 is not an escape here", "é"]');
  same('["\\ud83d\\ude00", "😀"]');
});

test('invalid UTF-8 inside strings becomes U+FFFD exactly as decoding the whole body does', () => {
  const cases = [
    Buffer.concat([Buffer.from('["a'), Buffer.from([0xe2, 0x82]), Buffer.from('","b"]')]), // truncated sequence before a quote
    Buffer.concat([Buffer.from('{"k":"'), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from('"}')]), // bytes never valid in UTF-8
    Buffer.concat([Buffer.from('["'), Buffer.from([0xc3]), Buffer.from('", "'), Buffer.from([0xa9]), Buffer.from('"]')]), // halves in two strings
    Buffer.concat([Buffer.from('["'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"]')]), // an encoded surrogate
  ];
  for (const c of cases) same(c, c.toString('hex'));
});

test('a "__proto__" key stays an own data property, also where keys are decoded again', () => {
  for (const body of ['{"__proto__":{"polluted":1},"a":"ü"}', '{"__proto__":{"x":"ü"},"ü":1}']) {
    const v = parseJsonBody(Buffer.from(body)) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(v), Object.prototype, body);
    assert.ok(Object.hasOwn(v, '__proto__'), body);
    assert.deepEqual(v, reference(Buffer.from(body)), body);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  }
});

test('what is not JSON throws, as JSON.parse does', () => {
  for (const body of ['<html>ü</html>', '{"a":', '', '\ufeff[1]']) {
    assert.throws(() => parseJsonBody(Buffer.from(body)), SyntaxError, body);
    assert.throws(() => reference(Buffer.from(body)), SyntaxError, body);
  }
});

test('random documents: equal to JSON.parse of the UTF-8 text (seeded)', () => {
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const alphabet = ['a', 'Z', '0', ' ', '"', '\\', '\n', 'é', 'ß', 'Ω', '€', '日', '😀', '\u0000', '\u007f', '\u0080', '\u00ff', '\u0100'];
  const str = () => Array.from({ length: Math.floor(rnd() * 12) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
  const value = (depth: number): unknown => {
    const r = rnd();
    if (depth > 3 || r < 0.3) return str();
    if (r < 0.4) return Math.floor(rnd() * 1e6) - 5e5;
    if (r < 0.45) return null;
    if (r < 0.5) return rnd() < 0.5;
    if (r < 0.75) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 4) }, () => [str(), value(depth + 1)]));
  };
  for (let i = 0; i < 500; i++) {
    const doc = JSON.stringify(value(0));
    same(doc, doc);
    // The same document with every non-ASCII character escaped, as Python's json.dumps writes it.
    same(doc.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  }
});

test('large top-level arrays (parsed element by element) equal JSON.parse of the UTF-8 text', () => {
  let seed = 777;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const words = ['plain', 'café', 'a "quoted" word', 'back\\slash', '日本', '😀', '],[', '},{', 'x,y', '\n', 'caf\u00e9'];
  const item = (i: number): unknown => {
    const r = rnd();
    if (r < 0.1) return words[i % words.length];
    if (r < 0.15) return i;
    if (r < 0.2) return [i, [words[i % words.length]], { k: null }];
    return { id: i, title: words[i % words.length], nested: { list: [{ a: words[(i + 3) % words.length] }, 'x'], n: i / 3 }, ok: i % 2 === 0 };
  };
  const items = Array.from({ length: 2000 }, (_, i) => item(i));
  const compact = JSON.stringify(items);
  assert.ok(Buffer.byteLength(compact) > 64 * 1024);
  same(compact, 'compact');
  same(JSON.stringify(items, null, 2), 'pretty-printed');
  same(` \r\n\t${compact}\n`, 'surrounded by blanks');
  same(compact.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`), 'escaped');
  // One element with both an escape of a non-ASCII character and raw UTF-8, among plain ones.
  same(JSON.stringify([...items.slice(0, 1000), { e: 'caf\\u00e9 and café' }, ...items.slice(1000)]).replace('caf\\\\u00e9', 'caf\\u00e9'), 'mixed');
  same(`[${'"é",'.repeat(30000)}"last"]`, 'strings only');
  same(`[${'[],{},'.repeat(15000)}[]]`, 'empty containers');
});

test('large bodies that are not valid JSON arrays fail as JSON.parse fails; other large JSON parses whole', () => {
  const big = JSON.stringify(Array.from({ length: 3000 }, (_, i) => ({ id: i, t: 'é' })));
  for (const bad of [big.slice(0, -1), `${big.slice(0, -1)},]`, `${big}x`, `${big}]`, big.replace('"t":"é"', '"t":"é'), `${big.slice(0, 100)}\u0001${big.slice(100)}`]) {
    assert.throws(() => parseJsonBody(Buffer.from(bad)), SyntaxError);
    assert.throws(() => reference(Buffer.from(bad)), SyntaxError);
  }
  same(JSON.stringify({ data: JSON.parse(big) }), 'wrapped');
});
