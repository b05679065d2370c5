/**
 * Just enough of Python's `decimal.Decimal` for dlt's `decimal` and `wei`
 * coercions: construction from a string (`Decimal(s)`), an int and a float
 * (`Decimal(0.1)` is the exact binary value, 55 digits), `str()`, `float()`,
 * `bool()` and the integral check of `_numeric_to_bigint`. No arithmetic.
 *
 * restload represents a decimal value as the string Python's `str(Decimal)`
 * gives (`"1.50"`, `"1E+3"`, `"1E-7"`), which keeps the coefficient and
 * exponent dlt would keep, is what dlt's `decimal -> text` coercion returns,
 * and is accepted by DuckDB's `VARCHAR -> DECIMAL` cast.
 */
import { pyStrip, toAsciiNumeric } from './py-text.js';

export interface PyDecimal {
  negative: boolean;
  kind: 'finite' | 'inf' | 'nan' | 'snan';
  /** Decimal digits without leading zeros (`"0"` for zero); the payload digits (maybe empty) of a NaN. */
  coefficient: string;
  /** Power of ten the coefficient is multiplied by (0 for non-finite values). */
  exponent: number;
}

const NUMBER = /^([+-])?(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;
const SPECIAL = /^([+-])?(?:(inf|infinity)|(s?nan)(\d*))$/i;
/** Exponents beyond this are not exact in a JavaScript number; Python allows up to 10^18 - 1. */
const MAX_EXPONENT_DIGITS = 15;

/**
 * Python's `Decimal(s)`: surrounding whitespace is stripped, then every
 * underscore is dropped (yes, anywhere: `Decimal("1__0") == 10`), Unicode
 * digits count, and `Infinity`/`Inf`/`NaN`/`sNaN` (any case, NaN with an
 * optional payload) are accepted. `undefined` where Python raises
 * `InvalidOperation`.
 */
export function parsePyDecimal(input: string): PyDecimal | undefined {
  let s = pyStrip(input);
  if (s.includes('_')) s = s.replaceAll('_', '');
  s = toAsciiNumeric(s);
  const m = NUMBER.exec(s);
  if (m === null) return parseSpecial(s);
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? m[4] ?? '';
  let exponent = 0;
  if (m[5] !== undefined) {
    const expDigits = m[5].replace(/^[+-]?0*/, '');
    if (expDigits.length > MAX_EXPONENT_DIGITS) return undefined;
    exponent = Number(m[5]);
  }
  return {
    negative: m[1] === '-',
    kind: 'finite',
    coefficient: stripLeadingZeros(intPart + fracPart),
    exponent: exponent - fracPart.length,
  };
}

function parseSpecial(s: string): PyDecimal | undefined {
  const m = SPECIAL.exec(s);
  if (m === null) return undefined;
  const negative = m[1] === '-';
  if (m[2] !== undefined) return { negative, kind: 'inf', coefficient: '0', exponent: 0 };
  const payload = stripLeadingZeros(m[4]!);
  return {
    negative,
    kind: m[3]!.length === 4 ? 'snan' : 'nan',
    coefficient: payload === '0' ? '' : payload,
    exponent: 0,
  };
}

function stripLeadingZeros(digits: string): string {
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 0x30) i++;
  return digits.length === 0 ? '0' : i === 0 ? digits : digits.slice(i);
}

/** `Decimal(n)` for a Python int. */
export function decimalFromInt(v: bigint): PyDecimal {
  const negative = v < 0n;
  return { negative, kind: 'finite', coefficient: (negative ? -v : v).toString(), exponent: 0 };
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * `Decimal(x)` for a float: the exact value of the binary double
 * (`Decimal.from_float`: `n / 2**k` as `n * 5**k` with exponent `-k`).
 */
export function decimalFromFloat(x: number): PyDecimal {
  const negative = x < 0 || Object.is(x, -0);
  if (Number.isNaN(x)) return { negative: false, kind: 'nan', coefficient: '', exponent: 0 };
  if (!Number.isFinite(x)) return { negative, kind: 'inf', coefficient: '0', exponent: 0 };
  F64[0] = x;
  const hi = U32[LITTLE_ENDIAN ? 1 : 0]!;
  const lo = U32[LITTLE_ENDIAN ? 0 : 1]!;
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (hi & 0xfffff) * 2 ** 32 + lo;
  let exp2 = biased === 0 ? -1074 : biased - 1075;
  if (biased !== 0) mantissa += 2 ** 52;
  if (mantissa === 0) return { negative, kind: 'finite', coefficient: '0', exponent: 0 };
  while (exp2 < 0 && mantissa % 2 === 0) {
    mantissa /= 2;
    exp2++;
  }
  if (exp2 >= 0) {
    return { negative, kind: 'finite', coefficient: (BigInt(mantissa) << BigInt(exp2)).toString(), exponent: 0 };
  }
  const coefficient = (BigInt(mantissa) * 5n ** BigInt(-exp2)).toString();
  return { negative, kind: 'finite', coefficient, exponent: exp2 };
}

/** Python's `str(Decimal)` (the General Decimal Arithmetic "to-scientific-string"). */
export function formatPyDecimal(d: PyDecimal): string {
  const sign = d.negative ? '-' : '';
  if (d.kind === 'inf') return sign + 'Infinity';
  if (d.kind === 'nan') return sign + 'NaN' + d.coefficient;
  if (d.kind === 'snan') return sign + 'sNaN' + d.coefficient;
  const c = d.coefficient;
  const leftDigits = d.exponent + c.length;
  const dotPlace = d.exponent <= 0 && leftDigits > -6 ? leftDigits : 1;
  let body: string;
  if (dotPlace <= 0) body = '0.' + '0'.repeat(-dotPlace) + c;
  else if (dotPlace >= c.length) body = c + '0'.repeat(dotPlace - c.length);
  else body = c.slice(0, dotPlace) + '.' + c.slice(dotPlace);
  if (leftDigits === dotPlace) return sign + body;
  const e = leftDigits - dotPlace;
  return sign + body + 'E' + (e < 0 ? '-' : '+') + Math.abs(e);
}

/** Python's `float(Decimal)`; `undefined` for a signaling NaN (Python raises). */
export function decimalToNumber(d: PyDecimal): number | undefined {
  if (d.kind === 'snan') return undefined;
  if (d.kind === 'nan') return NaN;
  if (d.kind === 'inf') return d.negative ? -Infinity : Infinity;
  const v = Number(d.coefficient + 'e' + d.exponent);
  return d.negative ? -v : v;
}

/** Python's `bool(Decimal)`: true for anything but a (signed) zero, NaNs included. */
export function decimalIsTruthy(d: PyDecimal): boolean {
  return d.kind !== 'finite' || d.coefficient !== '0';
}

/**
 * The integer a finite decimal with no fractional part stands for, or
 * `undefined` (dlt's `_numeric_to_bigint` raises on a fraction; `Decimal % 1`
 * raises on non-finite values). Values that would exceed 10^20 are
 * reported as `undefined` too: they are outside BIGINT either way.
 */
export function decimalToInteger(d: PyDecimal): bigint | undefined {
  if (d.kind !== 'finite') return undefined;
  const c = d.coefficient;
  if (c === '0') return 0n;
  let digits: string;
  if (d.exponent >= 0) {
    if (c.length + d.exponent > 20) return undefined;
    digits = c + '0'.repeat(d.exponent);
  } else {
    const cut = c.length + d.exponent;
    for (let i = Math.max(cut, 0); i < c.length; i++) if (c.charCodeAt(i) !== 0x30) return undefined;
    digits = cut <= 0 ? '0' : c.slice(0, cut);
  }
  const v = BigInt(digits);
  return d.negative ? -v : v;
}
