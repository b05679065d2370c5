import { literal } from '../load/duckdb.js';
import { rowCounts } from '../pipeline/inspect.js';
import { isDltTable, type ColumnSchema, type StoredSchema } from '../normalize/schema.js';
import { HttpError } from './http-error.js';
import type { Session } from './session.js';

/** A column as the page lists it: DuckDB's type and nullability, dlt's type and hints. */
export interface CatalogColumn {
  name: string;
  /** DuckDB's type, e.g. `TIMESTAMP WITH TIME ZONE`. */
  type: string;
  /** dlt's data type from the schema (`timestamp`, `json`...), when the schema knows the column. */
  data_type?: string;
  nullable: boolean;
  /** The hints set on the column: primary_key, merge_key, unique, row_key, parent_key, root_key, variant... */
  hints: string[];
  /** For a variant column `<col>__v_<type>`: the column it holds the odd values of. */
  variant_of?: string;
}

/** A table of the dataset with its place in the tree. */
export interface CatalogTable {
  name: string;
  /** The table this one is nested in (`issues` for `issues__labels`). */
  parent?: string;
  rows: number;
  /** `_dlt_loads`, `_dlt_version`, `_dlt_pipeline_state`. */
  system: boolean;
  resource?: string;
  write_disposition?: string;
  columns: CatalogColumn[];
}

const HINTS: readonly (keyof ColumnSchema)[] = [
  'primary_key', 'merge_key', 'unique', 'row_key', 'parent_key', 'root_key', 'variant',
  'incremental', 'hard_delete', 'dedup_sort', 'precision', 'scale',
];

/** A variant column `<base>__v_<type>`: the base column's name and the type its values have. */
export const VARIANT = /^(.+)__v_([a-z0-9_]+)$/;

/**
 * Every table of the dataset as DuckDB has it (so tables created by hand or by
 * dlt itself show too), with row counts, and dlt's schema laid over it for
 * parents and hints. One query for the columns, one for all the counts.
 */
export async function readCatalog(s: Session, opts: { counts?: boolean } = {}): Promise<CatalogTable[]> {
  const cols = await s.db.all<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
    `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_catalog = ${literal(s.db.catalog)} AND table_schema = ${literal(s.dataset)} ORDER BY table_name, ordinal_position`,
  );
  const byTable = new Map<string, typeof cols>();
  for (const c of cols) {
    const list = byTable.get(c.table_name);
    if (list) list.push(c);
    else byTable.set(c.table_name, [c]);
  }
  if (byTable.size === 0) return [];
  // Counting every table scans them all: only the views that show counts ask for them (rows stay 0 otherwise).
  const counts = opts.counts === false ? new Map<string, number>() : await rowCounts(s.db, s.dataset, [...byTable.keys()]);
  const schema = await s.schema();
  const names = new Set(byTable.keys());
  const tables = [...byTable].map(([name, columns]): CatalogTable => {
    const t = schema?.tables[name];
    return {
      name,
      parent: t?.parent ?? guessParent(name, names),
      rows: counts.get(name) ?? 0,
      system: isDltTable(name),
      resource: t?.resource,
      write_disposition: t?.write_disposition,
      columns: columns.map((c) => catalogColumn(c.column_name, c.data_type, c.is_nullable === 'YES', schema, name)),
    };
  });
  return treeOrder(tables);
}

/** One table of the catalog, or a 404 naming the tables there are. */
export async function readTable(s: Session, name: string, opts: { counts?: boolean } = {}): Promise<{ table: CatalogTable; catalog: CatalogTable[] }> {
  const catalog = await readCatalog(s, opts);
  const table = catalog.find((t) => t.name === name);
  if (!table) {
    throw new HttpError(404, `no table "${name}" in dataset ${s.dataset}`,
      catalog.length ? `tables: ${catalog.map((t) => t.name).join(', ')}` : 'the dataset has no tables yet; run the pipeline first');
  }
  return { table, catalog };
}



function catalogColumn(name: string, type: string, nullable: boolean, schema: StoredSchema | undefined, table: string): CatalogColumn {
  const c = schema?.tables[table]?.columns[name];
  const hints = c ? HINTS.filter((h) => c[h] !== undefined && c[h] !== false).map((h) => (c[h] === true ? h : `${h}: ${String(c[h])}`)) : [];
  const variant = VARIANT.exec(name);
  if (variant && !hints.includes('variant')) hints.push('variant');
  return {
    name,
    type,
    ...(c?.data_type ? { data_type: c.data_type } : {}),
    nullable,
    hints,
    ...(variant ? { variant_of: variant[1] } : {}),
  };
}

/** For tables the schema does not know: `a__b__c` is nested in the longest existing `a__b`. */
function guessParent(name: string, names: ReadonlySet<string>): string | undefined {
  if (isDltTable(name)) return undefined;
  const parts = name.split('__');
  for (let i = parts.length - 1; i > 0; i--) {
    const candidate = parts.slice(0, i).join('__');
    if (names.has(candidate)) return candidate;
  }
  return undefined;
}

/** Depth-first: each root table followed by its nested tables; system tables last. */
function treeOrder(tables: CatalogTable[]): CatalogTable[] {
  const known = new Set(tables.map((t) => t.name));
  const children = new Map<string | undefined, CatalogTable[]>();
  for (const t of tables) {
    const key = t.parent && known.has(t.parent) ? t.parent : undefined;
    children.set(key, [...(children.get(key) ?? []), t]);
  }
  const out: CatalogTable[] = [];
  const visit = (t: CatalogTable) => {
    out.push(t);
    for (const c of (children.get(t.name) ?? []).sort(byName)) visit(c);
  };
  const roots = (children.get(undefined) ?? []).sort((a, b) => Number(a.system) - Number(b.system) || byName(a, b));
  for (const r of roots) visit(r);
  return out;
}

const byName = (a: CatalogTable, b: CatalogTable) => a.name.localeCompare(b.name);
