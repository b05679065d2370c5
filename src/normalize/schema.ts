import { createHash } from 'node:crypto';
import type { DataType } from './types/data-type.js';
import type { SchemaContract, WriteDisposition } from '../config/model.js';

/**
 * dlt's schema, in dlt's own shape (so `restload pipeline NAME schema` prints
 * what `dlt pipeline NAME schema` prints, and `_dlt_version` stores the same
 * document): tables keyed by name, columns in order of appearance, hints as
 * boolean flags.
 */
export interface ColumnSchema {
  name: string;
  data_type: DataType;
  nullable: boolean;
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
}

export interface TableSchema {
  name: string;
  columns: Record<string, ColumnSchema>;
  /** Set on nested (child) tables. */
  parent?: string;
  /** Set on root tables. */
  write_disposition?: WriteDisposition;
  'x-merge-strategy'?: string;
  resource?: string;
  schema_contract?: Partial<SchemaContract>;
  'x-normalizer'?: { seen_data?: boolean; max_nesting?: number };
  description?: string;
}

export interface StoredSchema {
  version: number;
  version_hash: string;
  engine_version: number;
  name: string;
  tables: Record<string, TableSchema>;
  settings: { detections: string[]; default_hints: Record<string, string[]> };
  normalizers: { names: string; json: { module: string } };
  previous_hashes: string[];
}

export const SCHEMA_ENGINE_VERSION = 11;
export const DLT_TABLES = ['_dlt_version', '_dlt_loads', '_dlt_pipeline_state'] as const;

export function newSchema(name: string): StoredSchema {
  return {
    version: 1,
    version_hash: '',
    engine_version: SCHEMA_ENGINE_VERSION,
    name,
    tables: {},
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

/** Content hash of a schema: changes whenever a table or column changes, not when the version number does. */
export function schemaHash(schema: StoredSchema): string {
  return createHash('sha256').update(stableStringify({ name: schema.name, tables: schema.tables })).digest('base64');
}

/** Bumps version and hash when the content changed since the stored hash. Returns true when it did. */
export function bumpVersion(schema: StoredSchema): boolean {
  const h = schemaHash(schema);
  if (h === schema.version_hash) return false;
  if (schema.version_hash) {
    schema.version += 1;
    schema.previous_hashes = [schema.version_hash, ...schema.previous_hashes].slice(0, 10);
  }
  schema.version_hash = h;
  return true;
}

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stableStringify((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
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
