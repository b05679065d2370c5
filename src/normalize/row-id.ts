import { createHash, randomBytes } from 'node:crypto';
import { sortedJson } from './schema.js';

/** dlt's DLT_ID_LENGTH_BYTES: ids are 10 bytes, base64 without padding (14 characters). */
const ID_BYTES = 10;
/** 14 base64 characters: the length of dlt's ids (10 bytes, unpadded). */
const ID_CHARS = 14;
const POOL_IDS = 8192;
let pool = '';
let poolPos = 0;

/**
 * A random root row id, shaped as dlt's generate_dlt_id (14 base64
 * characters). The profile showed one Buffer→base64 conversion per row as a
 * top cost, so random bytes are encoded once per 8192 ids and sliced.
 */
export function randomRowId(): string {
  if (poolPos >= pool.length) {
    pool = randomBytes((ID_CHARS * POOL_IDS * 3) / 4).toString('base64');
    poolPos = 0;
  }
  const id = pool.slice(poolPos, poolPos + ID_CHARS);
  poolPos += ID_CHARS;
  return id;
}

/** dlt's get_nested_row_hash: deterministic id of a nested row from its parent, table and position. */
export function nestedRowId(parentRowId: string, table: string, listIdx: number): string {
  return digest128(`${parentRowId}_${table}_${listIdx}`);
}

/** dlt's get_row_hash over a key subset (upsert's key_hash row ids): sorted-key JSON of the key values. */
export function keyHashRowId(row: Record<string, unknown>, keys: string[]): string {
  const subset: Record<string, unknown> = {};
  for (const k of keys) subset[k] = row[k] === undefined ? null : row[k];
  return digest128(sortedJson(subset));
}

/**
 * dlt's get_row_hash over a whole item (scd2's row version in `_dlt_id`):
 * the original, un-flattened item without keys starting with `_dlt`, as
 * sorted-key JSON, so a change anywhere in it (nested data too) is a new
 * version.
 */
export function rowHashRowId(item: Record<string, unknown>): string {
  const filtered: Record<string, unknown> = {};
  for (const k in item) if (!k.startsWith('_dlt')) filtered[k] = item[k];
  return digest128(sortedJson(filtered));
}

/**
 * shake128, base64 without padding, like dlt's digest128. A SHAKE output's
 * first `len` bytes are exactly its `len`-byte output, so asking for `len`
 * bytes is dlt's value. Measured on Node 20: createHash with outputLength
 * 2.7 µs a call, the one-shot crypto.hash 3.9 µs (it builds a Hash and
 * copies the default 16 bytes); this runs once per nested row.
 */
export function digest128(v: string, len = ID_BYTES): string {
  const b64 = createHash('shake128', { outputLength: len }).update(v).digest('base64');
  let end = b64.length;
  while (b64.charCodeAt(end - 1) === 61 /* = */) end--;
  return b64.slice(0, end);
}
