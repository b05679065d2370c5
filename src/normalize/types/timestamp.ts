/**
 * Calendar arithmetic for dlt's `timestamp`, `date` and `time` values, done
 * on plain integers: JavaScript's `Date` only has milliseconds and a
 * narrower range, while dlt (Python's `datetime`) keeps microseconds for
 * years 1..9999. Output is what restload hands to the loader:
 *
 * - timestamp: `YYYY-MM-DDTHH:MM:SS[.ffffff]Z`, always UTC (dlt's
 *   `normalize_timezone`: naive values are UTC, aware ones are shifted).
 *   The fraction is present when non-zero, like Python's `isoformat()`.
 *   DuckDB reads this for `TIMESTAMP WITH TIME ZONE` and, ignoring the `Z`,
 *   for the naive `TIMESTAMP*` types (what dlt stores with `timezone=false`).
 * - date: `YYYY-MM-DD`; time: `HH:MM:SS[.ffffff]` (naive, UTC).
 */

export const SECONDS_PER_DAY = 86400;
/** Unix seconds of 0001-01-01T00:00:00 and of 9999-12-31T23:59:59, Python's `datetime` range. */
const MIN_UNIX_SECONDS = -62135596800;
const MAX_UNIX_SECONDS = 253402300799;

/** A broken-down instant; `civil` below writes into one shared instance (valid until the next call). */
export interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
}

export function isLeapYear(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m]!;
}

/** Python's `date(y, m, d)` validation. */
export function isValidDate(y: number, m: number, d: number): boolean {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Python's `time(h, m, s, us)` validation (no leap seconds, no 24:00). */
export function isValidTime(h: number, mi: number, s: number, us: number): boolean {
  return h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 59 && us >= 0 && us <= 999999;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const scratch: Civil = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, microsecond: 0 };

/**
 * Breaks whole Unix seconds plus microseconds into a UTC calendar instant
 * (`civil_from_days`). Returns the shared scratch object, or `undefined`
 * outside Python's year range 1..9999.
 */
export function civilFromUnix(seconds: number, microsecond: number): Civil | undefined {
  if (!(seconds >= MIN_UNIX_SECONDS && seconds <= MAX_UNIX_SECONDS)) return undefined;
  const days = Math.floor(seconds / SECONDS_PER_DAY);
  const sod = seconds - days * SECONDS_PER_DAY;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  scratch.year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  scratch.month = month;
  scratch.day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  scratch.hour = Math.floor(sod / 3600);
  scratch.minute = Math.floor((sod % 3600) / 60);
  scratch.second = sod % 60;
  scratch.microsecond = microsecond;
  return scratch;
}

/**
 * Unix seconds of a wall-clock instant at `offset` seconds east of UTC
 * (`undefined` offset: naive, which dlt reads as UTC).
 */
export function unixFromParts(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  offset: number | undefined,
): number {
  return daysFromCivil(y, mo, d) * SECONDS_PER_DAY + h * 3600 + mi * 60 + s - (offset ?? 0);
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

function pad4(n: number): string {
  return n < 10 ? '000' + n : n < 100 ? '00' + n : n < 1000 ? '0' + n : String(n);
}

/** `.ffffff` when the microseconds are not zero (Python's `isoformat()`), else empty. */
function fraction(us: number): string {
  if (us === 0) return '';
  const s = String(us);
  return '.' + '000000'.slice(s.length) + s;
}

export function formatDate(y: number, m: number, d: number): string {
  return pad4(y) + '-' + pad2(m) + '-' + pad2(d);
}

export function formatTime(h: number, mi: number, s: number, us: number): string {
  return pad2(h) + ':' + pad2(mi) + ':' + pad2(s) + fraction(us);
}

/** The loader's timestamp string for a UTC instant. */
export function formatTimestamp(c: Civil): string {
  return formatDate(c.year, c.month, c.day) + 'T' + formatTime(c.hour, c.minute, c.second, c.microsecond) + 'Z';
}

/** C's `round()`: halves go away from zero (JavaScript's `Math.round` goes up). */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/**
 * Python's `datetime.fromtimestamp(ts, tz=UTC)` (what `pendulum.from_timestamp`
 * calls): a float is split with `modf`, the fraction scaled to microseconds
 * and rounded half to even (CPython's `_PyTime_DoubleToDenominator`), so
 * `1633344898.7415245` gives `.741524`. `undefined` for NaN, infinities and
 * instants outside years 1..9999 (Python raises ValueError/OverflowError).
 */
export function civilFromUnixSeconds(ts: number | bigint): Civil | undefined {
  if (typeof ts === 'bigint') {
    if (ts < BigInt(MIN_UNIX_SECONDS) || ts > BigInt(MAX_UNIX_SECONDS)) return undefined;
    return civilFromUnix(Number(ts), 0);
  }
  if (!Number.isFinite(ts)) return undefined;
  let whole = Math.trunc(ts);
  const frac = (ts - whole) * 1e6;
  let us = roundHalfAway(frac);
  if (Math.abs(frac - us) === 0.5) us = 2 * roundHalfAway(frac / 2);
  if (us >= 1e6) {
    us -= 1e6;
    whole += 1;
  } else if (us < 0) {
    us += 1e6;
    whole -= 1;
  }
  return civilFromUnix(whole, us);
}
