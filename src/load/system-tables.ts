import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { randomRowId } from '../normalize/row-id.js';
import { sortedJson, type StoredSchema } from '../normalize/schema.js';
import { literal, schemaRef, tableRef, type Database } from './duckdb.js';

/**
 * dlt's system tables, with dlt's columns and meaning, so that tools reading
 * them (dlt itself, dbt packages, dashboards) keep working:
 * `_dlt_loads` (one row per completed load), `_dlt_version` (each schema
 * version once), `_dlt_pipeline_state` (versioned, compressed state).
 */
export const SYSTEM_TABLES_DDL: Record<string, string> = {
  _dlt_version: `version BIGINT NOT NULL, engine_version BIGINT NOT NULL, inserted_at TIMESTAMP WITH TIME ZONE NOT NULL, schema_name VARCHAR NOT NULL, version_hash VARCHAR NOT NULL, "schema" VARCHAR NOT NULL`,
  _dlt_loads: `load_id VARCHAR NOT NULL, schema_name VARCHAR, status BIGINT NOT NULL, inserted_at TIMESTAMP WITH TIME ZONE NOT NULL, schema_version_hash VARCHAR`,
  _dlt_pipeline_state: `version BIGINT NOT NULL, engine_version BIGINT NOT NULL, pipeline_name VARCHAR NOT NULL, state VARCHAR NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL, version_hash VARCHAR, _dlt_load_id VARCHAR NOT NULL, _dlt_id VARCHAR NOT NULL`,
};

export const STATE_ENGINE_VERSION = 4;

export async function ensureSystemTables(db: Database, dataset: string): Promise<void> {
  await db.run(`CREATE SCHEMA IF NOT EXISTS ${schemaRef(db, dataset)}`);
  for (const [name, cols] of Object.entries(SYSTEM_TABLES_DDL)) {
    await db.run(`CREATE TABLE IF NOT EXISTS ${tableRef(db, dataset, name)} (${cols})`);
  }
}

/** Marks a load as complete (status 0), as dlt does when its load package is committed. */
export async function insertLoad(db: Database, dataset: string, loadId: string, schema: StoredSchema): Promise<void> {
  await db.run(
    `INSERT INTO ${tableRef(db, dataset, '_dlt_loads')} VALUES (${literal(loadId)}, ${literal(schema.name)}, 0, now(), ${literal(schema.version_hash)})`,
  );
}

/** The order in which stored schema versions are read: the highest version, the latest insert among equals. */
const NEWEST_VERSION_FIRST = 'version DESC, inserted_at DESC';

/**
 * Stores the schema version unless the newest stored version of that schema
 * already has its hash. Not "unless the hash is stored at all": the hash
 * leaves out the version number, so a drop followed by a run that re-creates
 * the same tables hashes equal to a version from before the drop. dlt avoids
 * that by deleting every stored version of the schema when it drops tables;
 * restload keeps the history and stores the re-created content again, as the
 * newest version (what readStoredSchema and dlt's `get_stored_schema` read).
 */
export async function insertSchemaVersion(db: Database, dataset: string, schema: StoredSchema): Promise<void> {
  const newest = await db.all<{ version_hash: string }>(
    `SELECT version_hash FROM ${tableRef(db, dataset, '_dlt_version')} WHERE schema_name = ${literal(schema.name)} ORDER BY ${NEWEST_VERSION_FIRST} LIMIT 1`,
  );
  if (newest[0]?.version_hash === schema.version_hash) return;
  await db.run(
    `INSERT INTO ${tableRef(db, dataset, '_dlt_version')} VALUES (${schema.version}, ${schema.engine_version}, now(), ${literal(schema.name)}, ${literal(schema.version_hash)}, ${literal(JSON.stringify(schema))})`,
  );
}

/** The pipeline state document, as dlt keeps it. */
export interface PipelineState {
  _state_version: number;
  _state_engine_version: number;
  _version_hash?: string;
  pipeline_name: string;
  dataset_name: string;
  default_schema_name?: string;
  schema_names?: string[];
  destination_name?: string;
  destination_type?: string;
  sources: Record<string, SourceState>;
  [k: string]: unknown;
}

export interface SourceState {
  resources?: Record<string, { incremental?: Record<string, IncrementalState>; [k: string]: unknown }>;
  [k: string]: unknown;
}

export interface IncrementalState {
  initial_value: unknown;
  last_value: unknown;
  unique_hashes: string[];
  /** restload: when last_value last moved (ISO 8601). */
  last_value_at?: string;
}

/** dlt's compress_state: zlib (level 9) then base64. */
export function compressState(state: PipelineState): string {
  return deflateSync(Buffer.from(JSON.stringify(state)), { level: 9 }).toString('base64');
}

export function decompressState(text: string): PipelineState {
  try {
    return JSON.parse(inflateSync(Buffer.from(text, 'base64')).toString('utf8')) as PipelineState;
  } catch {
    // dlt also accepts an uncompressed JSON document.
    return JSON.parse(text) as PipelineState;
  }
}

/**
 * dlt's `generate_pipeline_state_version_hash`: sha3-256 of the state as
 * JSON with sorted keys, without `_local`, `_state_version`,
 * `_state_engine_version` and `_version_hash`; base64.
 */
export function stateVersionHash(state: PipelineState): string {
  const { _local: _l, _state_version: _v, _state_engine_version: _e, _version_hash: _h, ...content } = state;
  return createHash('sha3-256').update(sortedJson(content), 'utf8').digest('base64');
}

/**
 * Stores a state version as dlt's `state_doc` does: version, engine version,
 * pipeline name, the compressed state, created_at, its version hash, the
 * load id and a row id. The state's `_version_hash` is set to dlt's hash of
 * its content first (the stored document and the column agree).
 */
export async function insertState(db: Database, dataset: string, state: PipelineState, loadId: string): Promise<void> {
  state._version_hash = stateVersionHash(state);
  const { _local: _l, ...doc } = state;
  await db.run(
    `INSERT INTO ${tableRef(db, dataset, '_dlt_pipeline_state')} (version, engine_version, pipeline_name, state, created_at, version_hash, _dlt_load_id, _dlt_id) VALUES (${state._state_version}, ${state._state_engine_version ?? STATE_ENGINE_VERSION}, ${literal(state.pipeline_name)}, ${literal(compressState(doc as PipelineState))}, now(), ${literal(state._version_hash)}, ${literal(loadId)}, ${literal(randomRowId())})`,
  );
}

/** The state stored by the newest completed load (dlt's `get_stored_state`), if any. */
export async function readStoredState(db: Database, dataset: string, pipelineName: string): Promise<PipelineState | undefined> {
  try {
    const rows = await db.all<{ state: string }>(
      `SELECT s.state FROM ${tableRef(db, dataset, '_dlt_pipeline_state')} s JOIN ${tableRef(db, dataset, '_dlt_loads')} l ON l.load_id = s._dlt_load_id WHERE s.pipeline_name = ${literal(pipelineName)} AND l.status = 0 ORDER BY l.load_id DESC, s.version DESC LIMIT 1`,
    );
    return rows[0] ? decompressState(rows[0].state) : undefined;
  } catch {
    return undefined; // no dataset or tables yet
  }
}

/** The newest stored schema of that name, if any. */
export async function readStoredSchema(db: Database, dataset: string, schemaName: string): Promise<StoredSchema | undefined> {
  try {
    const rows = await db.all<{ schema: string }>(
      `SELECT "schema" FROM ${tableRef(db, dataset, '_dlt_version')} WHERE schema_name = ${literal(schemaName)} ORDER BY ${NEWEST_VERSION_FIRST} LIMIT 1`,
    );
    return rows[0] ? (JSON.parse(rows[0].schema) as StoredSchema) : undefined;
  } catch {
    return undefined;
  }
}
