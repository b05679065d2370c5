import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline, type Pipeline, type ResourceInfo, type Source } from '../../src/index.js';
import type { SchemaContractConfig } from '../../src/config/schema/index.js';

/** dlt data types and the DuckDB column type dlt's DuckDB destination creates for each (defaults). */
export const DUCK: Record<string, string> = {
  text: 'VARCHAR', bigint: 'BIGINT', double: 'DOUBLE', bool: 'BOOLEAN', timestamp: 'TIMESTAMP WITH TIME ZONE',
  json: 'JSON', decimal: 'DECIMAL(38,9)', date: 'DATE', time: 'TIME', binary: 'BLOB', wei: 'DECIMAL(38,0)',
};

export type Layout = Record<string, Record<string, string>>;

/** A pipeline in a fresh temporary folder, DuckDB file included. */
export function tempPipeline(name = 'p', dataset = 'ds'): Pipeline {
  const dir = mkdtempSync(join(tmpdir(), 'restload-load-'));
  return pipeline({ pipelineName: name, pipelinesDir: join(dir, 'pipelines'), destinationPath: join(dir, `${name}.duckdb`), datasetName: dataset });
}

/** Every data table (system tables left out) with its columns and DuckDB types. */
export async function layout(p: Pipeline): Promise<Layout> {
  const rows = await p.sql<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = '${p.datasetName}' AND table_name NOT LIKE '\\_dlt\\_%' ESCAPE '\\' ORDER BY table_name, ordinal_position`,
  );
  const out: Layout = {};
  for (const r of rows) (out[r.table_name] ??= {})[r.column_name] = r.data_type;
  return out;
}

/** Column order of one table, as `SELECT *` returns it. */
export async function columnOrder(p: Pipeline, table: string): Promise<string[]> {
  const rows = await p.sql<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = '${p.datasetName}' AND table_name = '${table}' ORDER BY ordinal_position`,
  );
  return rows.map((r) => r.column_name);
}

/** Expected columns of a root table, in dlt types: the data columns plus `_dlt_load_id` and `_dlt_id`. */
export function root(cols: Record<string, string>): Record<string, string> {
  return toDuck({ ...cols, _dlt_load_id: 'text', _dlt_id: 'text' });
}

/** Expected columns of a nested table: data columns plus `_dlt_parent_id`, `_dlt_list_idx`, `_dlt_id` (and `_dlt_root_id`). */
export function nested(cols: Record<string, string>, rootKey = false): Record<string, string> {
  return toDuck({ ...cols, ...(rootKey ? { _dlt_root_id: 'text' } : {}), _dlt_parent_id: 'text', _dlt_list_idx: 'bigint', _dlt_id: 'text' });
}

export function toDuck(cols: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, DUCK[v] ?? v]));
}

/** Rows of a table as plain objects, bigints as numbers, sorted by `order`. */
export async function rows(p: Pipeline, table: string, order = '_dlt_id', cols = '*'): Promise<Record<string, unknown>[]> {
  const r = await p.sql<Record<string, unknown>>(`SELECT ${cols} FROM "${p.datasetName}"."${table}" ORDER BY ${order}`);
  return r.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
}

export interface TestResource extends Partial<ResourceInfo> {
  name: string;
  pages: unknown[][];
}

/**
 * An engine Source built by hand: what a rest_api config becomes, with
 * source-level settings (max_table_nesting, root_key, schema_contract) and
 * fixed pages per resource.
 */
export function testSource(name: string, resources: TestResource[], opts: { maxTableNesting?: number; rootKey?: boolean; schemaContract?: SchemaContractConfig } = {}): Source {
  return {
    name,
    rootKey: opts.rootKey,
    schemaContract: opts.schemaContract,
    maxTableNesting: opts.maxTableNesting,
    resources: resources.map(({ pages: _p, ...r }) => ({
      tableName: r.name,
      writeDisposition: { disposition: 'append' },
      columns: {},
      selected: true,
      ...r,
    })),
    async *extract() {
      for (const r of resources) for (const page of r.pages) yield { resource: r.name, items: page };
    },
  };
}
