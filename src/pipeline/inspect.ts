import { existsSync } from 'node:fs';
import { didYouMean } from '../common/did-you-mean.js';
import { UsageError } from '../common/errors.js';
import { resolvePipelinesDir } from '../config/resolve.js';
import { literal, openDatabase, tableRef, type Database } from '../load/duckdb.js';
import { readStoredSchema, readStoredState, type IncrementalState, type PipelineState } from '../load/system-tables.js';
import { normalizeIdentifier } from '../normalize/naming/snake-case.js';
import { isDltTable, type StoredSchema } from '../normalize/schema.js';
import type { RunTrace } from './trace.js';
import { listPipelines, WorkingDir, type PipelineInfo } from './working-dir.js';

/** A pipeline found by name in the pipelines folder. */
export interface FoundPipeline {
  dir: WorkingDir;
  info: PipelineInfo;
}

export function findPipeline(name: string, pipelinesDir?: string): FoundPipeline {
  const root = resolvePipelinesDir(pipelinesDir);
  const dir = new WorkingDir(root, name);
  const info = dir.readInfo();
  if (!info) {
    const known = listPipelines(root);
    const guess = didYouMean(name, known);
    throw new UsageError(
      `no pipeline named "${name}" in ${root}${guess ? `; did you mean "${guess}"?` : ''}`,
      known.length ? `pipelines: ${known.join(', ')}` : 'run `restload run CONFIG` first (or set RESTLOAD_PIPELINES_DIR to where your pipelines are)',
    );
  }
  return { dir, info };
}

export interface TableSummary {
  name: string;
  parent?: string;
  rows: number;
  resource?: string;
  write_disposition?: string;
}

export interface IncrementalSummary {
  resource: string;
  cursor_path: string;
  last_value: unknown;
  initial_value: unknown;
  last_value_at?: string;
}

export interface LoadSummary {
  load_id: string;
  status: number;
  inserted_at: string;
  schema_version_hash?: string;
}

export interface PipelineSummary {
  pipeline_name: string;
  working_dir: string;
  destination: string;
  destination_path: string;
  dataset_name: string;
  config_file?: string;
  tables: TableSummary[];
  loads: LoadSummary[];
  incremental: IncrementalSummary[];
  last_trace?: Pick<RunTrace, 'status' | 'started_at' | 'finished_at' | 'error'>;
}

/**
 * The pipeline's schema as the inspecting commands (and drop) see it, chosen
 * as `run` chooses: the destination's (what the last committed run stored)
 * unless the working folder holds a higher version (a destination written
 * before restload stored every re-created version, see insertSchemaVersion),
 * else the working folder's (`db` undefined: the DuckDB file does not exist yet).
 */
export async function pipelineSchema(db: Database | undefined, p: FoundPipeline): Promise<StoredSchema | undefined> {
  // The schema is named as `run` names it: the source name through the naming convention (`my-api` -> `my_api`).
  const name = normalizeIdentifier(p.info.source_name ?? p.info.pipeline_name);
  const stored = db && (await readStoredSchema(db, p.info.dataset_name, name));
  const local = p.dir.readSchema(name) ?? p.dir.readSchema(p.dir.schemaNames()[0] ?? '');
  return stored && (!local || local.name !== stored.name || stored.version >= local.version) ? stored : local;
}

/** The pipeline's state, with the same precedence as pipelineSchema, and where it came from. */
export async function pipelineState(db: Database | undefined, p: FoundPipeline): Promise<{ state?: PipelineState; from: 'destination' | 'working folder' | 'none' }> {
  const stored = db && (await readStoredState(db, p.info.dataset_name, p.info.pipeline_name));
  if (stored) return { state: stored, from: 'destination' };
  const local = p.dir.readState();
  return local ? { state: local, from: 'working folder' } : { from: 'none' };
}

/** Opens a pipeline's DuckDB read-only for the length of `fn` (no lock is kept between calls). */
export async function withReadOnly<T>(path: string, fn: (db: Database) => Promise<T>): Promise<T | undefined> {
  if (!existsSync(path)) return undefined;
  const db = await openDatabase(path, { readOnly: true });
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

export async function pipelineSummary(p: FoundPipeline, opts: { loads?: number } = {}): Promise<PipelineSummary> {
  const { info, dir } = p;
  const trace = dir.readTrace();
  const fromDb = await withReadOnly(info.destination_path, async (db) => {
    const schema = await pipelineSchema(db, p);
    const { state } = await pipelineState(db, p);
    const tables = await tableCounts(db, info.dataset_name, schema);
    const loads = await db.all<LoadSummary>(
      `SELECT load_id, status, strftime(inserted_at, '%Y-%m-%dT%H:%M:%S.%fZ') AS inserted_at, schema_version_hash FROM ${tableRef(db, info.dataset_name, '_dlt_loads')} ORDER BY load_id DESC LIMIT ${opts.loads ?? 10}`,
    ).catch(() => [] as LoadSummary[]);
    return { tables, loads: loads.map((l) => ({ ...l, status: Number(l.status) })), state };
  });
  return {
    pipeline_name: info.pipeline_name,
    working_dir: dir.dir,
    destination: 'duckdb',
    destination_path: info.destination_path,
    dataset_name: info.dataset_name,
    config_file: info.config_file,
    tables: fromDb?.tables ?? [],
    loads: fromDb?.loads ?? [],
    incremental: incrementalOf(fromDb?.state ?? dir.readState()),
    last_trace: trace && { status: trace.status, started_at: trace.started_at, finished_at: trace.finished_at, error: trace.error },
  };
}

/** The dataset's tables, by name. */
export async function datasetTables(db: Database, dataset: string): Promise<string[]> {
  const rows = await db.all<{ table_name: string }>(
    `SELECT table_name FROM duckdb_tables() WHERE database_name = ${literal(db.catalog)} AND schema_name = ${literal(dataset)} ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

/** Row counts of some tables of the dataset, in one query. */
export async function rowCounts(db: Database, dataset: string, names: readonly string[]): Promise<Map<string, number>> {
  if (!names.length) return new Map();
  const sql = names.map((n) => `SELECT ${literal(n)} AS t, count(*) AS n FROM ${tableRef(db, dataset, n)}`).join(' UNION ALL ');
  const rows = await db.all<{ t: string; n: bigint }>(sql);
  return new Map(rows.map((r) => [r.t, Number(r.n)]));
}

async function tableCounts(db: Database, dataset: string, schema: StoredSchema | undefined): Promise<TableSummary[]> {
  const names = await datasetTables(db, dataset);
  const counts = await rowCounts(db, dataset, names);
  const out: TableSummary[] = names.map((name) => {
    const t = schema?.tables[name];
    return { name, parent: t?.parent, rows: counts.get(name) ?? 0, resource: t?.resource, write_disposition: t?.write_disposition };
  });
  // Data tables first (parents before children), system tables last.
  return out.sort((a, b) => Number(isDltTable(a.name)) - Number(isDltTable(b.name)) || a.name.localeCompare(b.name));
}

export function incrementalOf(state: PipelineState | undefined): IncrementalSummary[] {
  const out: IncrementalSummary[] = [];
  for (const src of Object.values(state?.sources ?? {})) {
    for (const [resource, r] of Object.entries(src.resources ?? {})) {
      for (const [cursor, inc] of Object.entries(r.incremental ?? {}) as [string, IncrementalState][]) {
        out.push({ resource, cursor_path: cursor, last_value: inc.last_value, initial_value: inc.initial_value, last_value_at: inc.last_value_at });
      }
    }
  }
  return out;
}

/** All pipelines with their last run. */
export function pipelineList(pipelinesDir?: string): { name: string; dataset_name: string; destination_path: string; last_run?: string; status?: string }[] {
  const root = resolvePipelinesDir(pipelinesDir);
  return listPipelines(root).map((name) => {
    const dir = new WorkingDir(root, name);
    const info = dir.readInfo()!;
    const trace = dir.readTrace();
    return { name, dataset_name: info.dataset_name, destination_path: info.destination_path, last_run: trace?.finished_at ?? trace?.started_at, status: trace?.status };
  });
}
