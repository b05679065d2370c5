// pendulum's parse_iso8601 (Rust extension) and _parse_common, as dlt's
// parse_iso_like_datetime combines them. Cases from pendulum 3.2's
// tests/parsing/test_parse_iso8601.py and tests/parsing/test_parsing.py, dlt's
// tests/common/test_time.py, and the quirks read off the Rust source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIsoLike } from '../../../src/normalize/types/dlt-time.js';
import { parseIso8601, parts, type IsoKind } from '../../../src/normalize/types/iso-parse.js';
import { parseCommon } from '../../../src/normalize/types/parse-common.js';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A readable rendering of what the last parse produced. */
function render(kind: IsoKind | undefined): string | undefined {
  if (kind === undefined) return undefined;
  const p = parts;
  const date = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
  const time = `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}.${pad(p.microsecond, 6)}`;
  const tz = p.offset === undefined ? '' : ` ${p.offset >= 0 ? '+' : ''}${p.offset}`;
  if (kind === 'date') return `date ${date}`;
  if (kind === 'time') return `time ${time}${tz}`;
  return `datetime ${date} ${time}${tz}`;
}

const iso = (s: string) => render(parseIso8601(s));
const like = (s: string) => render(parseIsoLike(s));

test('pendulum test_parse_iso8601: dates', () => {
  assert.equal(iso('2016-10'), 'date 2016-10-01');
  assert.equal(iso('2016-10-06'), 'date 2016-10-06');
  assert.equal(iso('2012-007'), 'date 2012-01-07');
  assert.equal(iso('2012007'), 'date 2012-01-07');
  assert.equal(iso('2017-079'), 'date 2017-03-20');
  assert.equal(iso('2012-W05'), 'date 2012-01-30');
  assert.equal(iso('2008-W39-6'), 'date 2008-09-27');
  assert.equal(iso('2009-W53-7'), 'date 2010-01-03');
  assert.equal(iso('2009-W01-1'), 'date 2008-12-29');
  assert.equal(iso('20120503'), 'date 2012-05-03');
  assert.equal(iso('2012W05'), 'date 2012-01-30');
  assert.equal(iso('2012W055'), 'date 2012-02-03');
  assert.equal(iso('2015W53'), 'date 2015-12-28');
  assert.equal(iso('2026W36'), 'date 2026-08-31'); // pendulum bug #916
});

test('pendulum test_parse_iso8601: times', () => {
  assert.equal(iso('12:34'), 'time 12:34:00.000000');
  assert.equal(iso('12:34:56'), 'time 12:34:56.000000');
  assert.equal(iso('12:34:56.123'), 'time 12:34:56.123000');
  assert.equal(iso('12:34:56.123456'), 'time 12:34:56.123456');
  assert.equal(iso('12:34+05:30'), 'time 12:34:00.000000 +19800');
  assert.equal(iso('12:34:56+05:30'), 'time 12:34:56.000000 +19800');
  assert.equal(iso('12:34:56.123+05:30'), 'time 12:34:56.123000 +19800');
  assert.equal(iso('T201205'), 'time 20:12:05.000000');
  assert.equal(iso('20:12:05.123456'), 'time 20:12:05.123456');
});

test('pendulum test_parse_iso8601: datetimes', () => {
  assert.equal(iso('2016-10-06T12:34:56.123456'), 'datetime 2016-10-06 12:34:56.123456');
  assert.equal(iso('2016-10-06T12:34:56.123'), 'datetime 2016-10-06 12:34:56.123000');
  assert.equal(iso('2016-10-06T12:34:56.000123'), 'datetime 2016-10-06 12:34:56.000123');
  assert.equal(iso('20161006T12'), 'datetime 2016-10-06 12:00:00.000000');
  assert.equal(iso('20161006T123456'), 'datetime 2016-10-06 12:34:56.000000');
  assert.equal(iso('20161006T123456.123456'), 'datetime 2016-10-06 12:34:56.123456');
  assert.equal(iso('20161006 123456.123456'), 'datetime 2016-10-06 12:34:56.123456');
  assert.equal(iso('2016-10-06T12:34:56.123456+05:30'), 'datetime 2016-10-06 12:34:56.123456 +19800');
  assert.equal(iso('2016-10-06T12:34:56.123456+0530'), 'datetime 2016-10-06 12:34:56.123456 +19800');
  assert.equal(iso('2016-10-06T12:34:56.123456-05:30'), 'datetime 2016-10-06 12:34:56.123456 -19800');
  assert.equal(iso('2016-10-06T12:34:56.123456-0530'), 'datetime 2016-10-06 12:34:56.123456 -19800');
  assert.equal(iso('2016-10-06T12:34:56.123456+05'), 'datetime 2016-10-06 12:34:56.123456 +18000');
  assert.equal(iso('2016-10-06T12:34:56.123456-05'), 'datetime 2016-10-06 12:34:56.123456 -18000');
  assert.equal(iso('20161006T123456,123456-05'), 'datetime 2016-10-06 12:34:56.123456 -18000');
  // digits beyond microseconds are dropped, not rounded
  assert.equal(iso('2016-10-06T12:34:56.123456789+05:30'), 'datetime 2016-10-06 12:34:56.123456 +19800');
  assert.equal(iso('2016-10-06T12:34:56.9999999Z'), 'datetime 2016-10-06 12:34:56.999999 +0');
  assert.equal(iso('2008-W39-6T09'), 'datetime 2008-09-27 09:00:00.000000');
  assert.equal(iso('2012-W05T09'), 'datetime 2012-01-30 09:00:00.000000');
  assert.equal(iso('2012W055T09'), 'datetime 2012-02-03 09:00:00.000000');
  assert.equal(iso('2016-10-01T14'), 'datetime 2016-10-01 14:00:00.000000');
  assert.equal(iso('2016-10-01T14:30'), 'datetime 2016-10-01 14:30:00.000000');
  assert.equal(iso('20161001T1430+0530'), 'datetime 2016-10-01 14:30:00.000000 +19800');
  assert.equal(iso('2008-09-03T20:56:35.450686+01'), 'datetime 2008-09-03 20:56:35.450686 +3600');
  assert.equal(iso('2016-10-06 12:34:56'), 'datetime 2016-10-06 12:34:56.000000');
});

test('pendulum test_parse_iso8601_invalid', () => {
  for (const s of [
    '20161306T123456', // month
    '20161033T123456', // day
    '20161131T123456', // day for month
    '20161006T243456', // hour
    '20161006T126056', // minute
    '20161006T123460', // second (no leap seconds)
    '20140203 04:05:.123456',
    '2009-05-19 14:',
    '2009367',
    '2009-367',
    '2015-366',
    '2015-000',
    '2009-',
    '2009-05-19T14:3924',
    '2010-02-18T16.5:23.35:48',
    '2010-02-18T16:23.35:48.45',
    '2010-02-18T16:23.33.600',
    '2009-05-19 14:39:22+063',
    '201610T',
    '2012-W54',
    '2012-W13-8',
    '2017W53', // not a long year
    '/2012',
    '2012/',
    '2012-007-05',
    '2016-2-6',
  ]) {
    assert.equal(iso(s), undefined, s);
  }
});

test('Rust parser quirks', () => {
  // an extended date may be followed by a compact month (day 1) and a time
  assert.equal(iso('2024-01T10:00'), 'datetime 2024-01-01 10:00:00.000000');
  // basic date + extended time is accepted without seconds, rejected with them
  assert.equal(iso('20240115T10:30'), 'datetime 2024-01-15 10:30:00.000000');
  assert.equal(iso('20240115T10:30:00'), undefined);
  // extended date + basic time is rejected
  assert.equal(iso('2024-01-15T1030'), undefined);
  assert.equal(iso('2024-01-15T10'), 'datetime 2024-01-15 10:00:00.000000');
  assert.equal(iso('2024-01-15T10Z'), 'datetime 2024-01-15 10:00:00.000000 +0');
  // a 'T' time alone is parsed as basic format: hh:mm ok, hh:mm:ss not
  assert.equal(iso('T10:30'), 'time 10:30:00.000000');
  assert.equal(iso('T10:30:00'), undefined);
  // fraction needs seconds, at least one digit, and '.' or ','
  assert.equal(iso('2024-01-15T10:30.5'), undefined);
  assert.equal(iso('2024-01-15T10:30:00.'), undefined);
  assert.equal(iso('2024-01-15T10:30:00,5'), 'datetime 2024-01-15 10:30:00.500000');
  // offsets: "+hh:" is accepted, minutes may exceed 59, only > +24:00 is rejected
  assert.equal(iso('2024-01-15T10:30:00+05:'), 'datetime 2024-01-15 10:30:00.000000 +18000');
  assert.equal(iso('2024-01-15T10:30:00+05:99'), 'datetime 2024-01-15 10:30:00.000000 +23940');
  assert.equal(iso('2024-01-15T10:30:00+24:00'), 'datetime 2024-01-15 10:30:00.000000 +86400');
  assert.equal(iso('2024-01-15T10:30:00+24:01'), undefined);
  assert.equal(iso('2024-01-15T10:30:00-99:00'), 'datetime 2024-01-15 10:30:00.000000 -356400');
  assert.equal(iso('2024-01-15T10:30:00+05:30:00'), undefined);
  // lower-case separators and zone letters are not ISO for pendulum
  assert.equal(iso('2024-01-15t10:30:00'), undefined);
  assert.equal(iso('2024-01-15T10:30:00z'), undefined);
  // hour 24 is parsed but Python's datetime rejects it
  assert.equal(iso('2024-01-15T24:00:00'), undefined);
  // year 0 is out of Python's range, February 29 only in leap years
  assert.equal(iso('0000-01-01T00:00:00'), undefined);
  assert.equal(iso('0001-01-01T00:00:00'), 'datetime 0001-01-01 00:00:00.000000');
  assert.equal(iso('2023-02-29'), undefined);
  assert.equal(iso('2024-02-29'), 'date 2024-02-29');
  // durations and intervals are not dates
  assert.equal(iso('P1D'), undefined);
  assert.equal(iso('2007-03-01T13:00:00Z/2008-05-11T15:30:00Z'), undefined);
  // no trailing data, no leading spaces, no sign
  assert.equal(iso('2024-01-15 '), undefined);
  assert.equal(iso(' 2024-01-15'), undefined);
  assert.equal(iso('+2024-01-15'), undefined);
  assert.equal(iso('2024-01-15\n'), undefined);
  // non-ASCII digits are not digits for Rust
  assert.equal(iso('２０２４-01-15'), undefined);
  assert.equal(iso(''), undefined);
});

test('ordinal dates on the last day of a month (pendulum 3.2 fix of 3.1)', () => {
  assert.equal(iso('2024-031'), 'date 2024-01-31');
  assert.equal(iso('2024-060'), 'date 2024-02-29');
  assert.equal(iso('2023-059'), 'date 2023-02-28');
  assert.equal(iso('2023-060'), 'date 2023-03-01');
  assert.equal(iso('2024-366'), 'date 2024-12-31');
  assert.equal(iso('2024-001T10:00:00Z'), 'datetime 2024-01-01 10:00:00.000000 +0');
});

test('week dates crossing year boundaries', () => {
  assert.equal(iso('2020-W53-7'), 'date 2021-01-03'); // 2020 is a long year
  assert.equal(iso('2021-W53'), undefined);
  assert.equal(iso('2021-W01-1'), 'date 2021-01-04');
  assert.equal(iso('2019-W01-1'), 'date 2018-12-31');
  // pendulum does not check the lower bounds: week 0 and weekday 0 count backwards
  assert.equal(iso('2021-W00-7'), 'date 2021-01-03');
  assert.equal(iso('2021-W01-0'), 'date 2021-01-03');
});

test('_parse_common: the fallback for what parse_iso8601 rejects', () => {
  assert.equal(render(parseCommon('2016:12:26 15:45:28')), 'datetime 2016-12-26 15:45:28.000000');
  assert.equal(like('2016:12:26 15:45:28'), 'datetime 2016-12-26 15:45:28.000000');
  assert.equal(like('2021:01:01 05:02:32'), 'datetime 2021-01-01 05:02:32.000000'); // dlt test_parse_iso_like_datetime
  assert.equal(like('2024'), 'date 2024-01-01');
  assert.equal(like('1975/05/01'), 'date 1975-05-01');
  assert.equal(like('2024/01/15 10:30'), 'datetime 2024-01-15 10:30:00.000000');
  assert.equal(like('2024/0115 1:2:3'), 'datetime 2024-01-15 01:02:03.000000');
  // no separator between date and time, basic date with extended time and seconds
  assert.equal(like('2024011510:30'), 'datetime 2024-01-15 10:30:00.000000');
  assert.equal(like('20240115 10:30:00'), 'datetime 2024-01-15 10:30:00.000000');
  // fraction separators '.', ',' and (a regex accident) '|'; nine digits kept to six
  assert.equal(like('2024/01/15 10:30:00|123456789'), 'datetime 2024-01-15 10:30:00.123456');
  assert.equal(like('2024/01/15 10:30:00,5'), 'datetime 2024-01-15 10:30:00.500000');
  assert.equal(like('1:05'), 'time 01:05:00.000000');
  assert.equal(like(' 10:30'), 'time 10:30:00.000000');
  // Python's \d and int() accept any Unicode decimal digit
  assert.equal(like('٢٠٢٤/٠١/١٥ ١٠:٣٠'), 'datetime 2024-01-15 10:30:00.000000');
  assert.equal(like('２０２４'), 'date 2024-01-01');
  assert.equal(like('𝟚𝟘𝟚𝟜/𝟘𝟙/𝟙𝟝 𝟙𝟘:𝟛𝟘:𝟘𝟘.𝟙𝟚𝟛𝟜𝟝𝟞𝟟'), 'datetime 2024-01-15 10:30:00.123456');
  // rejected: minutes missing (TypeError in pendulum), invalid fields, year 0, dashes, trailing newline
  for (const s of ['2024/01/15 10:', '10:', '2024/13/01', '2024/02/30 10:00', '0000', '', '2024/01/15 24:00', '2024\n', '202401', '2024/01', '75', '01-12']) {
    assert.equal(like(s), undefined, JSON.stringify(s));
  }
});

test('dlt test_detect_datetime_format values all parse', () => {
  const cases: [string, IsoKind][] = [
    ['2024-10-20T15:30:00Z', 'datetime'],
    ['2024-10-20T15:30:00.123456Z', 'datetime'],
    ['2024-10-20T15:30:00+02:00', 'datetime'],
    ['2024-10-20T15:30:00+0200', 'datetime'],
    ['2024-10-20T15:30:00.123456-0200', 'datetime'],
    ['2024-10-20T15:30:00', 'datetime'],
    ['2024-10-20T15:30', 'datetime'],
    ['2024-10-20T15', 'datetime'],
    ['2024-10-20', 'date'],
    ['2024-10', 'date'],
    ['2024', 'date'],
    ['2024-W42', 'date'],
    ['2024-W42-5', 'date'],
    ['2024-293', 'date'],
    ['20241020', 'date'],
  ];
  for (const [s, kind] of cases) assert.equal(parseIsoLike(s), kind, s);
  for (const s of ['invalid-format', '2024/10/32', '2024-10-W', '2024-10-W42-8']) assert.equal(parseIsoLike(s), undefined, s);
});
