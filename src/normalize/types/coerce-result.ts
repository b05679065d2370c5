/**
 * The result type of the coercions and readers of restload's value
 * representation shared by coerce.ts and coerce-numeric.ts.
 */
import { decimalFromFloat, decimalFromInt, parsePyDecimal, type PyDecimal } from './py-decimal.js';

export type CoerceResult = { ok: true; value: unknown } | { ok: false };

export const FAIL: CoerceResult = Object.freeze({ ok: false });

export function ok(value: unknown): CoerceResult {
  return { ok: true, value };
}

export function okIfDefined(value: unknown): CoerceResult {
  return value === undefined ? FAIL : { ok: true, value };
}

/** The integer a `bigint` value (number or bigint) stands for. */
export function asInt(v: unknown): bigint | undefined {
  if (typeof v === 'bigint') return v;
  return typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : undefined;
}

/** The Python `Decimal` a `decimal`/`wei` value (string, or number/bigint) stands for. */
export function asDecimal(v: unknown): PyDecimal | undefined {
  if (typeof v === 'string') return parsePyDecimal(v);
  if (typeof v === 'bigint') return decimalFromInt(v);
  return typeof v === 'number' ? decimalFromFloat(v) : undefined;
}
