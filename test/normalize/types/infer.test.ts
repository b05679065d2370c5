// dlt's type detections (tests/common/schema/test_detections.py) and
// _infer_column_type / py_type_to_sc_type for values out of JSON.parse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_DETECTIONS,
  inferType,
  isIsoDate,
  isIsoTimestamp,
  valueType,
  type Detection,
} from '../../../src/normalize/types/infer.js';

test('the default schema detects ISO timestamps only', () => {
  assert.deepEqual([...DEFAULT_DETECTIONS], ['iso_timestamp']);
});

test('dlt test_iso_timestamp_detection', () => {
  // str(pendulum.now()) uses a space separator and a +00:00 offset
  assert.equal(isIsoTimestamp('2024-01-25 11:21:28.123456+00:00'), true);
  assert.equal(isIsoTimestamp('1975-05-21T22:00:00Z'), true);
  assert.equal(isIsoTimestamp('2022-06-01T00:48:35.040Z'), true);
  assert.equal(isIsoTimestamp('2021-07-24 10:51'), true);
  // dates and times are not accepted
  assert.equal(isIsoTimestamp('1975-05-21'), false);
  assert.equal(isIsoTimestamp('22:00:00'), false);
  // wrong formats
  assert.equal(isIsoTimestamp('0-05-01T27:00:00Z'), false);
  assert.equal(isIsoTimestamp(''), false);
  assert.equal(isIsoTimestamp('1975-05-01T27:00:00Z'), false);
  assert.equal(isIsoTimestamp('1975-0521T22 00:00'), false);
  assert.equal(isIsoTimestamp('1975-0521T22:00:00Z'), false); // "newer pendulum does not accept this format"
  assert.equal(isIsoTimestamp('Wed, 29 Jun 2022 13:56:34 +0000'), false);
});

test('what else counts as an ISO timestamp for dlt', () => {
  for (const s of [
    '2024-01-25T11:21:28Z',
    '2024-01-25T11:21:28+01:00',
    '2024-01-25T11:21:28-0530',
    '2024-01-25T11:21:28.123456789Z',
    '2024-01-25T11:21:28',
    '2024-01-25 11:21:28',
    '2024-01-25T11',
    '20240125T112128',
    '2024-W04-4T10:00',
    '2024-025T10:00',
    '2024/01/25 11:21',
    '2024:01:25 11:21:28',
    '20240125 11:21:28',
  ]) {
    assert.equal(isIsoTimestamp(s), true, s);
  }
  for (const s of ['2024-01-25', '2024', '2024-01', '20240125', '2024-W04', '11:21:28', 'T11:21', '2024-13-45', '2024-13-45T00:00:00', '2024-02-30T10:00:00Z', '1700000000', 'now', 'P1D']) {
    assert.equal(isIsoTimestamp(s), false, s);
  }
});

test('dlt test_iso_date_detection', () => {
  assert.equal(isIsoDate('2024-01-25'), true);
  assert.equal(isIsoDate('1975-05-21'), true);
  assert.equal(isIsoDate('19750521'), true);
  assert.equal(isIsoDate('1975-05'), true);
  assert.equal(isIsoDate('1975'), true);
  assert.equal(isIsoDate('1975/05/01'), true);
  // timestamps are not dates
  assert.equal(isIsoDate('2024-01-25 11:21:28.123456+00:00'), false);
  assert.equal(isIsoDate('1975-05-21T22:00:00Z'), false);
  assert.equal(isIsoDate('2022-06-01T00:48:35.040Z'), false);
  assert.equal(isIsoDate('1975-0521T22:00:00Z'), false);
  assert.equal(isIsoDate('2021-07-24 10:51'), false);
  // times are not dates
  assert.equal(isIsoDate('22:00:00'), false);
  for (const s of ['197505', '0-05-01', '', '75', '01-12']) assert.equal(isIsoDate(s), false, s);
});

test('py_type_to_sc_type for JSON values', () => {
  assert.equal(valueType(null), undefined);
  assert.equal(valueType(undefined), undefined);
  assert.equal(valueType('x'), 'text');
  assert.equal(valueType(true), 'bool');
  assert.equal(valueType(0), 'bigint');
  assert.equal(valueType(-0), 'bigint');
  assert.equal(valueType(17), 'bigint');
  assert.equal(valueType(1.0), 'bigint'); // JSON "1.0" is indistinguishable from "1"
  assert.equal(valueType(1.5), 'double');
  assert.equal(valueType(-(2 ** 63)), 'bigint');
  assert.equal(valueType(2 ** 63), 'double'); // outside BIGINT: only an approximation in JS
  assert.equal(valueType(1e300), 'double');
  assert.equal(valueType(NaN), 'double');
  assert.equal(valueType(12345678901234567890n), 'bigint');
  assert.equal(valueType({}), 'json');
  assert.equal(valueType([1, 2]), 'json');
  assert.equal(valueType(new Uint8Array([1])), 'binary');
  assert.throws(() => valueType(() => 1), TypeError);
});

test('inferType with the default detections', () => {
  assert.equal(inferType(null), undefined);
  assert.equal(inferType('abc'), 'text');
  assert.equal(inferType(''), 'text');
  assert.equal(inferType('2024-01-25T11:21:28Z'), 'timestamp');
  assert.equal(inferType('2024-01-25'), 'text'); // iso_date is not a default detection
  assert.equal(inferType(1706181688), 'bigint'); // neither is timestamp
  assert.equal(inferType(1.5), 'double');
  assert.equal(inferType(false), 'bool');
  assert.equal(inferType({ a: 1 }), 'json');
  assert.equal(inferType(['2024-01-25T11:21:28Z']), 'json');
});

test('timestamps that cannot be moved to UTC are text, not timestamp', () => {
  // dlt detects these and then fails in normalize_timezone
  assert.equal(isIsoTimestamp('2024-01-15T10:30:00+24:00'), true);
  assert.equal(inferType('2024-01-15T10:30:00+24:00'), 'text');
  assert.equal(inferType('2024-01-15T10:30:00-25:00'), 'text');
  assert.equal(inferType('0001-01-01T00:00:00+01:00'), 'text');
  assert.equal(inferType('0001-01-01T00:00:00-01:00'), 'timestamp');
  assert.equal(inferType('9999-12-31T23:30:00-01:00'), 'text');
  assert.equal(inferType('2024-01-15T10:30:00+23:59'), 'timestamp');
});

test('dlt test_timestamp_detection', () => {
  const now = Math.floor(Date.now() / 1000) + 0.5; // never integral
  const range = 5 * 31536000;
  const d: Detection[] = ['timestamp'];
  assert.equal(inferType(now, d), 'timestamp');
  assert.equal(inferType(Math.floor(now), d), 'timestamp');
  assert.equal(inferType(BigInt(Math.floor(now)), d), 'timestamp');
  assert.equal(inferType(String(now), d), 'text');
  assert.equal(inferType(now - range - 1000, d), 'double');
  assert.equal(inferType(Math.floor(now + range + 1000), d), 'bigint');
  assert.equal(inferType(true, d), 'bool');
});

test('dlt test_detection_large_integer', () => {
  const d: Detection[] = ['large_integer'];
  assert.equal(inferType('A', d), 'text');
  assert.equal(inferType(2n ** 63n, d), 'wei');
  assert.equal(inferType(578960446186580977117854925043439539267n, d), 'text');
  assert.equal(inferType(578960446186580977117854925043439539266n, d), 'wei');
  assert.equal(inferType(2n ** 63n - 1n, d), 'bigint');
  assert.equal(inferType(-(2n ** 63n) - 1n, d), 'bigint');
  // integral JS numbers count as ints for this detection
  assert.equal(inferType(2 ** 63, d), 'wei');
  assert.equal(inferType(1e39, d), 'text');
});

test('dlt test_detection_function: detections run in order, first hit wins', () => {
  const now = Math.floor(Date.now() / 1000) + 0.5;
  assert.equal(inferType('2024-01-25 11:21:28+00:00', []), 'text');
  assert.equal(inferType('2024-01-25 11:21:28+00:00', ['iso_timestamp']), 'timestamp');
  assert.equal(inferType(now, ['iso_timestamp']), 'double');
  assert.equal(inferType('2024-01-25', ['iso_date']), 'date');
  assert.equal(inferType('2024-01-25', ['iso_timestamp', 'iso_date']), 'date');
  assert.equal(inferType('2024-01-25T10:00', ['iso_timestamp', 'iso_date']), 'timestamp');
  assert.equal(inferType('2024-01-25 11:21:28+00:00', ['timestamp']), 'text');
  assert.equal(inferType(now, ['timestamp', 'iso_timestamp']), 'timestamp');
  assert.equal(inferType(2n ** 64n, ['timestamp', 'large_integer']), 'wei');
  // HexBytes and Wei values never come out of JSON
  assert.equal(inferType('0xff', ['hexbytes_to_text', 'wei_to_double']), 'text');
});
