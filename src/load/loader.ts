import { RestloadError } from '../common/errors.js';
import type { LoadPackage } from '../normalize/load-package.js';
import { mergeStrategy } from '../normalize/normalizer.js';
import {
  completeColumns, hasSeenData, isComplete, isDltTable, tableChain,
  type CompleteColumn, type StoredSchema, type TableSchema,
} from '../normalize/schema.js';
import { duckdbType } from '../normalize/types/data-type.js';
import { migrateTable, readExistingTables } from './ddl.js';
import { ident, literal, schemaRef, type Database } from './duckdb.js';
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

/** A merge that cannot be carried out as configured (dlt's MergeDispositionException / SchemaCorruptedException). */
export class MergeError extends RestloadError {
  constructor(message: string, hint?: string) {
    super(message, { code: 'MERGE', hint });
  }
}

/**
 * Loads a package in one transaction: schema migrations, every table's rows
 * by its write disposition, then `_dlt_loads`, `_dlt_version` and the state.
 * Either all of it is committed or none of it: a failure (or a kill) leaves
 * the tables and the stored state as they were.
 *
 * The write dispositions run dlt's SQL (`dlt/destinations/sql_jobs.py`) with
 * this run's rows in temporary staging tables: `replace` truncates the root
 * and its nested tables (also when the run yielded no rows, as dlt's empty
 * job does), `merge` runs delete-insert (deduplicated on the primary key,
 * `dedup_sort`, `hard_delete`, nested rows replaced through the root key),
 * `upsert` / `insert-only` (MERGE on the primary key; `_dlt_id` is the key
 * hash) or `scd2` (validity columns, row hash in `_dlt_id`, absent rows
 * retired).
 */
export async function loadPackage(db: Database, job: LoadJob): Promise<void> {
  const { dataset, schema, pkg } = job;
  verifyNormalized(schema, pkg);
  await db.transaction(async () => {
    await ensureSystemTables(db, dataset);
    const existing = await readExistingTables(db, dataset);
    // Tables of `skip` resources are not loaded, so not created either.
    const skipped = new Set(job.roots.filter((r) => r.disposition === 'skip').flatMap((r) => tableChain(schema, r.table).map((t) => t.name)));
    for (const t of orderedTables(schema)) if (hasSeenData(t) && !skipped.has(t.name)) await migrateTable(db, dataset, t, existing);
    const temps = new TempNames();
    // The data SQL below names tables through q(): with the catalog (a dataset named like its file is otherwise ambiguous).
    const ds = schemaRef(db, dataset);
    // Several resources may write one table: it is loaded once.
    const seen = new Set<string>();
    for (const root of job.roots) {
      if (seen.has(root.table)) continue;
      seen.add(root.table);
      if (root.disposition === 'skip') continue;
      const chain = tableChain(schema, root.table).filter((t) => hasSeenData(t) && completeColumns(t).length > 0 && existing.has(t.name));
      if (!chain.length) continue;
      if (root.disposition === 'replace') {
        for (const t of [...chain].reverse()) await db.run(`DELETE FROM ${q(ds, t.name)}`);
        for (const t of chain) await insertFiles(db, ds, t, pkg.files[t.name]);
      } else if (root.disposition === 'merge') {
        if (!pkg.files[chain[0]!.name]?.length) continue;
        const strategy = root.strategy ?? mergeStrategy(chain[0]!) ?? 'delete-insert';
        await mergeChain(db, ds, chain, pkg, strategy, temps);
      } else {
        for (const t of chain) await insertFiles(db, ds, t, pkg.files[t.name]);
      }
    }
    await insertSchemaVersion(db, dataset, schema);
    await insertLoad(db, dataset, pkg.loadId, schema);
    if (job.state) await insertState(db, dataset, job.state, pkg.loadId);
  });
}

/**
 * dlt's `verify_normalized_table`: a table that got rows in this load may not
 * keep a non-nullable column without a type (a primary key, merge key or
 * `nullable: false` column that no row had).
 */
function verifyNormalized(schema: StoredSchema, pkg: LoadPackage): void {
  for (const [table, files] of Object.entries(pkg.files)) {
    if (!files.length) continue;
    const t = schema.tables[table];
    if (!t) continue;
    const unbound = Object.values(t.columns).filter((c) => !isComplete(c) && c.nullable === false);
    if (!unbound.length) continue;
    const lines = unbound.map((c) => `  - ${c.name} (marked as non-nullable${c.merge_key ? ' merge key' : c.primary_key ? ' primary key' : ''} and must have values)`);
    throw new RestloadError(
      `The following columns in table "${table}" did not receive any data during this load:\n${lines.join('\n')}`,
      { code: 'UNBOUND_COLUMN', hint: 'this happens when primary_key, merge_key or columns name a field the data does not have; fix the key or the data' },
    );
  }
}

/** A table of the dataset; `dataset` is its catalog-qualified schemaRef. */
function q(dataset: string, table: string): string {
  return `${dataset}.${ident(table)}`;
}

/** Names of the temporary tables a load creates; all are dropped before it commits. */
class TempNames {
  private n = 0;
  private readonly names: string[] = [];
  next(op: string): string {
    const name = ident(`_restload_${op}_${++this.n}`);
    this.names.push(name);
    return name;
  }
  async dropAll(db: Database): Promise<void> {
    for (const name of this.names.splice(0)) await db.run(`DROP TABLE IF EXISTS ${name}`);
  }
}

/** Data tables, parents before their children. */
function orderedTables(schema: StoredSchema): TableSchema[] {
  const out: TableSchema[] = [];
  for (const t of Object.values(schema.tables)) if (!t.parent && !isDltTable(t.name)) out.push(...tableChain(schema, t.name));
  return out;
}

/** `read_json` over a table's package files, typed by the schema (missing keys read as NULL). */
function readFiles(cols: CompleteColumn[], files: string[]): string {
  const spec = cols.map((c) => `${literal(c.name)}: ${literal(c.data_type === 'binary' ? 'VARCHAR' : duckdbType(c))}`).join(', ');
  return `read_json([${files.map(literal).join(', ')}], format = 'newline_delimited', columns = {${spec}})`;
}

/** The select list for rows read from package files: binary values travel as base64. */
function fileSelectList(cols: CompleteColumn[]): string {
  return cols.map((c) => (c.data_type === 'binary' ? `from_base64(${ident(c.name)}) AS ${ident(c.name)}` : ident(c.name))).join(', ');
}

function columnList(cols: CompleteColumn[]): string {
  return cols.map((c) => ident(c.name)).join(', ');
}

async function insertFiles(db: Database, dataset: string, table: TableSchema, files: string[] | undefined): Promise<void> {
  if (!files?.length) return;
  const cols = completeColumns(table);
  // One statement over all files: DuckDB writes full row groups of a large INSERT straight to the
  // database file, so its memory stays within memory_limit. One INSERT per file kept every file's
  // rows in the transaction's memory (out of memory at 256MB for 1M issues) and was twice as slow.
  await db.run(`INSERT INTO ${q(dataset, table.name)} (${columnList(cols)}) SELECT ${fileSelectList(cols)} FROM ${readFiles(cols, files)}`);
}

/** A temporary staging table with this run's rows of `table` (empty when it has none), as dlt's staging dataset. */
async function stage(db: Database, dataset: string, table: TableSchema, files: string[] | undefined, name: string): Promise<void> {
  const cols = completeColumns(table);
  const from = files?.length
    ? `SELECT ${fileSelectList(cols)} FROM ${readFiles(cols, files)}`
    : `SELECT ${columnList(cols)} FROM ${q(dataset, table.name)} WHERE false`;
  await db.run(`CREATE OR REPLACE TEMP TABLE ${name} AS ${from}`);
}

async function mergeChain(db: Database, dataset: string, chain: TableSchema[], pkg: LoadPackage, strategy: string, temps: TempNames): Promise<void> {
  const staging = new Map<string, string>();
  for (const t of chain) {
    const name = temps.next('stg');
    await stage(db, dataset, t, pkg.files[t.name], name);
    staging.set(t.name, name);
  }
  const ctx: MergeContext = { dataset, chain, staging, temps, loadId: pkg.loadId };
  let sql: string[];
  if (strategy === 'delete-insert') sql = deleteInsertSql(ctx);
  else if (strategy === 'upsert') sql = upsertSql(ctx, false);
  else if (strategy === 'insert-only') sql = upsertSql(ctx, true);
  else if (strategy === 'scd2') sql = scd2Sql(ctx);
  else throw new MergeError(`"${strategy}" is not a valid merge strategy. Allowed values: "delete-insert", "upsert", "insert-only", "scd2".`);
  for (const s of sql) await db.run(s);
  await temps.dropAll(db);
}

interface MergeContext {
  dataset: string;
  chain: TableSchema[];
  staging: Map<string, string>;
  temps: TempNames;
  loadId: string;
}

function tempTable(ctx: MergeContext, op: string, select: string): [string, string] {
  const name = ctx.temps.next(op);
  return [`CREATE OR REPLACE TEMP TABLE ${name} AS ${select}`, name];
}

function colsWith(t: TableSchema, prop: 'primary_key' | 'merge_key' | 'hard_delete' | 'row_key' | 'unique' | 'root_key' | 'parent_key' | 'x-row-version' | 'x-valid-from' | 'x-valid-to'): CompleteColumn[] {
  return completeColumns(t).filter((c) => c[prop]);
}

/** dlt's `get_row_key_col`: the row_key column, else a unique one, else a single primary key. */
function rowKeyCol(t: TableSchema): string {
  const c = colsWith(t, 'row_key')[0] ?? colsWith(t, 'unique')[0];
  if (c) return ident(c.name);
  const pk = colsWith(t, 'primary_key');
  if (pk.length === 1) return ident(pk[0]!.name);
  throw new MergeError(`No row_key, unique, or single primary key column (e.g. _dlt_id) in table "${t.name}".`);
}

/** dlt's `get_root_key_col`: the root_key column, or `_dlt_parent_id` one level below the root. */
function rootKeyCol(chain: TableSchema[], t: TableSchema): string {
  const c = colsWith(t, 'root_key')[0];
  if (c) return ident(c.name);
  const p = t.parent === chain[0]!.name ? colsWith(t, 'parent_key')[0] : undefined;
  if (p) return ident(p.name);
  throw new MergeError(
    `No root_key column (e.g. _dlt_root_id) in table "${t.name}".`,
    'the table was created before the resource used merge; drop the resource (restload pipeline NAME drop RESOURCE) so its nested tables get the root key, or set root_key on the source',
  );
}

/** dlt's `_get_hard_delete_col_and_cond`: the condition selecting deleted rows (or, inverted, kept rows). */
function hardDeleteCond(t: TableSchema, invert: boolean): [string, string] | undefined {
  const c = colsWith(t, 'hard_delete')[0];
  if (!c) return undefined;
  const col = ident(c.name);
  let cond = invert ? `${col} IS NULL` : `${col} IS NOT NULL`;
  if (c.data_type === 'bool') cond = invert ? `${cond} OR ${col} = FALSE` : `${col} = TRUE`;
  return [col, cond];
}

/**
 * dlt's `gen_select_from_dedup_sql`: one row per key, the one `dedup_sort`
 * prefers, else the first (dlt's order is "arbitrary"; DuckDB keeps the
 * first, which restload makes explicit with the staging table's rowid).
 * Rows come out in the staging table's order.
 */
function dedupSelect(table: string, keys: string[], columns: string[], dedupSort: [string, string] | undefined, condition = '1 = 1', conditionColumns: string[] = []): string {
  const order = `${dedupSort ? `${dedupSort[0]} ${dedupSort[1].toUpperCase()}, ` : ''}_dlt_stg_rowid`;
  const inner = [...columns, ...conditionColumns.filter((c) => !columns.includes(c))].join(', ');
  return `SELECT ${columns.join(', ')} FROM (SELECT ROW_NUMBER() OVER (PARTITION BY ${keys.join(', ')} ORDER BY ${order}) AS _dlt_dedup_rn, _dlt_stg_rowid, ${inner} FROM (SELECT rowid AS _dlt_stg_rowid, * FROM ${table})) AS _dlt_dedup_numbered WHERE _dlt_dedup_rn = 1 AND (${condition}) ORDER BY _dlt_stg_rowid`;
}

/** dlt's `gen_merge_sql` (delete-insert). */
function deleteInsertSql(ctx: MergeContext): string[] {
  const { chain, staging } = ctx;
  const sql: string[] = [];
  const root = chain[0]!;
  const target = q(ctx.dataset, root.name);
  const stgRoot = staging.get(root.name)!;
  const pk = colsWith(root, 'primary_key').map((c) => ident(c.name));
  const mk = colsWith(root, 'merge_key').map((c) => ident(c.name));
  const appendFallback = pk.length + mk.length === 0;
  let rowKey = '"_dlt_id"';
  if (!appendFallback) {
    const clauses = [pk, mk].filter((k) => k.length).map((keys) => keys.map((c) => `d.${c} = s.${c}`).join(' AND '));
    const where = `FROM ${target} AS d WHERE EXISTS (SELECT 1 FROM ${stgRoot} AS s WHERE ${clauses.map((c) => `(${c})`).join(' OR ')})`;
    if (chain.length === 1) {
      sql.push(`DELETE ${where}`);
    } else {
      rowKey = rowKeyCol(root);
      const [create, del] = tempTable(ctx, 'delete', `SELECT d.${rowKey} ${where}`);
      sql.push(create);
      for (const t of chain.slice(1)) sql.push(`DELETE FROM ${q(ctx.dataset, t.name)} WHERE ${rootKeyCol(chain, t)} IN (SELECT * FROM ${del})`);
      sql.push(`DELETE FROM ${target} WHERE ${rowKey} IN (SELECT * FROM ${del})`);
    }
  }
  const hd = hardDeleteCond(root, true);
  const ds = colsWith(root, 'x-valid-from').length ? undefined : completeColumns(root).find((c) => c.dedup_sort);
  const dedupSort: [string, string] | undefined = ds ? [ident(ds.name), ds.dedup_sort!] : undefined;
  const skipDedup = root['x-stage-data-deduplicated'] === true;
  let insertTemp: string | undefined;
  if (chain.length > 1 && (pk.length || hd)) {
    const select = pk.length
      ? skipDedup ? `SELECT ${rowKey} FROM ${stgRoot} WHERE ${hd ? hd[1] : '1 = 1'}` : dedupSelect(stgRoot, pk, [rowKey], dedupSort, hd?.[1], hd ? [hd[0]] : [])
      : `SELECT ${rowKey} FROM ${stgRoot} WHERE ${hd![1]}`;
    const [create, name] = tempTable(ctx, 'insert', select);
    sql.push(create);
    insertTemp = name;
  }
  for (const t of chain) {
    const nested = t !== root;
    let cond = hd ? hd[1] : '1 = 1';
    if ((pk.length && chain.length > 1) || (!pk.length && nested && hd)) {
      cond = `${nested ? rootKeyCol(chain, t) : rowKey} IN (SELECT * FROM ${insertTemp})`;
    }
    const cols = completeColumns(t).map((c) => ident(c.name));
    const stg = staging.get(t.name)!;
    let select: string;
    if (pk.length && chain.length === 1) select = skipDedup ? `SELECT ${cols.join(', ')} FROM ${stg} WHERE ${cond}` : dedupSelect(stg, pk, cols, dedupSort, cond);
    else if (nested) select = skipDedup ? `SELECT ${cols.join(', ')} FROM ${stg} WHERE ${cond}` : dedupSelect(stg, [rowKeyCol(t)], cols, undefined, cond);
    else select = `SELECT ${cols.join(', ')} FROM ${stg} WHERE ${cond}`;
    sql.push(`INSERT INTO ${q(ctx.dataset, t.name)} (${cols.join(', ')}) ${select}`);
  }
  return sql;
}

/** dlt's `gen_upsert_sql`: MERGE on the primary key; nested rows by their (deterministic) row key. */
function upsertSql(ctx: MergeContext, insertOnly: boolean): string[] {
  const { chain, staging } = ctx;
  const sql: string[] = [];
  const root = chain[0]!;
  const stgRoot = staging.get(root.name)!;
  const strategy = insertOnly ? 'insert-only' : 'upsert';
  const pk = colsWith(root, 'primary_key').map((c) => ident(c.name));
  if (!pk.length) {
    throw new MergeError(`No primary key defined for table "${root.name}". primary_key needs to be set when using the ${strategy} merge strategy.`);
  }
  const hd = hardDeleteCond(root, false);
  const cols = completeColumns(root).map((c) => ident(c.name));
  const on = pk.map((c) => `d.${c} = s.${c}`).join(' AND ');
  const insert = `WHEN NOT MATCHED THEN INSERT (${cols.join(', ')}) VALUES (${cols.map((c) => `s.${c}`).join(', ')})`;
  if (insertOnly) {
    const keep = hardDeleteCond(root, true);
    const source = keep ? `(SELECT * FROM ${stgRoot} WHERE ${keep[1]})` : stgRoot;
    sql.push(`MERGE INTO ${q(ctx.dataset, root.name)} AS d USING ${source} AS s ON ${on} ${insert}`);
  } else {
    const del = hd ? `WHEN MATCHED AND (${hd[1].replaceAll(hd[0], `s.${hd[0]}`)}) THEN DELETE ` : '';
    const update = cols.map((c) => `${c} = s.${c}`).join(', ');
    sql.push(`MERGE INTO ${q(ctx.dataset, root.name)} AS d USING ${stgRoot} AS s ON ${on} ${del}WHEN MATCHED THEN UPDATE SET ${update} ${insert}`);
  }
  if (chain.length > 1) {
    const rootRowKey = rowKeyCol(root);
    for (const t of chain.slice(1)) {
      const rk = rowKeyCol(t);
      const stg = staging.get(t.name)!;
      const tc = completeColumns(t).map((c) => ident(c.name));
      const upd = insertOnly ? '' : `WHEN MATCHED THEN UPDATE SET ${tc.map((c) => `${c} = s.${c}`).join(', ')} `;
      sql.push(`MERGE INTO ${q(ctx.dataset, t.name)} AS d USING ${stg} AS s ON d.${rk} = s.${rk} ${upd}WHEN NOT MATCHED THEN INSERT (${tc.join(', ')}) VALUES (${tc.map((c) => `s.${c}`).join(', ')})`);
      if (!insertOnly) {
        const rootKey = rootKeyCol(chain, t);
        // Elements no longer in the list of an updated root row.
        sql.push(`DELETE FROM ${q(ctx.dataset, t.name)} WHERE ${rootKey} IN (SELECT ${rootRowKey} FROM ${stgRoot}) AND ${rk} NOT IN (SELECT ${rk} FROM ${stg})`);
        if (hd) sql.push(`DELETE FROM ${q(ctx.dataset, t.name)} WHERE ${rootKey} IN (SELECT ${rootRowKey} FROM ${stgRoot} WHERE ${hd[1]})`);
      }
    }
  }
  return sql;
}

/** dlt's `gen_scd2_sql`: retire absent row versions, insert new ones as active; nested tables insert-only. */
function scd2Sql(ctx: MergeContext): string[] {
  const { chain, staging } = ctx;
  const sql: string[] = [];
  const root = chain[0]!;
  const target = q(ctx.dataset, root.name);
  const stgRoot = staging.get(root.name)!;
  const fromCol = colsWith(root, 'x-valid-from')[0];
  const toCol = colsWith(root, 'x-valid-to')[0];
  const hashCol = Object.values(root.columns).find((c) => c['x-row-version']);
  if (!fromCol || !toCol || !hashCol) throw new MergeError(`table "${root.name}" has no scd2 validity or row version columns`);
  const from = ident(fromCol.name);
  const to = ident(toCol.name);
  const hash = ident(hashCol.name);
  const boundary = timestampLiteral(root['x-boundary-timestamp'] ?? loadIdTime(ctx.loadId));
  const active = toCol['x-active-record-timestamp'];
  const activeLiteral = active == null ? 'NULL' : timestampLiteral(active);
  const isActive = active == null ? `${to} IS NULL` : `${to} = ${activeLiteral}`;
  let retire = `UPDATE ${target} SET ${to} = ${boundary} WHERE ${isActive} AND ${hash} NOT IN (SELECT ${hash} FROM ${stgRoot})`;
  const mk = colsWith(root, 'merge_key').map((c) => ident(c.name));
  if (mk.length) {
    const key = mk.length === 1 ? mk[0]! : `CONCAT(${mk.join(', ')})`;
    retire += ` AND ${key} IN (SELECT ${key} FROM ${stgRoot})`;
  }
  sql.push(retire);
  const cols = completeColumns(root).map((c) => ident(c.name)).filter((c) => c !== from && c !== to);
  sql.push(
    `INSERT INTO ${target} (${cols.join(', ')}, ${from}, ${to}) SELECT ${cols.join(', ')}, ${boundary} AS ${from}, ${activeLiteral} AS ${to} FROM ${stgRoot} AS s WHERE ${hash} NOT IN (SELECT ${hash} FROM ${target} WHERE ${isActive})`,
  );
  for (const t of chain.slice(1)) {
    const rk = rowKeyCol(t);
    const tc = completeColumns(t).map((c) => ident(c.name));
    sql.push(`INSERT INTO ${q(ctx.dataset, t.name)} (${tc.join(', ')}) SELECT ${tc.join(', ')} FROM ${staging.get(t.name)!} WHERE ${rk} NOT IN (SELECT ${rk} FROM ${q(ctx.dataset, t.name)})`);
  }
  return sql;
}

/** The load package's creation time, dlt's default scd2 boundary: the load id is its Unix time. */
function loadIdTime(loadId: string): string {
  const secs = Number(loadId);
  const d = Number.isFinite(secs) ? new Date(Math.floor(secs * 1000)) : new Date();
  const micros = Number.isFinite(secs) ? (loadId.split('.')[1] ?? '').padEnd(6, '0').slice(0, 6) : String(d.getUTCMilliseconds() * 1000).padStart(6, '0');
  return `${d.toISOString().slice(0, 19)}.${micros}+00:00`;
}

function timestampLiteral(v: string): string {
  return `CAST(${literal(v)} AS TIMESTAMP WITH TIME ZONE)`;
}
