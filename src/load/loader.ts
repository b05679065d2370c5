import type { LoadPackage } from '../normalize/load-package.js';
import { isDltTable, tableChain, type StoredSchema, type TableSchema } from '../normalize/schema.js';
import { duckdbType } from '../normalize/types/data-type.js';
import { migrateTable, readExistingTables } from './ddl.js';
import { ident, literal, type Database } from './duckdb.js';
import { ensureSystemTables, insertLoad, insertSchemaVersion, insertState, type PipelineState } from './system-tables.js';

/** What the loader needs to know about each root table written in this run. */
export interface RootTableJob {
  table: string;
  disposition: 'append' | 'replace' | 'merge' | 'skip';
  strategy?: string;
}

export interface LoadJob {
  dataset: string;
  schema: StoredSchema;
  pkg: LoadPackage;
  roots: RootTableJob[];
  /** The state to store with this load (when it changed). */
  state?: PipelineState;
}

/**
 * Loads a package in one transaction: schema migrations, every table's rows
 * by its write disposition, then `_dlt_loads`, `_dlt_version` and the state.
 * Either all of it is committed or none of it: a failure (or a kill) leaves
 * the tables and the stored state as they were.
 */
export async function loadPackage(db: Database, job: LoadJob): Promise<void> {
  const { dataset, schema, pkg } = job;
  await db.transaction(async () => {
    await ensureSystemTables(db, dataset);
    const existing = await readExistingTables(db, dataset);
    for (const t of orderedTables(schema)) await migrateTable(db, dataset, t, existing);
    for (const root of job.roots) {
      const chain = tableChain(schema, root.table).filter((t) => Object.keys(t.columns).length > 0);
      if (root.disposition === 'skip') continue;
      if (root.disposition === 'replace') {
        // Children first is not required by DuckDB (no FKs), but reads naturally.
        for (const t of [...chain].reverse()) if (existing.has(t.name)) await db.run(`DELETE FROM ${q(dataset, t.name)}`);
        for (const t of chain) await insertFiles(db, dataset, t, pkg.files[t.name]);
      } else if (root.disposition === 'merge' && hasMergeKeys(chain[0])) {
        await mergeChain(db, dataset, chain, pkg);
      } else {
        for (const t of chain) await insertFiles(db, dataset, t, pkg.files[t.name]);
      }
    }
    await insertSchemaVersion(db, dataset, schema);
    await insertLoad(db, dataset, pkg.loadId, schema);
    if (job.state) await insertState(db, dataset, job.state, pkg.loadId);
  });
}

function q(dataset: string, table: string): string {
  return `${ident(dataset)}.${ident(table)}`;
}

/** Data tables, parents before their children. */
function orderedTables(schema: StoredSchema): TableSchema[] {
  const out: TableSchema[] = [];
  for (const t of Object.values(schema.tables)) if (!t.parent && !isDltTable(t.name)) out.push(...tableChain(schema, t.name));
  return out;
}

function hasMergeKeys(root: TableSchema | undefined): boolean {
  return !!root && Object.values(root.columns).some((c) => c.primary_key || c.merge_key);
}

/** `read_json` over a table's package files, typed by the schema (missing keys read as NULL). */
function readFiles(table: TableSchema, files: string[]): string {
  const cols = Object.values(table.columns).map((c) => `${literal(c.name)}: ${literal(duckdbType(c))}`).join(', ');
  return `read_json([${files.map(literal).join(', ')}], format = 'newline_delimited', columns = {${cols}}, maximum_object_size = 67108864)`;
}

function columnList(table: TableSchema): string {
  return Object.keys(table.columns).map(ident).join(', ');
}

async function insertFiles(db: Database, dataset: string, table: TableSchema, files: string[] | undefined, where = ''): Promise<void> {
  if (!files?.length) return;
  const cols = columnList(table);
  await db.run(`INSERT INTO ${q(dataset, table.name)} (${cols}) SELECT ${cols} FROM ${readFiles(table, files)}${where}`);
}

/**
 * dlt's delete-insert merge: rows of this run are deduplicated on the primary
 * key (the last one wins, or the one `dedup_sort` prefers), the destination's
 * rows with the same key (or merge key) are deleted with their nested rows,
 * then the new rows are inserted; `hard_delete` rows only delete.
 */
async function mergeChain(db: Database, dataset: string, chain: TableSchema[], pkg: LoadPackage): Promise<void> {
  const root = chain[0]!;
  const files = pkg.files[root.name];
  if (!files?.length) return;
  const cols = Object.values(root.columns);
  const pk = cols.filter((c) => c.primary_key).map((c) => c.name);
  const mk = cols.filter((c) => c.merge_key).map((c) => c.name);
  const dedupSort = cols.find((c) => c.dedup_sort);
  const hardDelete = cols.find((c) => c.hard_delete);
  const stg = ident(`_restload_stg_${root.name}`);
  await db.run(`CREATE OR REPLACE TEMP TABLE ${stg} AS SELECT *, row_number() OVER () AS "__seq" FROM ${readFiles(root, files)}`);
  if (pk.length) {
    const order = dedupSort ? `${ident(dedupSort.name)} ${dedupSort.dedup_sort === 'asc' ? 'ASC' : 'DESC'}, "__seq" DESC` : `"__seq" DESC`;
    await db.run(
      `CREATE OR REPLACE TEMP TABLE ${stg} AS SELECT * EXCLUDE ("__rn") FROM (SELECT *, row_number() OVER (PARTITION BY ${pk.map(ident).join(', ')} ORDER BY ${order}) AS "__rn" FROM ${stg}) WHERE "__rn" = 1`,
    );
  }
  const target = q(dataset, root.name);
  const matches = (keys: string[]) =>
    `EXISTS (SELECT 1 FROM ${stg} s WHERE ${keys.map((k) => `s.${ident(k)} IS NOT DISTINCT FROM d.${ident(k)}`).join(' AND ')})`;
  const conditions = [pk, mk].filter((k) => k.length).map(matches);
  const doomed = `SELECT d."_dlt_id" FROM ${target} d WHERE ${conditions.join(' OR ')}`;
  for (const child of chain.slice(1)) {
    if (child.columns._dlt_root_id) await db.run(`DELETE FROM ${q(dataset, child.name)} WHERE "_dlt_root_id" IN (${doomed})`);
  }
  await db.run(`DELETE FROM ${target} d WHERE ${conditions.join(' OR ')}`);
  const keep = hardDelete
    ? ` WHERE ${ident(hardDelete.name)} IS NULL${hardDelete.data_type === 'bool' ? ` OR ${ident(hardDelete.name)} = false` : ''}`
    : '';
  const rc = columnList(root);
  await db.run(`INSERT INTO ${target} (${rc}) SELECT ${rc} FROM ${stg}${keep}`);
  for (const child of chain.slice(1)) {
    const where = child.columns._dlt_root_id ? ` WHERE "_dlt_root_id" IN (SELECT "_dlt_id" FROM ${stg}${keep})` : '';
    await insertFiles(db, dataset, child, pkg.files[child.name], where);
  }
  await db.run(`DROP TABLE ${stg}`);
}
