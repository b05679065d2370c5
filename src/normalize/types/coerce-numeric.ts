/**
 * dlt's coercions to numbers and booleans: `_text_to_bigint`,
 * `_numeric_to_bigint`, `_text_to_double`, `float()`, `Decimal()`, `Wei()`,
 * `str2bool` and `bool()`. Text may use dlt's `0x` hex convention.
 */
import { asDecimal, asInt, FAIL, ok, okIfDefined, type CoerceResult } from './coerce-result.js';
import type { DataType } from './data-type.js';
import {
  decimalFromFloat,
  decimalFromInt,
  decimalIsTruthy,
  decimalToInteger,
  decimalToNumber,
  formatPyDecimal,
  parsePyDecimal,
  type PyDecimal,
} from './py-decimal.js';
import { int64Value, parsePyFloat, parsePyInt } from './py-number.js';
import { pyStrip } from './py-text.js';

/** dlt's hex convention for numbers in text: a leading `0x` (lower case, after stripping). */
function hexBody(trimmed: string): string | undefined {
  return trimmed.charCodeAt(0) === 0x30 && trimmed.charCodeAt(1) === 0x78 ? trimmed.slice(2) : undefined;
}

// ---- to bigint: _text_to_bigint, _numeric_to_bigint ----

export function toBigint(from: DataType, v: unknown): CoerceResult {
  let n: bigint | undefined;
  if (from === 'text') {
    if (typeof v !== 'string') return FAIL;
    const t = pyStrip(v);
    const hex = hexBody(t);
    n = hex === undefined ? parsePyInt(t, 10) : parsePyInt(hex, 16);
  } else if (from === 'double') {
    n = typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : undefined;
  } else if (from === 'decimal' || from === 'wei') {
    const d = asDecimal(v);
    n = d === undefined ? undefined : decimalToInteger(d);
  } else return FAIL;
  return n === undefined ? FAIL : okIfDefined(int64Value(n));
}

// ---- to double: _text_to_double, float() ----

export function toDouble(from: DataType, v: unknown): CoerceResult {
  if (from === 'text') {
    if (typeof v !== 'string') return FAIL;
    const t = pyStrip(v);
    const hex = hexBody(t);
    if (hex === undefined) return okIfDefined(parsePyFloat(t));
    const n = parsePyInt(hex, 16);
    return n === undefined ? FAIL : finite(Number(n));
  }
  if (from === 'bigint') {
    const n = asInt(v);
    return n === undefined ? FAIL : finite(Number(n));
  }
  if (from === 'decimal' || from === 'wei') {
    const d = asDecimal(v);
    return d === undefined ? FAIL : okIfDefined(decimalToNumber(d));
  }
  return FAIL;
}

/** `float(int)` raises OverflowError where the int rounds beyond the double range. */
function finite(x: number): CoerceResult {
  return Number.isFinite(x) ? ok(x) : FAIL;
}

// ---- to decimal / wei: Decimal(...), Wei(...) ----

export function toDecimal(from: DataType, v: unknown): CoerceResult {
  let d: PyDecimal | undefined;
  if (from === 'text') {
    if (typeof v !== 'string') return FAIL;
    const t = pyStrip(v);
    const hex = hexBody(t);
    if (hex === undefined) d = parsePyDecimal(t);
    else {
      const n = parsePyInt(hex, 16);
      d = n === undefined ? undefined : decimalFromInt(n);
    }
  } else if (from === 'bigint') {
    const n = asInt(v);
    d = n === undefined ? undefined : decimalFromInt(n);
  } else if (from === 'double') {
    d = typeof v === 'number' ? decimalFromFloat(v) : undefined;
  } else if (from === 'decimal' || from === 'wei') {
    d = asDecimal(v);
  } else return FAIL;
  // DuckDB's DECIMAL has no NaN or infinity: dlt's load would fail on them
  return d === undefined || d.kind !== 'finite' ? FAIL : ok(formatPyDecimal(d));
}

// ---- to bool: str2bool, bool() ----

const TRUE_WORDS: ReadonlySet<string> = new Set(['yes', 'true', 't', 'y', '1']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['no', 'false', 'f', 'n', '0']);

export function toBool(from: DataType, v: unknown): CoerceResult {
  if (from === 'text') {
    // no surrounding whitespace allowed; no non-ASCII character lowers to one of these words
    if (typeof v !== 'string' || v.length > 5) return FAIL;
    const w = v.toLowerCase();
    return TRUE_WORDS.has(w) ? ok(true) : FALSE_WORDS.has(w) ? ok(false) : FAIL;
  }
  if (from === 'bigint') {
    const n = asInt(v);
    return n === undefined ? FAIL : ok(n !== 0n);
  }
  if (from === 'double') return typeof v === 'number' ? ok(v !== 0) : FAIL; // bool(nan) is True
  if (from === 'decimal' || from === 'wei') {
    const d = asDecimal(v);
    return d === undefined ? FAIL : ok(decimalIsTruthy(d));
  }
  return FAIL;
}
