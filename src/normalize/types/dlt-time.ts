/**
 * dlt's parsing of strings and numbers into timestamps, dates and times
 * (`parse_iso_like_datetime`, `ensure_pendulum_datetime_non_utc`,
 * `ensure_pendulum_date`, `ensure_pendulum_time` in `dlt/common/time.py`) followed by
 * `normalize_timezone`, producing the loader's UTC strings (see
 * timestamp.ts for the formats).
 */
import { parseIso8601, parts, type IsoKind } from './iso-parse.js';
import { parseCommon } from './parse-common.js';
import { parsePyFloat } from './py-number.js';
import {
  civilFromUnix,
  civilFromUnixSeconds,
  formatDate,
  formatTime,
  SECONDS_PER_DAY,
  unixFromParts,
  type Civil,
} from './timestamp.js';

/**
 * dlt's `parse_iso_like_datetime`: pendulum's ISO 8601 parser, falling back
 * to `_parse_common` when it raises. `undefined` where dlt raises; the
 * fields are in `parts` of iso-parse.ts.
 */
export function parseIsoLike(s: string): IsoKind | undefined {
  return parseIso8601(s) ?? parseCommon(s);
}

/**
 * The UTC instant of the datetime just parsed (`parts` of iso-parse.ts). Naive values are UTC (dlt
 * ignores the system time zone). `undefined` when Python's conversion to UTC
 * raises: an offset of 24 hours or more, or a result outside years 1..9999.
 */
export function partsToUtc(): Civil | undefined {
  const p = parts;
  if (p.offset !== undefined && !(p.offset > -SECONDS_PER_DAY && p.offset < SECONDS_PER_DAY)) return undefined;
  const unix = unixFromParts(p.year, p.month, p.day, p.hour, p.minute, p.second, p.offset);
  return civilFromUnix(unix, p.microsecond);
}

/**
 * `ensure_pendulum_datetime_non_utc(s)` then `normalize_timezone`: an ISO
 * datetime (pendulum, then `_parse_common`), a date (midnight), else a Unix
 * timestamp in seconds via Python's `float(s)` (so `" 1580405246 "` and
 * `"1.5e9"` work). A time of day alone is rejected.
 */
export function textToUtc(s: string): Civil | undefined {
  let kind = parseIso8601(s);
  if (kind !== 'datetime') {
    // parse_iso_like_datetime: pendulum again (same answer), else _parse_common
    if (kind === undefined) kind = parseCommon(s);
    if (kind === 'time') return undefined;
    if (kind === undefined) {
      const ts = parsePyFloat(s);
      return ts === undefined ? undefined : civilFromUnixSeconds(ts);
    }
  }
  // a date-only parse leaves hour..microsecond at 0 and no offset: naive midnight
  return partsToUtc();
}

/** `ensure_pendulum_date(s)`: the UTC calendar date of {@link textToUtc}. */
export function textToDate(s: string): string | undefined {
  const c = textToUtc(s);
  return c === undefined ? undefined : formatDate(c.year, c.month, c.day);
}

/**
 * `ensure_pendulum_time(s)`: only strings that parse to a time of day;
 * one with an offset is moved to UTC on 1970-01-01 and made naive
 * (`01:00:00+02:00` -> `23:00:00`).
 */
export function textToTime(s: string): string | undefined {
  if (parseIsoLike(s) !== 'time') return undefined;
  const p = parts;
  if (p.offset === undefined) return formatTime(p.hour, p.minute, p.second, p.microsecond);
  if (!(p.offset > -SECONDS_PER_DAY && p.offset < SECONDS_PER_DAY)) return undefined;
  let sod = (p.hour * 3600 + p.minute * 60 + p.second - p.offset) % SECONDS_PER_DAY;
  if (sod < 0) sod += SECONDS_PER_DAY;
  return formatTime(Math.floor(sod / 3600), Math.floor((sod % 3600) / 60), sod % 60, p.microsecond);
}
