/**
 * pendulum's `parse_iso8601`, the first half of dlt's
 * `parse_iso_like_datetime` (see dlt-time.ts), which decides what dlt calls
 * an ISO timestamp, date or time.
 *
 * `parse_iso8601` is pendulum's Rust extension (`rust/src/parsing.rs` +
 * `rust/src/python/parsing.rs`, used by every pendulum 3 wheel); it is
 * ported statement by statement below, including its quirks:
 *
 * - dates: `YYYY-MM-DD`, `YYYY-MM` (day 1), `YYYYMMDD`, ordinal `YYYY-DDD`
 *   and `YYYYDDD`, week dates `YYYY-Www[-D]` and `YYYYWww[D]`;
 * - date and time separated by `T` or a space; hour only (`2024-01-15T10`)
 *   is a full timestamp; `hh:mm:ss` must follow an extended date and
 *   `hhmmss` a basic one, but `YYYYMMDDThh:mm` (no seconds) is accepted;
 * - fractions after the seconds with `.` or `,`, truncated (not rounded) to
 *   microseconds; `Z`, `±hh`, `±hhmm`, `±hh:mm` and even `±hh:` offsets;
 *   an offset only fails above +24:00 (not below -24:00);
 * - the result is then built as a Python `datetime`/`date`/`time`, whose
 *   range checks (year 1..9999, hour 0..23, no leap second...) turn an
 *   out-of-range value into the same error as a syntax error.
 *
 * The ordinal-date month lookup follows pendulum 3.2 (the current release),
 * which fixed 3.1's off-by-one that rejected the last day of each month.
 *
 * Results go into the shared {@link parts} object (valid until the next
 * call) so that parsing allocates nothing; JavaScript is single threaded and
 * none of these functions call back into user code.
 */
import { isLeapYear as isLeap, isValidDate, isValidTime } from './timestamp.js';
import type { Civil } from './timestamp.js';

/** What a string parsed to, as the Python type dlt checks with `isinstance`. */
export type IsoKind = 'datetime' | 'date' | 'time';

export interface IsoParts extends Civil {
  /** Seconds east of UTC; `undefined` for a naive value. */
  offset: number | undefined;
}

/** The fields of the last successful parse. */
export const parts: IsoParts = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, microsecond: 0, offset: undefined };

// ---- Parser state (pendulum's `Parser` struct, flattened) ----
let src = '';
let pos = 0;
let hasDate = false;
let hasTime = false;
let extended = false;

const T = 0x54;
const W = 0x57;
const Z = 0x5a;
const SPACE = 0x20;
const COLON = 0x3a;
const DASH = 0x2d;
const PLUS = 0x2b;

/** Current character, or -1 at the end (pendulum uses `'\0'` plus an index check). */
function cur(): number {
  return pos < src.length ? src.charCodeAt(pos) : -1;
}

/** `parse_integer(length)`: exactly `n` ASCII digits, else -1. */
function int(n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = cur();
    if (c < 0x30 || c > 0x39) return -1;
    v = v * 10 + (c - 0x30);
    pos++;
  }
  return v;
}

/** True at the end or at a date/time separator (`self.end() || current == ' ' || current == 'T'`). */
function atDateEnd(): boolean {
  const c = cur();
  return c === -1 || c === SPACE || c === T;
}

function atTimeEnd(): boolean {
  const c = cur();
  return c === -1 || c === Z || c === PLUS || c === DASH;
}

/**
 * pendulum's `parse_iso8601` followed by the Python constructor it calls.
 * Returns the kind of the value, or `undefined` where pendulum raises
 * (syntax error, out-of-range field, interval or duration).
 */
export function parseIso8601(s: string): IsoKind | undefined {
  src = s;
  pos = 0;
  hasDate = false;
  hasTime = false;
  extended = false;
  parts.year = 0;
  parts.month = 1;
  parts.day = 1;
  parts.hour = 0;
  parts.minute = 0;
  parts.second = 0;
  parts.microsecond = 0;
  parts.offset = undefined;
  // A leading 'P' is a duration (or duration/interval): never a date or time for dlt.
  if (s.charCodeAt(0) === 0x50 || !parseDatetime()) return undefined;
  const p = parts;
  if (hasDate) {
    if (!isValidDate(p.year, p.month, p.day)) return undefined;
    if (!hasTime) return 'date';
  }
  if (!isValidTime(p.hour, p.minute, p.second, p.microsecond)) return undefined;
  return hasDate ? 'datetime' : 'time';
}

function parseDatetime(): boolean {
  const p = parts;
  if (cur() === T) return parseTime(false) && pos === src.length;
  const century = int(2);
  if (century < 0) return false;
  if (cur() === COLON) {
    // time in extended format ("hh:mm...")
    p.hour = century;
    extended = true;
    return parseTime(true) && pos === src.length;
  }
  hasDate = true;
  const yy = int(2);
  if (yy < 0) return false;
  p.year = century * 100 + yy;
  if (cur() === DASH) {
    pos++;
    extended = true;
    if (cur() === W) {
      pos++;
      if (!parseWeekDate(true)) return false;
    } else {
      p.month = int(2);
      if (p.month < 0) return false;
      if (!atDateEnd()) {
        if (cur() === DASH) {
          pos++;
          p.day = int(2);
          if (p.day < 0) return false;
        } else {
          const d = int(1);
          if (d < 0 || !ordinalToYmd(p.year, p.month * 10 + d, false)) return false;
        }
      } else p.day = 1;
    }
  } else if (cur() === W) {
    pos++;
    if (!parseWeekDate(false)) return false;
  } else {
    p.month = int(2);
    if (p.month < 0) return false;
    const d1 = int(1);
    if (d1 < 0) return false;
    if (atDateEnd()) {
      if (!ordinalToYmd(p.year, p.month * 10 + d1, false)) return false;
    } else {
      const d2 = int(1);
      if (d2 < 0) return false;
      p.day = d1 * 10 + d2;
    }
  }
  if (pos < src.length && !parseTime(false)) return false;
  // Anything left is either an interval ("/...", which the Python binding
  // rejects) or "Unconverted data remains".
  return pos === src.length;
}

/** `Www[-D]` (extended) or `Www[D]` (basic), the `W` already consumed. */
function parseWeekDate(ext: boolean): boolean {
  const week = int(2);
  if (week < 0) return false;
  let day = 1;
  if (!atDateEnd()) {
    if (ext) {
      if (cur() !== DASH) return false;
      pos++;
    }
    day = int(1);
    if (day < 0) return false;
  }
  return isoToYmd(parts.year, week, day);
}

function parseTime(skipHour: boolean): boolean {
  const p = parts;
  if (!skipHour) {
    const c = cur();
    if (c !== T && c !== SPACE) return false;
  }
  hasTime = true;
  if (!skipHour) {
    pos++;
    p.hour = int(2);
    if (p.hour < 0) return false;
  }
  if (!atTimeEnd()) {
    if (cur() === COLON) {
      pos++;
      p.minute = int(2);
      if (p.minute < 0) return false;
      if (!atTimeEnd()) {
        if (cur() !== COLON) return false;
        pos++;
        p.second = int(2);
        if (p.second < 0 || !parseFraction()) return false;
        // "Cannot combine basic date format with extended time format"
        if (!extended) return false;
      }
    } else {
      p.minute = int(2);
      if (p.minute < 0) return false;
      if (!atTimeEnd()) {
        p.second = int(2);
        if (p.second < 0 || !parseFraction()) return false;
      }
      // "Cannot combine extended date format with basic time format"
      if (extended) return false;
    }
  }
  return parseOffset();
}

/** Optional `.f` / `,f`: at least one digit, the first six kept, the rest dropped. */
function parseFraction(): boolean {
  let c = cur();
  if (c !== 0x2e && c !== 0x2c) return true;
  pos++;
  let us = 0;
  let i = 0;
  for (; i < 6; i++) {
    c = cur();
    if (c >= 0x30 && c <= 0x39) us = us * 10 + (c - 0x30);
    else if (i === 0) return false;
    else break;
    pos++;
  }
  for (c = cur(); c >= 0x30 && c <= 0x39; c = cur()) pos++;
  for (; i < 6; i++) us *= 10;
  parts.microsecond = us;
  return true;
}

function parseOffset(): boolean {
  const c = cur();
  if (c === Z) {
    parts.offset = 0;
    pos++;
  } else if (c === PLUS || c === DASH) {
    const sign = c === PLUS ? 1 : -1;
    pos++;
    const tzHour = int(2);
    if (tzHour < 0) return false;
    if (cur() === COLON) pos++;
    let tzMinute = 0;
    if (pos < src.length) {
      tzMinute = int(2);
      if (tzMinute < 0) return false;
    }
    const minutes = sign * (tzHour * 60 + tzMinute);
    if (minutes > 24 * 60) return false;
    parts.offset = minutes * 60;
  }
  return true;
}

// ---- pendulum's calendar helpers (rust/src/helpers.rs), with Rust's truncating division ----

function p400(y: number): number {
  return y + Math.trunc(y / 4) - Math.trunc(y / 100) + Math.trunc(y / 400);
}

function daysInYear(y: number): number {
  return isLeap(y) ? 366 : 365;
}

function isLongYear(y: number): boolean {
  return p400(y) % 7 === 4 || p400(y - 1) % 7 === 3;
}

/** ISO weekday (1 = Monday) of January 4th of `year`; the only `week_day` call pendulum makes. */
function weekDayOfJan4(year: number): number {
  const w = (p400(year - 1) + 0 + 4) % 7; // DAY_OF_WEEK_TABLE[0] == 0
  return w === 0 ? 7 : Math.abs(w);
}

const MONTHS_OFFSETS = [
  [-1, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365],
  [-1, 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366],
] as const;

function isoToYmd(isoYear: number, isoWeek: number, isoDay: number): boolean {
  if (isoWeek > 53 || (isoWeek > 52 && !isLongYear(isoYear))) return false;
  if (isoDay > 7) return false;
  const ordinal = isoWeek * 7 + isoDay - (weekDayOfJan4(isoYear) + 3);
  return ordinalToYmd(isoYear, ordinal, true);
}

function ordinalToYmd(year: number, ordinal: number, allowOutOfBounds: boolean): boolean {
  let ord = ordinal;
  let y = year;
  if (ord < 1) {
    if (!allowOutOfBounds) return false;
    ord += daysInYear(year - 1);
    y -= 1;
  }
  if (ord > daysInYear(y)) {
    if (!allowOutOfBounds) return false;
    ord -= daysInYear(y);
    y += 1;
  }
  const offsets = MONTHS_OFFSETS[isLeap(y) ? 1 : 0];
  for (let i = 1; i < 14; i++) {
    if (ord <= offsets[i]!) {
      parts.year = y;
      parts.month = i - 1;
      parts.day = ord - offsets[i - 1]!;
      return true;
    }
  }
  return false;
}
