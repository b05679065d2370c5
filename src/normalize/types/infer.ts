/**
 * dlt's inference of a column's data type from the first value seen
 * (`_infer_column_type` in `dlt/normalize/items_normalizers/jsonl.py`): the
 * schema's type detections (`dlt/common/schema/detections.py`) run first, in
 * order, then the Python type of the value decides (`py_type_to_sc_type`).
 *
 * Values come from `JSON.parse`, which loses Python's int/float distinction
 * (`1.0` parses to `1`). restload types an integral number as `bigint` (what
 * an int literal gives dlt) and any other number as `double`, so a float
 * literal with no fractional part (`1.0`, `1e3`) starts a `bigint` column
 * where dlt would start a `double` one; later fractional values then land
 * in a `__v_double` variant. Integral numbers outside BIGINT (|x| >= 2^63)
 * are typed `double`: in JavaScript they can only be approximations, and
 * dlt's `bigint` column would fail to load them anyway. Integers between
 * 2^53 and 2^63 are already rounded by `JSON.parse`; callers that need them
 * exact must parse JSON into `bigint`s, which are typed like Python ints.
 */
import type { DataType } from './data-type.js';
import { parseIsoLike, partsToUtc } from './dlt-time.js';
import { INT64_MAX } from './py-number.js';

/** dlt's `TTypeDetections`. */
export type Detection = 'timestamp' | 'iso_timestamp' | 'iso_date' | 'large_integer' | 'hexbytes_to_text' | 'wei_to_double';

/** `standard_type_detections()`: what a new dlt schema has in `settings.detections`. */
export const DEFAULT_DETECTIONS: readonly Detection[] = Object.freeze(['iso_timestamp'] as const);

const TWO_63 = 2 ** 63;

/**
 * `py_type_to_sc_type(type(value))`: the type of a value before any
 * detection, i.e. the `from` type to pass to `coerceValue`. `undefined` for
 * null/undefined (dlt never infers from `None`).
 */
export function valueType(value: unknown): DataType | undefined {
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return Number.isInteger(value) && value >= -TWO_63 && value < TWO_63 ? 'bigint' : 'double';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'bigint';
    case 'undefined':
      return undefined;
    case 'object':
      if (value === null) return undefined;
      return value instanceof Uint8Array ? 'binary' : 'json';
    default:
      // py_type_to_sc_type raises TypeError for types it does not know
      throw new TypeError(`a ${typeof value} has no dlt data type`);
  }
}

/**
 * dlt's data type for a new column whose first non-null value is `value`.
 * `undefined` for null (dlt leaves such a column without a type until a
 * value shows up).
 */
export function inferType(value: unknown, detections: readonly Detection[] = DEFAULT_DETECTIONS): DataType | undefined {
  if (value === null || value === undefined) return undefined;
  for (let i = 0; i < detections.length; i++) {
    const t = detect(detections[i]!, value);
    if (t !== undefined) return t;
  }
  return valueType(value);
}

function detect(detection: Detection, value: unknown): DataType | undefined {
  switch (detection) {
    case 'iso_timestamp':
      return typeof value === 'string' && isIsoTimestamp(value) && isUtcRepresentable() ? 'timestamp' : undefined;
    case 'iso_date':
      return typeof value === 'string' && isIsoDate(value) ? 'date' : undefined;
    case 'timestamp':
      return isTimestamp(value) ? 'timestamp' : undefined;
    case 'large_integer':
      return largeInteger(value);
    case 'hexbytes_to_text': // HexBytes values never come out of JSON
    case 'wei_to_double': // nor do Wei values
      return undefined;
  }
}

/**
 * dlt's `is_iso_timestamp` exactly: a non-empty string that
 * `parse_iso_like_datetime` turns into a datetime (not a date, not a time).
 * So `2024-01-25T11:21:28Z`, `2024-01-25 11:21:28.123+01:00`,
 * `2024-01-25T11` and `2024/01/25 11:21` are timestamps; `2024-01-25`,
 * `2024`, `11:21:28` and `2024-13-45T00:00:00` are not.
 */
export function isIsoTimestamp(s: string): boolean {
  return s.length > 0 && parseIsoLike(s) === 'datetime';
}

/**
 * Whether the datetime just parsed can be moved to UTC, which dlt does
 * right after detecting it (`normalize_timezone`) and which raises, failing
 * the whole normalize step in dlt, for an offset of 24 hours or more
 * (`+24:00`, `-25:00` parse) or a year leaving 1..9999. restload types such
 * strings `text` instead, so the value still loads.
 */
function isUtcRepresentable(): boolean {
  return partsToUtc() !== undefined;
}

/** dlt's `is_iso_date`: parses to a date only (`2024-01-25`, `2024-01`, `2024`, `20240125`, `2024-W04-4`, `2024-025`). */
export function isIsoDate(s: string): boolean {
  return s.length > 0 && parseIsoLike(s) === 'date';
}

/** Unix seconds when this module loaded; dlt's `_NOW_TS` is also taken at import time. */
const NOW_TS = Date.now() / 1000;
/** dlt's `_FLOAT_TS_RANGE`: five 365-day years. */
const FLOAT_TS_RANGE = 5 * 31536000.0;

/** dlt's `is_timestamp`: a number (int or float, not bool) within five years of now. */
function isTimestamp(value: unknown): boolean {
  let v: number;
  if (typeof value === 'number') v = value;
  else if (typeof value === 'bigint') v = Number(value);
  else return false;
  return v >= NOW_TS - FLOAT_TS_RANGE && v <= NOW_TS + FLOAT_TS_RANGE;
}

/** The BigQuery BIGNUMERIC bound dlt's `is_large_integer` uses. */
const MAX_WEI = 578960446186580977117854925043439539266n;

/**
 * dlt's `is_large_integer`: ints above the BIGINT range are `wei`, above
 * BigQuery's BIGNUMERIC `text`. Integral JavaScript numbers count as ints
 * here (see the module comment).
 */
function largeInteger(value: unknown): DataType | undefined {
  let v: bigint;
  if (typeof value === 'bigint') v = value;
  else if (typeof value === 'number' && Number.isInteger(value)) {
    if (value < TWO_63) return undefined;
    v = BigInt(value);
  } else return undefined;
  if (v > MAX_WEI) return 'text';
  if (v > INT64_MAX) return 'wei';
  return undefined;
}
