import { createHash, randomBytes } from 'node:crypto';
import { sortedJson } from './schema.js';

/** dlt's DLT_ID_LENGTH_BYTES: ids are 10 bytes, base64 without padding (14 characters). */
const ID_BYTES = 10;
const POOL_IDS = 4096;
let pool = Buffer.alloc(0);
let poolPos = 0;

/** A random root row id, as dlt's generate_dlt_id. Bytes come from a pool: one syscall per 4096 rows. */
export function randomRowId(): string {
  if (poolPos >= pool.length) {
    pool = randomBytes(ID_BYTES * POOL_IDS);
    poolPos = 0;
  }
  const id = pool.toString('base64', poolPos, poolPos + ID_BYTES).replace(/=+$/, '');
  poolPos += ID_BYTES;
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

/** shake128, base64 without padding, like dlt's digest128. */
export function digest128(v: string, len = ID_BYTES): string {
  return createHash('shake128', { outputLength: len }).update(v, 'utf8').digest('base64').replace(/=+$/, '');
}
