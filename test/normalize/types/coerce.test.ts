// dlt's coerce_value, ported case by case from tests/common/schema/test_coercion.py
// (and tests/common/test_time.py for the ensure_pendulum_* functions it uses),
// in restload's value representation (see src/normalize/types/coerce.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canCoerce, coerceValue, type CoerceResult } from '../../../src/normalize/types/coerce.js';
import { DATA_TYPES, type DataType } from '../../../src/normalize/types/data-type.js';

function value(r: CoerceResult): unknown {
  assert.equal(r.ok, true, 'expected the coercion to succeed');
  return r.ok ? r.value : undefined;
}

function co(to: DataType, from: DataType, v: unknown): unknown {
  return value(coerceValue(to, from, v));
}

function fails(to: DataType, from: DataType, v: unknown): void {
  assert.deepEqual(coerceValue(to, from, v), { ok: false }, `${from} -> ${to}: ${String(v)}`);
}

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

test('test_coerce_same_type', () => {
  assert.equal(co('double', 'double', 8721.1), 8721.1);
  assert.equal(co('bigint', 'bigint', 8721), 8721);
  assert.equal(co('text', 'text', 'a'), 'a');
  assert.equal(co('timestamp', 'timestamp', '2024-01-01T00:00:00Z'), '2024-01-01T00:00:00Z');
});

test('test_coerce_type_to_text', () => {
  assert.equal(co('text', 'bool', false), 'False');
  assert.equal(co('text', 'bool', true), 'True');
  assert.equal(co('text', 'double', -1726.1288), '-1726.1288');
  assert.equal(co('text', 'binary', bytes('binary string')), 'YmluYXJ5IHN0cmluZw==');
});

test('to text follows Python str()', () => {
  assert.equal(co('text', 'double', 1e16), '1e+16');
  assert.equal(co('text', 'double', 1e15), '1000000000000000.0');
  assert.equal(co('text', 'double', 0.1), '0.1');
  assert.equal(co('text', 'double', 1e-5), '1e-05');
  assert.equal(co('text', 'double', NaN), 'nan');
  assert.equal(co('text', 'double', -Infinity), '-inf');
  assert.equal(co('text', 'bigint', 17), '17');
  assert.equal(co('text', 'bigint', -0), '0');
  assert.equal(co('text', 'bigint', 2 ** 60), '1152921504606846976');
  assert.equal(co('text', 'bigint', 123456789012345678901234567890n), '123456789012345678901234567890');
  assert.equal(co('text', 'decimal', '1.50'), '1.50');
  assert.equal(co('text', 'decimal', '1E+3'), '1E+3');
  assert.equal(co('text', 'wei', '1000'), '1000');
  assert.equal(co('text', 'date', '2024-01-15'), '2024-01-15');
  assert.equal(co('text', 'time', '10:00:00.500000'), '10:00:00.500000');
  assert.equal(co('text', 'timestamp', '2024-01-15T10:00:00.123456Z'), '2024-01-15T10:00:00.123456+00:00');
});

test('test_coerce_type_to_bool', () => {
  assert.equal(co('bool', 'text', 'False'), false);
  assert.equal(co('bool', 'text', 'yes'), true);
  assert.equal(co('bool', 'text', 'no'), false);
  assert.equal(co('bool', 'bigint', 1), true);
  assert.equal(co('bool', 'bigint', 0), false);
  assert.equal(co('bool', 'decimal', '1'), true);
  assert.equal(co('bool', 'decimal', '0'), false);
  fails('bool', 'json', { a: true });
  fails('bool', 'binary', bytes('True'));
  fails('bool', 'timestamp', '2024-01-01T00:00:00Z');
});

test('str2bool words, and bool() of numbers', () => {
  for (const s of ['yes', 'TRUE', 'True', 't', 'Y', '1']) assert.equal(co('bool', 'text', s), true, s);
  for (const s of ['no', 'FALSE', 'f', 'N', '0']) assert.equal(co('bool', 'text', s), false, s);
  for (const s of [' true', 'true ', 'on', 'off', '2', '', 'truee']) fails('bool', 'text', s);
  assert.equal(co('bool', 'double', 0.5), true);
  assert.equal(co('bool', 'double', -0), false);
  assert.equal(co('bool', 'double', NaN), true); // bool(float('nan'))
  assert.equal(co('bool', 'decimal', '0.00'), false);
  assert.equal(co('bool', 'wei', '12'), true);
  assert.equal(co('bool', 'bigint', 5n), true);
});

test('test_coerce_type_to_double', () => {
  assert.equal(co('double', 'bigint', 762162), 762162);
  assert.equal(co('double', 'text', ' -1726.1288 '), -1726.1288);
  assert.equal(co('double', 'text', '0xff'), 255);
  assert.equal(co('double', 'wei', '21.37'), 21.37);
  assert.equal(co('double', 'decimal', '-1121.11'), -1121.11);
  fails('double', 'text', 'a912.12');
  fails('double', 'bool', false);
});

test('to double follows Python float()', () => {
  assert.equal(co('double', 'text', '1_0.5'), 10.5);
  assert.equal(co('double', 'text', '1e3'), 1000);
  assert.equal(co('double', 'text', '.5'), 0.5);
  assert.equal(co('double', 'text', '\u00a012\u3000'), 12);
  assert.equal(co('double', 'text', '١٢'), 12);
  assert.ok(Number.isNaN(co('double', 'text', 'nan')));
  assert.equal(co('double', 'text', '-Infinity'), -Infinity);
  assert.equal(co('double', 'text', '1e400'), Infinity); // float() does not raise
  fails('double', 'text', '0x' + 'f'.repeat(300)); // float(int) does: OverflowError
  fails('double', 'text', '1__0');
  fails('double', 'text', '');
  fails('double', 'text', '0X10'); // only a lower-case 0x prefix
  fails('double', 'text', '1,5');
  assert.equal(co('double', 'bigint', 2n ** 70n), 2 ** 70);
  assert.ok(Number.isNaN(co('double', 'decimal', 'NaN')));
  fails('double', 'decimal', 'sNaN');
});

test('test_coerce_type_to_bigint', () => {
  assert.equal(co('bigint', 'text', ' -1726 '), -1726);
  assert.equal(co('bigint', 'double', -762162.0), -762162);
  assert.equal(co('bigint', 'decimal', '1276.0'), 1276);
  assert.equal(co('bigint', 'wei', '1276.0'), 1276);
  fails('bigint', 'double', 762162.1);
  fails('bigint', 'decimal', '912.1200000000000045474735088646411895751953125'); // Decimal(912.12)
  fails('bigint', 'wei', '912.1200000000000045474735088646411895751953125');
  fails('bigint', 'text', 'f912.12');
  fails('bigint', 'text', '912.12');
});

test('to bigint follows Python int(), within BIGINT', () => {
  assert.equal(co('bigint', 'text', '1_000'), 1000);
  assert.equal(co('bigint', 'text', '+5'), 5);
  assert.equal(co('bigint', 'text', '007'), 7);
  assert.equal(co('bigint', 'text', '０７'), 7);
  fails('bigint', 'text', ' 0x_ff'); // int("_ff", 16): dlt strips the prefix itself
  assert.equal(co('bigint', 'text', '0x0x_ff'), 255); // int("0x_ff", 16)
  assert.equal(co('bigint', 'text', '0x-ff'), -255);
  assert.equal(co('bigint', 'text', '0x0xff'), 255); // int("0xff", 16)
  assert.equal(co('bigint', 'text', '9007199254740993'), 9007199254740993n);
  assert.equal(co('bigint', 'text', '9223372036854775807'), 9223372036854775807n);
  assert.equal(co('bigint', 'text', '-9223372036854775808'), -9223372036854775808n);
  fails('bigint', 'text', '9223372036854775808'); // dlt keeps it; DuckDB's BIGINT cannot
  fails('bigint', 'text', '1__0');
  fails('bigint', 'text', '_1');
  fails('bigint', 'text', '1e3');
  fails('bigint', 'text', '-0xff'); // the 0x test is on the stripped text, before any sign
  fails('bigint', 'double', NaN);
  fails('bigint', 'double', Infinity);
  fails('bigint', 'double', 1e300);
  assert.equal(co('bigint', 'double', 2 ** 62), 2n ** 62n);
  assert.equal(co('bigint', 'decimal', '1E+3'), 1000);
  assert.equal(co('bigint', 'decimal', '-12.000'), -12);
  fails('bigint', 'decimal', 'Infinity');
  fails('bigint', 'decimal', '1E+30');
  fails('bigint', 'bool', true);
});

test('test_coerce_to_numeric (decimal and wei)', () => {
  for (const t of ['decimal', 'wei'] as const) {
    assert.equal(co(t, 'text', ' -1726.839283 '), '-1726.839283');
    assert.equal(co(t, 'bigint', -1726), '-1726');
    // 1276.37 has no exact binary representation: Decimal(float) is exact
    assert.equal(co(t, 'double', 1276.37), '1276.3699999999998908606357872486114501953125');
    assert.equal(co(t, 'decimal', '1276.37'), '1276.37');
    assert.equal(co(t, 'wei', '1276.37'), '1276.37');
    fails(t, 'text', 'p912.12');
  }
});

test('to decimal follows Python Decimal()', () => {
  assert.equal(co('decimal', 'text', '1e3'), '1E+3');
  assert.equal(co('decimal', 'text', '0.0000001'), '1E-7');
  assert.equal(co('decimal', 'text', '00012.3400'), '12.3400');
  assert.equal(co('decimal', 'text', '1__0'), '10'); // Decimal drops every underscore
  assert.equal(co('decimal', 'text', '-0'), '-0');
  assert.equal(co('decimal', 'double', 0.1), '0.1000000000000000055511151231257827021181583404541015625');
  assert.equal(co('decimal', 'double', 1e20), '100000000000000000000');
  assert.equal(co('decimal', 'double', -0), '-0');
  assert.equal(co('decimal', 'bigint', 123456789012345678901234567890n), '123456789012345678901234567890');
  // DuckDB's DECIMAL has no NaN or infinity
  fails('decimal', 'text', 'NaN');
  fails('decimal', 'text', '-Infinity');
  fails('decimal', 'double', NaN);
  fails('decimal', 'bool', true);
});

test('test_coerce_type_from_hex_text', () => {
  assert.equal(co('wei', 'text', ' 0xff'), '255');
  assert.equal(co('bigint', 'text', ' 0xff'), 255);
  assert.equal(co('decimal', 'text', ' 0xff'), '255');
  assert.equal(co('double', 'text', ' 0xff'), 255);
});

test('test_coerce_type_to_timestamp', () => {
  assert.equal(co('timestamp', 'text', ' 1580405246 '), '2020-01-30T17:27:26Z');
  // the tenths of microseconds are rounded half-even, like datetime.fromtimestamp
  assert.equal(co('timestamp', 'double', 1633344898.7415245), '2021-10-04T10:54:58.741524Z');
  assert.equal(co('timestamp', 'text', '2022-05-10T03:41:31.466000+00:00'), '2022-05-10T03:41:31.466000Z');
  assert.equal(co('timestamp', 'text', '2022-05-10T03:41:31.466+02:00'), '2022-05-10T01:41:31.466000Z');
  assert.equal(co('timestamp', 'text', '2022-05-10T03:41:31.466+0200'), '2022-05-10T01:41:31.466000Z');
  assert.equal(co('timestamp', 'text', '2022-04-26 10:36+02'), '2022-04-26T08:36:00Z');
  // naive datetimes are UTC
  assert.equal(co('timestamp', 'text', '2022-04-26 10:36'), '2022-04-26T10:36:00Z');
  // dates are midnight
  assert.equal(co('timestamp', 'text', '2021-04-25'), '2021-04-25T00:00:00Z');
  assert.equal(co('timestamp', 'date', '2023-02-27'), '2023-02-27T00:00:00Z');
  for (const s of [
    'now',
    '2007-03-01T13:00:00Z/2008-05-11T15:30:00Z',
    '2011--20012',
    '06/04/22, 11:15PM IST',
    'Wed, 06 Jul 2022 11:58:08 +0200',
    'Tuesday, 13-Sep-22 18:42:31 UTC',
    '10:36',
    'x2022-05-10T03:41:31.466000X+00:00',
    '03:41:31.466',
  ]) {
    fails('timestamp', 'text', s);
  }
  fails('timestamp', 'double', -1000000000000000000000000000);
  fails('timestamp', 'double', 1000000000000000000000000000);
  fails('timestamp', 'time', '10:36:00');
});

test('timestamps: ensure_pendulum_datetime_non_utc cases from test_time.py', () => {
  assert.equal(co('timestamp', 'text', '2021-01-01T00:00:00+00:00'), '2021-01-01T00:00:00Z');
  assert.equal(co('timestamp', 'text', '2021-01-01T00:00:00+05:00'), '2020-12-31T19:00:00Z');
  assert.equal(co('timestamp', 'text', '2021-01-01T05:02:32'), '2021-01-01T05:02:32Z');
  assert.equal(co('timestamp', 'bigint', 1609459200), '2021-01-01T00:00:00Z');
  assert.equal(co('timestamp', 'double', 1609459200.123456), '2021-01-01T00:00:00.123456Z');
  assert.equal(co('timestamp', 'text', '1609459200'), '2021-01-01T00:00:00Z');
  assert.equal(co('timestamp', 'text', '1609459200.123456'), '2021-01-01T00:00:00.123456Z');
  assert.equal(co('timestamp', 'text', '2021:01:01 05:02:32'), '2021-01-01T05:02:32Z');
  for (const s of ['2024-10-20T15:30', '2024-10-20T15', '2024-10', '2024', '2024-W42', '2024-W42-5', '2024-293', '20241020']) {
    assert.equal(coerceValue('timestamp', 'text', s).ok, true, s);
  }
  for (const s of ['invalid-format', '2024/10/32', '2024-10-W', '2024-10-W42-8']) fails('timestamp', 'text', s);
});

test('timestamps: precision, range and oddities', () => {
  // microseconds from the string are kept exactly, further digits dropped (not rounded)
  assert.equal(co('timestamp', 'text', '2024-01-15T10:00:00.1234569Z'), '2024-01-15T10:00:00.123456Z');
  assert.equal(co('timestamp', 'text', '2024-01-15T10:00:00.000001-00:01'), '2024-01-15T10:01:00.000001Z');
  assert.equal(co('timestamp', 'text', '2024-01-01T00:30:00+01:00'), '2023-12-31T23:30:00Z');
  assert.equal(co('timestamp', 'text', '2024-W03-1T10:00'), '2024-01-15T10:00:00Z');
  // an invalid calendar date that is a number is read as Unix seconds (float(s))
  assert.equal(co('timestamp', 'text', '20241345'), '1970-08-23T06:35:45Z');
  assert.equal(co('timestamp', 'text', '1.7e9'), '2023-11-14T22:13:20Z');
  assert.equal(co('timestamp', 'double', -1.5), '1969-12-31T23:59:58.500000Z');
  assert.equal(co('timestamp', 'double', 1.0000005), '1970-01-01T00:00:01.000001Z');
  assert.equal(co('timestamp', 'bigint', -62135596800), '0001-01-01T00:00:00Z');
  assert.equal(co('timestamp', 'bigint', 253402300799n), '9999-12-31T23:59:59Z');
  fails('timestamp', 'bigint', 253402300800);
  fails('timestamp', 'bigint', 10n ** 30n);
  fails('timestamp', 'text', 'nan');
  fails('timestamp', 'text', 'inf');
  // dlt parses these, then raises while moving them to UTC
  fails('timestamp', 'text', '2024-01-15T10:30:00+24:00');
  fails('timestamp', 'text', '0001-01-01T00:00:00+01:00');
  fails('timestamp', 'bool', true);
});

test('test_coerce_type_to_date', () => {
  assert.equal(co('date', 'timestamp', '1995-05-06T00:01:01Z'), '1995-05-06');
  assert.equal(co('date', 'double', 1677546399.494264), '2023-02-28');
  assert.equal(co('date', 'text', ' 1677546399 '), '2023-02-28');
  assert.equal(co('date', 'text', '2023-02-27'), '2023-02-27');
  assert.equal(co('date', 'text', '2022-05-10T03:41:31.466000+00:00'), '2022-05-10');
  assert.equal(co('date', 'text', '2022-05-10T03:41:31.466+02:00'), '2022-05-10');
  assert.equal(co('date', 'text', '2022-05-10T03:41:31.466+0200'), '2022-05-10');
  assert.equal(co('date', 'text', '2022-04-26 10:36+02'), '2022-04-26');
  assert.equal(co('date', 'text', '2022-04-26 10:36'), '2022-04-26');
  fails('date', 'text', '03:41:31.466');
});

test('dates: ensure_pendulum_date cases from test_time.py (UTC date of the instant)', () => {
  assert.equal(co('date', 'text', '2021-01-01T00:00:00+05:00'), '2020-12-31');
  assert.equal(co('date', 'text', '2021-01-01'), '2021-01-01');
  assert.equal(co('date', 'bigint', 1609459200), '2021-01-01');
  assert.equal(co('date', 'double', 1609459200.5), '2021-01-01');
  assert.equal(co('date', 'text', '1609459200'), '2021-01-01');
  assert.equal(co('date', 'text', '2024-W03-1'), '2024-01-15');
  assert.equal(co('date', 'text', '2024/01/15'), '2024-01-15');
  fails('date', 'json', {});
});

test('test_coerce_type_to_time', () => {
  assert.equal(co('time', 'text', '03:41:31.466000'), '03:41:31.466000');
  assert.equal(co('time', 'time', '03:41:31.466000'), '03:41:31.466000');
  fails('time', 'timestamp', '1995-05-06T00:01:01Z');
  fails('time', 'double', 1677546399.494264);
  fails('time', 'text', ' 1677546399 ');
  fails('time', 'text', '2023-02-27');
  fails('time', 'text', '2022-05-10T03:41:31.466000+00:00');
});

test('times: ensure_pendulum_time cases from test_time.py (moved to UTC, naive)', () => {
  assert.equal(co('time', 'text', '12:34:56'), '12:34:56');
  assert.equal(co('time', 'text', '01:00:00+02:00'), '23:00:00');
  assert.equal(co('time', 'text', '23:30:00-02:00'), '01:30:00');
  assert.equal(co('time', 'text', '12:34:56.123456+02:00'), '10:34:56.123456');
  assert.equal(co('time', 'text', '12:34Z'), '12:34:00');
  assert.equal(co('time', 'text', 'T1234'), '12:34:00');
  assert.equal(co('time', 'text', '1:05'), '01:05:00'); // _parse_common
  fails('time', 'text', '2021-01-01T00:00:00');
  fails('time', 'text', 'not-a-time');
  fails('time', 'text', '24:00:00');
  fails('time', 'text', '10:');
  fails('time', 'text', '01:00:00+24:00');
  fails('time', 'bigint', 3600);
});

test('test_coerce_type_to_binary', () => {
  assert.deepEqual(co('binary', 'text', '0x30'), bytes('0'));
  assert.deepEqual(co('binary', 'text', 'YmluYXJ5IHN0cmluZw=='), bytes('binary string'));
  assert.deepEqual(co('binary', 'bigint', 15), new Uint8Array([0x0f]));
  fails('binary', 'double', 912.12);
  fails('binary', 'text', '!YmluYXJ5IHN0cmluZw==');
});

test('binary: bytes.fromhex, strict base64, int.to_bytes', () => {
  assert.deepEqual(co('binary', 'text', '0xab cd'), new Uint8Array([0xab, 0xcd]));
  assert.deepEqual(co('binary', 'text', '0x'), new Uint8Array([]));
  assert.deepEqual(co('binary', 'text', ''), new Uint8Array([]));
  assert.deepEqual(co('binary', 'text', 'test'), new Uint8Array([0xb5, 0xeb, 0x2d])); // valid base64!
  assert.deepEqual(co('binary', 'text', 'QUJD='), bytes('ABC'));
  assert.deepEqual(co('binary', 'text', '0Xab'), new Uint8Array([209, 118, 155])); // base64, not hex
  for (const s of ['0xabc', 'hello', 'QQ', 'QQ=', 'QQ===', 'Q=Q=', '=QUJD', 'QUJD\n', 'QUJDé']) fails('binary', 'text', s);
  assert.deepEqual(co('binary', 'bigint', 256), new Uint8Array([0, 1]));
  assert.deepEqual(co('binary', 'bigint', 0), new Uint8Array([]));
  assert.deepEqual(co('binary', 'bigint', 2n ** 64n), new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 1]));
  fails('binary', 'bigint', -1);
});

test('test_coerce_type_json', () => {
  const list = [1, 2, '3', { json: true }];
  const dict = { list: [1, 2], str: 'json' };
  assert.deepEqual(co('json', 'json', dict), dict);
  assert.deepEqual(co('json', 'json', list), list);
  assert.equal(co('text', 'json', dict), '{"list":[1,2],"str":"json"}');
  assert.equal(co('text', 'json', list), '[1,2,"3",{"json":true}]');
  assert.deepEqual(co('json', 'text', JSON.stringify(dict)), dict);
  assert.deepEqual(co('json', 'text', JSON.stringify(list)), list);
  fails('binary', 'json', list);
  fails('json', 'text', 'not a json string');
});

test('json: scalars only come from text; map_nested_values_in_place rejects them', () => {
  assert.equal(co('json', 'text', '123'), 123);
  assert.equal(co('json', 'text', 'null'), null);
  assert.equal(co('json', 'text', '"a"'), 'a');
  fails('json', 'text', 'NaN');
  fails('json', 'json', 'a');
  fails('text', 'json', 5);
  fails('json', 'bigint', 5);
});

test('test_coerce_type_json_with_pua', () => {
  const marked = '\uf0272022-05-10T01:41:31.466Z';
  const dict = () => ({ list: [1, 10, marked], str: 'json', pua_date: marked });
  const expected = { list: [1, 10, '2022-05-10T01:41:31.466Z'], str: 'json', pua_date: '2022-05-10T01:41:31.466Z' };
  assert.deepEqual(co('json', 'json', dict()), expected);
  assert.equal(co('text', 'json', dict()), JSON.stringify(expected));
  // only the nine marker characters, only with something after them
  assert.deepEqual(co('json', 'json', ['\uf02e1', '\uf02f1', '\uf026', '\uf025x']), ['1', '\uf02f1', '\uf026', '\uf025x']);
});

test('can_coerce_type is exactly dlt _COERCE_DISPATCH plus same type', () => {
  const dispatch = new Set([
    'text<json', 'text<bigint', 'text<double', 'text<wei', 'text<decimal', 'text<bool', 'text<binary', 'text<timestamp', 'text<date', 'text<time',
    'binary<text', 'binary<bigint',
    'bigint<text', 'bigint<wei', 'bigint<decimal', 'bigint<double',
    'double<text', 'double<bigint', 'double<wei', 'double<decimal',
    'decimal<text', 'decimal<bigint', 'decimal<double', 'decimal<wei',
    'wei<text', 'wei<bigint', 'wei<double', 'wei<decimal',
    'bool<text', 'bool<bigint', 'bool<double', 'bool<decimal', 'bool<wei',
    'json<text',
    'timestamp<text', 'timestamp<bigint', 'timestamp<double', 'timestamp<date',
    'date<text', 'date<timestamp', 'date<bigint', 'date<double',
    'time<text',
  ]);
  for (const to of DATA_TYPES) {
    for (const from of DATA_TYPES) {
      const expected = to === from || dispatch.has(`${to}<${from}`);
      assert.equal(canCoerce(to, from), expected, `${from} -> ${to}`);
      if (!expected) fails(to, from, from === 'json' ? {} : from === 'bool' ? true : '1');
    }
  }
});
