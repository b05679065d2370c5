import { createHash } from 'node:crypto';
import type { DataType } from './types/data-type.js';
import type { SchemaContract, WriteDisposition } from '../config/model.js';

/**
 * dlt's schema, in dlt's own shape (so `restload pipeline NAME schema` prints
 * what `dlt pipeline NAME schema` prints, and `_dlt_version` stores the same
 * document): tables keyed by name, columns in order of appearance, hints as
 * boolean flags. A column without `data_type` is *incomplete*: a hint (a
 * primary key, say) waiting for data; it is not created in DuckDB until a
 * value gives it a type, as in dlt.
 */
export interface ColumnSchema {
  name: string;
  data_type?: DataType;
  nullable?: boolean;
  primary_key?: boolean;
  merge_key?: boolean;
  unique?: boolean;
  row_key?: boolean;
  parent_key?: boolean;
  root_key?: boolean;
  variant?: boolean;
  precision?: number;
  scale?: number;
  timezone?: boolean;
  hard_delete?: boolean;
  dedup_sort?: 'asc' | 'desc';
  incremental?: boolean;
  description?: string;
  partition?: boolean;
  cluster?: boolean;
  sort?: boolean;
  'x-valid-from'?: boolean;
  'x-valid-to'?: boolean;
  'x-active-record-timestamp'?: string | null;
  'x-row-version'?: boolean;
}

/** A column with a data type: one that exists (or will) in DuckDB. */
export type CompleteColumn = ColumnSchema & { data_type: DataType };

export interface TableSchema {
  name: string;
  columns: Record<string, ColumnSchema>;
  /** Set on nested (child) tables. */
  parent?: string;
  /** Set on root tables. */
  write_disposition?: WriteDisposition;
  'x-merge-strategy'?: string;
  'x-boundary-timestamp'?: string;
  'x-stage-data-deduplicated'?: boolean;
  resource?: string;
  schema_contract?: Partial<SchemaContract> | SchemaContract['tables'];
  'x-normalizer'?: { 'seen-data'?: boolean; max_nesting?: number; 'evolve-columns-once'?: boolean };
  description?: string;
  file_format?: string;
}

export interface RelationalNormalizerConfig {
  max_nesting?: number;
  root_key_propagation?: boolean;
  propagation?: { root?: Record<string, string>; tables?: Record<string, Record<string, string>> };
}

export interface StoredSchema {
  version: number;
  version_hash: string;
  engine_version: number;
  name: string;
  tables: Record<string, TableSchema>;
  settings: {
    detections: string[];
    default_hints: Record<string, string[]>;
    schema_contract?: Partial<SchemaContract> | SchemaContract['tables'];
  };
  normalizers: { names: string; json: { module: string; config?: RelationalNormalizerConfig } };
  previous_hashes: string[];
}

export const SCHEMA_ENGINE_VERSION = 11;
export const DLT_TABLES = ['_dlt_version', '_dlt_loads', '_dlt_pipeline_state'] as const;

/** dlt's `version_table()`, `loads_table()` and `pipeline_state_table(add_dlt_id=True)`: the system tables as dlt's schema holds them. */
export function systemTables(): Record<string, TableSchema> {
  return {
    _dlt_version: {
      name: '_dlt_version',
      columns: cols([
        { name: 'version', data_type: 'bigint', nullable: false },
        { name: 'engine_version', data_type: 'bigint', nullable: false },
        { name: 'inserted_at', data_type: 'timestamp', nullable: false },
        { name: 'schema_name', data_type: 'text', nullable: false },
        { name: 'version_hash', data_type: 'text', nullable: false },
        { name: 'schema', data_type: 'text', nullable: false },
      ]),
      write_disposition: 'skip',
      description: 'Created by DLT. Tracks schema updates',
    },
    _dlt_loads: {
      name: '_dlt_loads',
      columns: cols([
        { name: 'load_id', data_type: 'text', nullable: false, precision: 64 },
        { name: 'schema_name', data_type: 'text', nullable: true },
        { name: 'status', data_type: 'bigint', nullable: false },
        { name: 'inserted_at', data_type: 'timestamp', nullable: false },
        { name: 'schema_version_hash', data_type: 'text', nullable: true },
      ]),
      write_disposition: 'skip',
      description: 'Created by DLT. Tracks completed loads',
    },
    _dlt_pipeline_state: {
      name: '_dlt_pipeline_state',
      columns: cols([
        { name: 'version', data_type: 'bigint', nullable: false },
        { name: 'engine_version', data_type: 'bigint', nullable: false },
        { name: 'pipeline_name', data_type: 'text', nullable: false },
        { name: 'state', data_type: 'text', nullable: false },
        { name: 'created_at', data_type: 'timestamp', nullable: false },
        { name: 'version_hash', data_type: 'text', nullable: true },
        { name: '_dlt_load_id', data_type: 'text', nullable: false, precision: 64 },
        { name: '_dlt_id', data_type: 'text', nullable: false, unique: true, row_key: true },
      ]),
      write_disposition: 'append',
      file_format: 'preferred',
      resource: '_dlt_pipeline_state',
      description: 'Created by DLT. Tracks pipeline state',
      'x-normalizer': { 'seen-data': true },
    },
  };
}

function cols(list: ColumnSchema[]): Record<string, ColumnSchema> {
  return Object.fromEntries(list.map((c) => [c.name, c]));
}

export function newSchema(name: string): StoredSchema {
  return {
    version: 1,
    version_hash: '',
    engine_version: SCHEMA_ENGINE_VERSION,
    name,
    tables: systemTables(),
    settings: {
      detections: ['iso_timestamp'],
      default_hints: {
        not_null: ['_dlt_id', '_dlt_root_id', '_dlt_parent_id', '_dlt_list_idx', '_dlt_load_id'],
        parent_key: ['_dlt_parent_id'],
        root_key: ['_dlt_root_id'],
        unique: ['_dlt_id'],
        row_key: ['_dlt_id'],
      },
    },
    normalizers: { names: 'snake_case', json: { module: 'dlt.common.normalizers.json.relational' } },
    previous_hashes: [],
  };
}

/**
 * Brings a schema written by an earlier restload to the current shape, in
 * place: `x-normalizer.seen_data` becomes dlt's `seen-data`, and dlt's system
 * tables are present. Idempotent.
 */
export function upgradeSchema(schema: StoredSchema): StoredSchema {
  for (const t of Object.values(schema.tables)) {
    const xn = t['x-normalizer'] as (TableSchema['x-normalizer'] & { seen_data?: boolean }) | undefined;
    if (xn && 'seen_data' in xn) {
      if (xn.seen_data) xn['seen-data'] = true;
      delete xn.seen_data;
    }
  }
  const sys = systemTables();
  for (const name of DLT_TABLES) if (!schema.tables[name]) schema.tables[name] = sys[name];
  return schema;
}

/** dlt's `is_complete_column`: it has a name and a data type. */
export function isComplete(c: ColumnSchema | undefined): c is CompleteColumn {
  return !!c && !!c.name && !!c.data_type;
}

/** The table's complete columns, in order: what DuckDB has (or gets). */
export function completeColumns(t: TableSchema): CompleteColumn[] {
  return Object.values(t.columns).filter(isComplete);
}

/** dlt's `has_table_seen_data`. */
export function hasSeenData(t: TableSchema | undefined): boolean {
  return t?.['x-normalizer']?.['seen-data'] === true;
}

/** dlt's `Schema.is_new_table`: not in the schema, or without a single complete column. */
export function isNewTable(schema: StoredSchema, name: string): boolean {
  const t = schema.tables[name];
  return !t || !Object.values(t.columns).some(isComplete);
}

/**
 * dlt's `generate_version_hash`: sha3-256 over the schema (without version,
 * hashes) as JSON with sorted keys, then over every table name (sorted) and
 * its column names in order, so reordering columns changes the hash.
 */
export function schemaHash(schema: StoredSchema): string {
  const { version: _v, version_hash: _h, previous_hashes: _p, ...rest } = schema as StoredSchema & { imported_version_hash?: string };
  delete (rest as { imported_version_hash?: string }).imported_version_hash;
  const h = createHash('sha3-256').update(sortedJson(rest), 'utf8');
  for (const tn of Object.keys(schema.tables).sort()) {
    h.update(tn, 'utf8');
    for (const cn of Object.keys(schema.tables[tn]!.columns)) h.update(cn, 'utf8');
  }
  return h.digest('base64');
}

/**
 * dlt's `bump_version_if_modified`: a new version (and hash) when the content
 * changed since the stored hash; the old hash goes first into
 * `previous_hashes` (once: content that comes back after a drop hashes as it
 * did before, and dlt's `store_prev_hash` keeps each hash once), at most 10.
 * Returns true when it bumped.
 */
export function bumpVersion(schema: StoredSchema): boolean {
  const h = schemaHash(schema);
  if (h === schema.version_hash) return false;
  if (schema.version_hash) {
    schema.version += 1;
    if (!schema.previous_hashes.includes(schema.version_hash)) schema.previous_hashes = [schema.version_hash, ...schema.previous_hashes].slice(0, 10);
  } else {
    schema.version ||= 1;
  }
  schema.version_hash = h;
  return true;
}

/**
 * JSON with object keys sorted (recursively) and no whitespace: what dlt's
 * `json.dumpb(..., sort_keys=True)` (orjson) writes for JSON-shaped values,
 * used for dlt's content hashes (schema version, row hash, key hash).
 */
export function sortedJson(v: unknown): string {
  if (v === undefined) return 'null';
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort(codepointCompare);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${sortedJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  if (typeof v === 'number' && !Number.isFinite(v)) return 'null';
  return JSON.stringify(v);
}

/** Python's string ordering (by code point), which differs from JavaScript's UTF-16 order only above U+FFFF. */
function codepointCompare(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d) return d;
  }
}

/** Root table of a (possibly nested) table. */
export function rootTableOf(schema: StoredSchema, table: string): TableSchema | undefined {
  let t = schema.tables[table];
  while (t?.parent) t = schema.tables[t.parent];
  return t;
}

/** The table and every table nested below it, parents first. */
export function tableChain(schema: StoredSchema, root: string): TableSchema[] {
  const out: TableSchema[] = [];
  const visit = (name: string) => {
    const t = schema.tables[name];
    if (!t) return;
    out.push(t);
    for (const c of Object.values(schema.tables)) if (c.parent === name) visit(c.name);
  };
  visit(root);
  return out;
}

export function isDltTable(name: string): boolean {
  return (DLT_TABLES as readonly string[]).includes(name);
}

/**
 * The schema as `dlt pipeline NAME schema` prints it (`to_pretty_yaml`, i.e.
 * `to_dict(remove_defaults=True)`): table and column names are dropped from
 * the values (they are the keys). Pass the result to a YAML writer.
 */
export function schemaForDisplay(schema: StoredSchema): Record<string, unknown> {
  const tables: Record<string, unknown> = {};
  for (const [tn, t] of Object.entries(schema.tables)) {
    const { name: _n, columns, ...rest } = t;
    const cols: Record<string, unknown> = {};
    for (const [cn, c] of Object.entries(columns)) {
      const { name: _cn, ...props } = c;
      cols[cn] = props;
    }
    tables[tn] = { columns: cols, ...rest };
  }
  return {
    version: schema.version,
    version_hash: schema.version_hash,
    engine_version: schema.engine_version,
    name: schema.name,
    tables,
    settings: schema.settings,
    normalizers: schema.normalizers,
    previous_hashes: schema.previous_hashes,
  };
}
