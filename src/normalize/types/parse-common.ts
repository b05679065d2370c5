/**
 * pendulum's `_parse_common` (`src/pendulum/parsing/__init__.py`), the
 * fallback of dlt's `parse_iso_like_datetime` for strings pendulum's ISO
 * parser rejects, such as `2024`, `2024/01/15` or EXIF's
 * `2016:12:26 15:45:28`. Results go into the shared `parts` of iso-parse.ts.
 */
import { parts, type IsoKind } from './iso-parse.js';
import { digitValue } from './py-text.js';
import { isValidDate, isValidTime } from './timestamp.js';

const SPACE = 0x20;

/**
 * pendulum's `COMMON` regex, with Python's Unicode `\d` as `\p{Nd}` and its
 * `fullmatch` as `^...$` (JavaScript's `$` does not match before a final
 * newline). All quantifiers are bounded, so there is no runaway
 * backtracking; longer strings are rejected before matching anyway.
 * Groups: year, month, day, hour, minute, second, subsecond.
 */
const COMMON =
  /^(?:(\p{Nd}{4})(?:[/:]?(\p{Nd}{2})[/:]?(\p{Nd}{2}))?)?(?: ?(\p{Nd}{1,2}):(\p{Nd}{1,2})?(?::(\p{Nd}{1,2}))?(?:[.|,](\p{Nd}{1,9}))?)?$/u;
/** Longest string COMMON can match: 29 code points, each at most 2 UTF-16 units. */
const COMMON_MAX_LENGTH = 58;

/** Python's `int()` of a run of (Unicode) decimal digits, at most `max` of them. */
function digitsValue(s: string, max: number): number {
  let v = 0;
  let k = 0;
  for (let i = 0; i < s.length && k < max; k++) {
    const cp = s.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    v = v * 10 + digitValue(cp);
  }
  return v;
}

/**
 * pendulum's `_parse_common` as dlt calls it (day_first=False): `YYYY`,
 * `YYYYMMDD`, `YYYY/MM/DD`, `YYYY:MM:DD` optionally followed (after an
 * optional space) by `h[h]:[m[m]][:s[s]][.|,fraction]`, or such a time alone.
 * `undefined` where it raises (no match, invalid field, or the `TypeError`
 * of a time without minutes).
 */
export function parseCommon(s: string): IsoKind | undefined {
  if (s.length === 0 || s.length > COMMON_MAX_LENGTH) return undefined;
  // cheap rejection of ordinary text: COMMON starts with a digit or the time separator
  const c0 = s.charCodeAt(0);
  if (c0 !== SPACE && !(c0 >= 0x30 && c0 <= 0x39) && c0 < 0x660) return undefined;
  const m = COMMON.exec(s);
  if (m === null) return undefined;
  const p = parts;
  p.hour = 0;
  p.minute = 0;
  p.second = 0;
  p.microsecond = 0;
  p.offset = undefined;
  const hasDatePart = m[1] !== undefined;
  p.year = hasDatePart ? digitsValue(m[1]!, 4) : 0;
  p.month = m[2] !== undefined ? digitsValue(m[2], 2) : 1;
  p.day = m[3] !== undefined ? digitsValue(m[3], 2) : 1;
  if (m[4] === undefined) {
    // date(year, month, day); also reached by "" with year 0, which Python rejects
    return isValidDate(p.year, p.month, p.day) ? 'date' : undefined;
  }
  if (m[5] === undefined) return undefined; // int(None): TypeError
  p.hour = digitsValue(m[4], 2);
  p.minute = digitsValue(m[5], 2);
  p.second = m[6] !== undefined ? digitsValue(m[6], 2) : 0;
  if (m[7] !== undefined) {
    // subsecond[:6], right-padded with zeros to six digits
    let us = digitsValue(m[7], 6);
    let n = 0;
    for (let i = 0; i < m[7].length && n < 6; n++) i += m[7].codePointAt(i)! > 0xffff ? 2 : 1;
    for (; n < 6; n++) us *= 10;
    p.microsecond = us;
  }
  if (!isValidTime(p.hour, p.minute, p.second, p.microsecond)) return undefined;
  if (!hasDatePart) return 'time';
  return isValidDate(p.year, p.month, p.day) ? 'datetime' : undefined;
}
