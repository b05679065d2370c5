/**
 * Python's `int(s, base)`, `float(s)` and `repr(float)`, which dlt's text
 * coercions and its float-to-text coercion use. JavaScript's `Number()` and
 * `parseInt()` accept different strings (hex prefixes, empty strings, no
 * underscores, no Unicode digits) and `String(x)` switches to exponent
 * notation at other magnitudes than Python, so both directions are ported
 * here and checked against CPython in the tests.
 */
import { isAsciiSpace, toAsciiNumeric } from './py-text.js';

/** Value of an ASCII hex digit, or 99. */
function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return 99;
}

/**
 * Python's `int(s, base)` for base 10 or 16 (CPython's `PyLong_FromString`):
 * surrounding ASCII whitespace, an optional sign, for base 16 an optional
 * `0x`/`0X` prefix that may be followed by one underscore, then digits with
 * single underscores between them. Returns `undefined` where Python raises.
 */
export function parsePyInt(input: string, base: 10 | 16): bigint | undefined {
  const s = toAsciiNumeric(input);
  const n = s.length;
  let i = 0;
  while (i < n && isAsciiSpace(s.charCodeAt(i))) i++;
  let negative = false;
  const sign = s.charCodeAt(i);
  if (sign === 0x2b || sign === 0x2d) {
    negative = sign === 0x2d;
    i++;
  }
  if (base === 16 && s.charCodeAt(i) === 0x30 && (s.charCodeAt(i + 1) | 0x20) === 0x78) {
    i += 2;
    if (s.charCodeAt(i) === 0x5f) i++;
  }
  const start = i;
  let digits = 0;
  let prevUnderscore = true; // forbids a leading underscore
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5f) {
      if (prevUnderscore) return undefined;
      prevUnderscore = true;
    } else if (hexValue(c) < base) {
      digits++;
      prevUnderscore = false;
    } else break;
  }
  if (digits === 0 || prevUnderscore) return undefined;
  const end = i;
  while (i < n && isAsciiSpace(s.charCodeAt(i))) i++;
  if (i !== n) return undefined;
  let body = s.slice(start, end);
  if (digits !== end - start) body = body.replaceAll('_', '');
  const v = BigInt(base === 16 ? '0x' + body : body);
  return negative ? -v : v;
}

/**
 * Python's `float(s)` (CPython's `PyFloat_FromString`): digits may be
 * Unicode digits and separated by single underscores, `inf`, `infinity`
 * and `nan` are accepted in any case with a sign, hex is not. The syntax is
 * checked here; the (correctly rounded) conversion is left to `Number()`,
 * which rounds exactly like Python's dtoa.
 */
export function parsePyFloat(input: string): number | undefined {
  let s = toAsciiNumeric(input);
  let a = 0;
  let b = s.length;
  while (a < b && isAsciiSpace(s.charCodeAt(a))) a++;
  while (b > a && isAsciiSpace(s.charCodeAt(b - 1))) b--;
  if (a !== 0 || b !== s.length) s = s.slice(a, b);
  if (s.includes('_')) {
    const stripped = stripFloatUnderscores(s);
    if (stripped === undefined) return undefined;
    s = stripped;
  }
  return FLOAT_SYNTAX.test(s) ? Number(s) : parseInfNan(s);
}

/** Decimal literal syntax `float()` accepts (after underscores are removed). */
const FLOAT_SYNTAX = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Underscores are only allowed between two ASCII digits (`_Py_string_to_number_with_underscores`). */
function stripFloatUnderscores(s: string): string | undefined {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) !== 0x5f) continue;
    const p = s.charCodeAt(i - 1);
    const q = s.charCodeAt(i + 1);
    if (!(p >= 0x30 && p <= 0x39) || !(q >= 0x30 && q <= 0x39)) return undefined;
  }
  return s.replaceAll('_', '');
}

/** `_Py_parse_inf_or_nan`: optional sign, then `inf`, `infinity` or `nan`, any case. */
function parseInfNan(s: string): number | undefined {
  if (s.length < 3 || s.length > 9) return undefined;
  let i = 0;
  const c = s.charCodeAt(0);
  if (c === 0x2b || c === 0x2d) i = 1;
  const word = s.slice(i).toLowerCase();
  if (word === 'nan') return NaN;
  if (word === 'inf' || word === 'infinity') return c === 0x2d ? -Infinity : Infinity;
  return undefined;
}

/**
 * Python's `repr(x)` / `str(x)` for a float: the same shortest round-trip
 * digits as JavaScript, but fixed notation only while the decimal point
 * position is in (-4, 16], always a `.0` on integral values, and a signed
 * exponent of at least two digits (`1e+16`, `1e-05`).
 */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const e = Math.abs(x).toExponential(); // "d.ddde±n", shortest round-trip digits
  const ePos = e.indexOf('e');
  const digits = e[0]! + e.slice(2, ePos);
  const exp10 = Number(e.slice(ePos + 1));
  const decpt = exp10 + 1;
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return sign + '0.' + '0'.repeat(-decpt) + digits;
    if (decpt >= digits.length) return sign + digits + '0'.repeat(decpt - digits.length) + '.0';
    return sign + digits.slice(0, decpt) + '.' + digits.slice(decpt);
  }
  const mantissa = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
  const absExp = Math.abs(exp10);
  return sign + mantissa + 'e' + (exp10 < 0 ? '-' : '+') + (absExp < 10 ? '0' : '') + absExp;
}

/** `str(n)` of a Python int that a JavaScript number or bigint stands for. */
export function pyIntStr(v: number | bigint): string {
  if (typeof v === 'bigint') return v.toString();
  return Number.isSafeInteger(v) ? String(v === 0 ? 0 : v) : BigInt(v).toString();
}

/** Smallest and largest values of DuckDB's BIGINT (signed 64 bits). */
export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

/**
 * The JavaScript value for an integer dlt would hold as a Python `int`:
 * a number while exactly representable, else a bigint; `undefined` outside
 * DuckDB's BIGINT (see coerce.ts for why that is a failed coercion here).
 */
export function int64Value(v: bigint): number | bigint | undefined {
  if (v < INT64_MIN || v > INT64_MAX) return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
}
