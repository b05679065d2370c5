import { ident, literal, tableRef, type Database } from '../load/duckdb.js';
import type { CatalogTable } from './catalog.js';
import { displayList, type ResultColumn } from './display.js';
import { HttpError } from './http-error.js';
import { toJsonValue } from './json-value.js';
import type { Session } from './session.js';

/** One page of a table, as the page asks for it. */
export interface RowsRequest {
  offset: number;
  limit: number;
  sort?: string;
  desc: boolean;
  /** Only rows where `column = value` (how a parent row leads to its nested rows). */
  where?: { column: string; value: string };
}

export interface RowsPage {
  table: string;
  columns: ResultColumn[];
  /** Values in the order of `columns`. */
  rows: unknown[][];
  /** Rows matching the filter, counted by DuckDB. */
  total: number;
  offset: number;
  limit: number;
  sort?: string;
  desc: boolean;
  where?: { column: string; value: string };
}

export const MAX_PAGE = 500;
export const DEFAULT_PAGE = 50;

/** Reads and checks the paging parameters of a query string; a bad value is a 400 that says which. */
export function parseRowsRequest(q: URLSearchParams): RowsRequest {
  const offset = intParam(q, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = intParam(q, 'limit', DEFAULT_PAGE, 1, MAX_PAGE);
  const sort = q.get('sort') || undefined;
  const desc = q.get('desc') === '1' || q.get('desc') === 'true';
  const whereCol = q.get('where') || undefined;
  const eq = q.get('eq');
  if (whereCol && eq === null) throw new HttpError(400, `"where=${whereCol}" needs a value: add "eq=<value>"`);
  return { offset, limit, sort, desc, ...(whereCol ? { where: { column: whereCol, value: eq ?? '' } } : {}) };
}

function intParam(q: URLSearchParams, name: string, dflt: number, min: number, max: number): number {
  const raw = q.get(name);
  if (raw === null || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new HttpError(400, `"${name}" must be a whole number from ${min} to ${max}, not "${raw}"`);
  return n;
}

/**
 * The two statements for a page: the rows and the count. Paging, sorting
 * and filtering all happen in DuckDB (top-N sort, LIMIT/OFFSET), so a page
 * of a million-row table costs the same to the browser as a page of ten.
 * Column names are checked against the table and quoted; the filter value is
 * a quoted literal that DuckDB casts to the column's type. The table is named
 * with the file's catalog (see tableRef).
 */
export function rowsSql(db: Pick<Database, 'catalog'>, dataset: string, table: CatalogTable, r: RowsRequest): { rows: string; count: string } {
  const names = new Set(table.columns.map((c) => c.name));
  const check = (col: string, what: string) => {
    if (!names.has(col)) throw new HttpError(400, `cannot ${what} by "${col}": table ${table.name} has no such column`, `columns: ${[...names].join(', ')}`);
  };
  const from = tableRef(db, dataset, table.name);
  let where = '';
  if (r.where) {
    check(r.where.column, 'filter');
    where = ` WHERE ${ident(r.where.column)} = ${literal(r.where.value)}`;
  }
  let order = '';
  if (r.sort) {
    check(r.sort, 'sort');
    // _dlt_id breaks ties so that rows do not move between pages.
    const tie = r.sort !== '_dlt_id' && names.has('_dlt_id') ? `, ${ident('_dlt_id')}` : '';
    order = ` ORDER BY ${ident(r.sort)} ${r.desc ? 'DESC' : 'ASC'} NULLS LAST${tie}`;
  }
  return {
    rows: `SELECT ${displayList(table.columns)} FROM ${from}${where}${order} LIMIT ${r.limit} OFFSET ${r.offset}`,
    count: `SELECT count(*) AS n FROM ${from}${where}`,
  };
}

export async function readRows(s: Session, table: CatalogTable, r: RowsRequest): Promise<RowsPage> {
  const sql = rowsSql(s.db, s.dataset, table, r);
  let rows: Record<string, unknown>[];
  let count: { n: bigint }[];
  try {
    rows = await s.db.all(sql.rows);
    count = await s.db.all<{ n: bigint }>(sql.count);
  } catch (e) {
    // The only input DuckDB can reject here is the filter value (e.g. text for a number column).
    if (r.where) throw new HttpError(400, `cannot filter ${table.name}.${r.where.column} by "${r.where.value}": ${firstLine(e)}`);
    throw e;
  }
  const columns = table.columns.map((c) => ({ name: c.name, type: c.type }));
  return {
    table: table.name,
    columns,
    rows: rows.map((row) => columns.map((c) => toJsonValue(row[c.name]))),
    total: Number(count[0]?.n ?? 0),
    offset: r.offset,
    limit: r.limit,
    ...(r.sort ? { sort: r.sort } : {}),
    desc: r.desc,
    ...(r.where ? { where: r.where } : {}),
  };
}

/** For one row of `table`: its nested rows in each child table, counted. */
export async function nestedCounts(s: Session, catalog: CatalogTable[], table: CatalogTable, rowId: string): Promise<{ table: string; rows: number }[]> {
  const children = catalog.filter((t) => t.parent === table.name && t.columns.some((c) => c.name === '_dlt_parent_id'));
  if (!children.length) return [];
  const sql = children
    .map((c) => `SELECT ${literal(c.name)} AS t, count(*) AS n FROM ${tableRef(s.db, s.dataset, c.name)} WHERE _dlt_parent_id = ${literal(rowId)}`)
    .join(' UNION ALL ');
  const counts = new Map((await s.db.all<{ t: string; n: bigint }>(sql)).map((r) => [r.t, Number(r.n)]));
  return children.map((c) => ({ table: c.name, rows: counts.get(c.name) ?? 0 }));
}

export function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
}
