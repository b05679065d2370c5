import { setSearchPath } from '../load/duckdb.js';
import { displayList, type ResultColumn } from './display.js';
import { HttpError } from './http-error.js';
import { toJsonValue } from './json-value.js';
import { firstLine } from './rows.js';
import type { Session } from './session.js';
import { assertSelect, singleReadStatement } from './sql-guard.js';

/** The SQL box shows at most this many rows; the rest stay in DuckDB. */
export const SQL_ROW_CAP = 1000;

export interface SqlResult {
  columns: ResultColumn[];
  rows: unknown[][];
  /** True when the query had more rows than SQL_ROW_CAP. */
  truncated: boolean;
  cap: number;
  ms: number;
}

/**
 * Runs one read-only query from the SQL box. Table names resolve in the
 * pipeline's dataset first (`SELECT * FROM issues` works). The query becomes
 * a subquery capped at SQL_ROW_CAP + 1 rows, so DuckDB stops early and
 * `SELECT * FROM big_table` returns in milliseconds.
 */
export async function runSql(s: Session, input: unknown): Promise<SqlResult> {
  if (typeof input !== 'string') throw new HttpError(400, 'send the query as JSON: {"sql": "SELECT ..."}');
  const statement = singleReadStatement(input);
  await assertSelect(s.db, statement);
  const started = performance.now();
  // Files, URLs and ATTACH are out of bounds: the page shows this pipeline's data only.
  await s.db.run('SET enable_external_access = false');
  await setSearchPath(s.db, s.dataset);
  const inner = `(\n${statement}\n) AS q`;
  // Checked as it will run (wrapped), before DuckDB sees it at all: DESCRIBE too runs it through the planner.
  await assertSelect(s.db, `SELECT * FROM ${inner}`);
  let columns: ResultColumn[];
  try {
    const described = await s.db.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${inner}`);
    columns = described.map((c) => ({ name: c.column_name, type: c.column_type }));
  } catch (e) {
    throw new HttpError(400, firstLine(e));
  }
  const sql = `SELECT ${displayList(columns, 'q.')} FROM ${inner} LIMIT ${SQL_ROW_CAP + 1}`;
  let rows: Record<string, unknown>[];
  try {
    rows = await s.db.all(sql);
  } catch (e) {
    throw new HttpError(400, firstLine(e));
  }
  const truncated = rows.length > SQL_ROW_CAP;
  return {
    columns,
    rows: rows.slice(0, SQL_ROW_CAP).map((r) => columns.map((c) => toJsonValue(r[c.name]))),
    truncated,
    cap: SQL_ROW_CAP,
    ms: Math.round(performance.now() - started),
  };
}
