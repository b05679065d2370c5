import { ident } from '../load/duckdb.js';

/** A result column as the page shows it: its name and its DuckDB type. */
export interface ResultColumn {
  name: string;
  type: string;
}

/**
 * Types whose JS value from DuckDB is what a person expects to read. Every
 * other type (timestamps, decimals, time, intervals, blobs, uuids, hugeints)
 * is cast to VARCHAR in SQL, so the page shows exactly what the DuckDB shell
 * shows: `2024-02-01 10:00:00+00`, `1.50`, not a rounded float or a count of
 * microseconds.
 */
const NATIVE = /^(BOOLEAN|TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER|FLOAT|DOUBLE|VARCHAR|JSON)$/;

/** Nested types are kept nested, so the page can show them as expandable JSON. */
const NESTED = /(\[\d*\]$)|^(STRUCT|MAP|UNION)\(/;

/** The SELECT-list entry that reads `column` for display. */
export function displayExpr(column: ResultColumn, source = ''): string {
  const ref = `${source}${ident(column.name)}`;
  const type = column.type.toUpperCase();
  if (NATIVE.test(type) || NESTED.test(type)) return ref;
  return `CAST(${ref} AS VARCHAR) AS ${ident(column.name)}`;
}

/** The whole SELECT list for these columns, in their order. */
export function displayList(columns: readonly ResultColumn[], source = ''): string {
  return columns.map((c) => displayExpr(c, source)).join(', ');
}
