/**
 * dlt's `coerce_value(to_type, from_type, value)`
 * (`dlt/common/data_types/type_helpers.py`): fits a value whose own type is
 * `from` into a column of type `to`, for exactly the pairs in dlt's
 * `_COERCE_DISPATCH` table (plus `to == from`). Where dlt raises
 * `ValueError`, the result is `{ ok: false }` and the caller puts the value
 * into a variant column `<col>__v_<from>`, as dlt's normalizer does.
 *
 * Values on both sides use restload's representation of each type:
 *
 * | type        | JavaScript value                                          |
 * |-------------|-----------------------------------------------------------|
 * | text        | string                                                    |
 * | bigint      | number (integral), or bigint beyond 2^53                  |
 * | double      | number (NaN and infinities included, like Python floats)  |
 * | bool        | boolean                                                   |
 * | json        | parsed JSON (object or array; scalars only from text)     |
 * | decimal/wei | string as Python's `str(Decimal)`: `"1.50"`, `"1E+3"`     |
 * | timestamp   | string `YYYY-MM-DDTHH:MM:SS[.ffffff]Z`, UTC               |
 * | date        | string `YYYY-MM-DD`                                       |
 * | time        | string `HH:MM:SS[.ffffff]`, naive (UTC)                   |
 * | binary      | Uint8Array                                                |
 *
 * Deliberate differences from dlt, each where dlt would produce a value its
 * DuckDB load then rejects (failing the load job) or would crash the
 * normalize step: integers outside BIGINT (from text, double, decimal),
 * non-finite decimals (`NaN`, `Infinity`) and timestamps/times that cannot
 * be moved to UTC fail the coercion here instead, so the value lands in a
 * variant column. The failure result is a shared frozen object.
 *
 * Like dlt, coercing a `json` value strips dlt's PUA type markers from its
 * strings in place (see pua.ts). dlt's normalizer skips `coerce_value` when
 * a value's type already is the column's type, and callers should too.
 * Note for writers: `bigint` values beyond 2^53 are JavaScript bigints and
 * `binary` values Uint8Arrays, neither of which `JSON.stringify` encodes.
 */
import { b64DecodeStrict, b64Encode, fromHex, intToBytesLE } from './binary.js';
import { toBigint, toBool, toDecimal, toDouble } from './coerce-numeric.js';
import { asDecimal, asInt, FAIL, ok, okIfDefined, type CoerceResult } from './coerce-result.js';
import type { DataType } from './data-type.js';
import { textToDate, textToTime, textToUtc } from './dlt-time.js';
import { formatPyDecimal } from './py-decimal.js';
import { pyFloatRepr, pyIntStr } from './py-number.js';
import { removePuaInPlace } from './pua.js';
import { civilFromUnixSeconds, formatDate, formatTimestamp, isValidDate, type Civil } from './timestamp.js';

export type { CoerceResult } from './coerce-result.js';

/** Coerces `value`, whose dlt type is `from`, to the column type `to`. */
export function coerceValue(to: DataType, from: DataType, value: unknown): CoerceResult {
  if (to === from) return sameType(to, value);
  switch (to) {
    case 'text':
      return toText(from, value);
    case 'bigint':
      return toBigint(from, value);
    case 'double':
      return toDouble(from, value);
    case 'decimal':
    case 'wei':
      return toDecimal(from, value);
    case 'bool':
      return toBool(from, value);
    case 'timestamp':
      return toTimestamp(from, value);
    case 'date':
      return toDate(from, value);
    case 'time':
      return from === 'text' && typeof value === 'string' ? okIfDefined(textToTime(value)) : FAIL;
    case 'json':
      return from === 'text' && typeof value === 'string' ? jsonLoads(value) : FAIL;
    case 'binary':
      return toBinary(from, value);
  }
}

/** Same type: dlt returns the value, except that a `json` value loses dlt's PUA type markers. */
function sameType(to: DataType, value: unknown): CoerceResult {
  if (to !== 'json') return ok(value);
  try {
    return removePuaInPlace(value) ? ok(value) : FAIL;
  } catch {
    return FAIL; // stack overflow on absurdly deep JSON
  }
}

/** `json_to_str`: compact JSON of an object or array (a bigint inside makes JSON.stringify throw). */
function jsonToStr(v: unknown): CoerceResult {
  try {
    return removePuaInPlace(v) ? ok(JSON.stringify(v)) : FAIL;
  } catch {
    return FAIL;
  }
}

// ---- to text: json_to_str, else str(custom_encode(value)) or str(value) ----

function toText(from: DataType, v: unknown): CoerceResult {
  switch (from) {
    case 'json':
      return jsonToStr(v);
    case 'bigint':
      return (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint' ? ok(pyIntStr(v)) : FAIL;
    case 'double':
      return typeof v === 'number' ? ok(pyFloatRepr(v)) : FAIL;
    case 'decimal':
    case 'wei': {
      const d = asDecimal(v);
      return d === undefined ? FAIL : ok(formatPyDecimal(d));
    }
    case 'bool':
      return typeof v === 'boolean' ? ok(v ? 'True' : 'False') : FAIL;
    case 'binary':
      return v instanceof Uint8Array ? ok(b64Encode(v)) : FAIL;
    case 'timestamp': {
      // datetime.isoformat() of a UTC datetime
      const c = typeof v === 'string' ? textToUtc(v) : undefined;
      return c === undefined ? FAIL : ok(formatTimestamp(c).slice(0, -1) + '+00:00');
    }
    case 'date':
    case 'time':
      return typeof v === 'string' ? ok(v) : FAIL;
    default:
      return FAIL;
  }
}

// ---- to timestamp / date: ensure_pendulum_datetime_non_utc, from_timestamp, ensure_pendulum_date ----

/** The UTC instant of a text, number, date or timestamp value (undefined if not coercible). */
function instant(from: DataType, v: unknown): Civil | undefined {
  if (from === 'text' || from === 'date' || from === 'timestamp') {
    return typeof v === 'string' ? textToUtc(v) : undefined;
  }
  if (from === 'bigint') {
    const n = asInt(v);
    return n === undefined ? undefined : civilFromUnixSeconds(n); // pendulum.from_timestamp
  }
  if (from === 'double') return typeof v === 'number' ? civilFromUnixSeconds(v) : undefined;
  return undefined;
}

/** `YYYY-MM-DDTHH:MM:SS[.ffffff]Z`: already the canonical form coercion produces. */
const CANONICAL_UTC = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d{1,6})?Z$/;

/**
 * The common case of an API timestamp (`2024-01-25T11:21:28Z`) is already in
 * canonical UTC form: it passes through after a range check, instead of a
 * full parse and re-format (which the profile showed per value, per row).
 */
function canonicalUtc(s: string): boolean {
  const m = CANONICAL_UTC.exec(s);
  return m !== null && isValidDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function toTimestamp(from: DataType, v: unknown): CoerceResult {
  if (from === 'text' && typeof v === 'string' && canonicalUtc(v)) return ok(v);
  if (from !== 'text' && from !== 'bigint' && from !== 'double' && from !== 'date') return FAIL;
  const c = instant(from, v);
  return c === undefined ? FAIL : ok(formatTimestamp(c));
}

function toDate(from: DataType, v: unknown): CoerceResult {
  if (from === 'text') return typeof v === 'string' ? okIfDefined(textToDate(v)) : FAIL;
  if (from !== 'timestamp' && from !== 'bigint' && from !== 'double') return FAIL;
  const c = instant(from, v);
  return c === undefined ? FAIL : ok(formatDate(c.year, c.month, c.day));
}

// ---- to json / binary ----

/** `json.loads(s)`: any JSON document, scalars included; invalid JSON fails. */
function jsonLoads(s: string): CoerceResult {
  // Most text is not JSON; rejecting it by its first character saves a thrown exception.
  let i = 0;
  while (i < s.length && isJsonSpace(s.charCodeAt(i))) i++;
  if (!JSON_START.has(s.charCodeAt(i))) return FAIL;
  try {
    return ok(JSON.parse(s));
  } catch {
    return FAIL;
  }
}

/** Characters a JSON document can start with: `{ [ " -`, a digit, and `t`/`f`/`n` of the literals. */
const JSON_START: ReadonlySet<number> = new Set([...'{["-0123456789tfn'].map((c) => c.charCodeAt(0)));

function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** `_text_to_binary` (`0x` hex, else strict base64) and `int.to_bytes(..., "little")`. */
function toBinary(from: DataType, v: unknown): CoerceResult {
  if (from === 'text') {
    if (typeof v !== 'string') return FAIL;
    return okIfDefined(v.startsWith('0x') ? fromHex(v.slice(2)) : b64DecodeStrict(v));
  }
  if (from === 'bigint') {
    const n = asInt(v);
    return n === undefined ? FAIL : okIfDefined(intToBytesLE(n));
  }
  return FAIL;
}

function isNumeric(from: DataType): boolean {
  return from === 'bigint' || from === 'double' || from === 'decimal' || from === 'wei';
}

/** Whether dlt has a coercion from `from` to `to` at all (`can_coerce_type`). */
export function canCoerce(to: DataType, from: DataType): boolean {
  if (to === from) return true;
  switch (to) {
    case 'text':
      return from !== 'text';
    case 'binary':
      return from === 'text' || from === 'bigint';
    case 'bigint':
      return from === 'text' || from === 'wei' || from === 'decimal' || from === 'double';
    case 'double':
    case 'decimal':
    case 'wei':
      return from === 'text' || isNumeric(from);
    case 'bool':
      return from === 'text' || isNumeric(from);
    case 'json':
    case 'time':
      return from === 'text';
    case 'timestamp':
      return from === 'text' || from === 'bigint' || from === 'double' || from === 'date';
    case 'date':
      return from === 'text' || from === 'timestamp' || from === 'bigint' || from === 'double';
  }
}
