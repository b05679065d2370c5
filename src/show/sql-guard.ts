import { literal, type Database } from '../load/duckdb.js';
import { HttpError } from './http-error.js';

/** The statements a person may run from the page: all of them only read. */
export const READ_KEYWORDS = ['SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE', 'DESCRIBE', 'SHOW', 'SUMMARIZE', 'PIVOT', 'UNPIVOT'] as const;

/**
 * The SQL box runs one read statement. Three walls stand in front of DuckDB:
 * this lexical check (one statement, starting with a read keyword, for a
 * clear message), DuckDB's own parser (`json_serialize_sql` accepts only
 * SELECT-class statements, see `assertSelect`), and the database itself,
 * opened READ_ONLY with file and network access switched off.
 *
 * Returns the statement without trailing semicolons and comments, ready to
 * be wrapped as a subquery.
 */
export function singleReadStatement(sql: string): string {
  const parts = splitStatements(sql).filter((p) => p.significant);
  if (parts.length === 0) throw new HttpError(400, 'the query is empty', 'write a SELECT, e.g. SELECT * FROM <table> LIMIT 10');
  if (parts.length > 1) throw new HttpError(400, `one statement at a time: this text has ${parts.length}`, 'remove the semicolon-separated statements you do not want to run');
  const text = parts[0]!.text.trim();
  const keyword = /^[A-Za-z]+/.exec(stripLeadingComments(text))?.[0]?.toUpperCase() ?? '';
  if (!(READ_KEYWORDS as readonly string[]).includes(keyword)) {
    throw new HttpError(400, `only read-only queries run here${keyword ? `, not ${keyword}` : ''}`,
      `start the query with one of ${READ_KEYWORDS.join(', ')}; the page never changes the data`);
  }
  return text;
}

/** Asks DuckDB's parser whether `sql` is exactly one SELECT-class statement. */
export async function assertSelect(db: Database, sql: string): Promise<void> {
  const [row] = await db.all<{ j: string }>(`SELECT json_serialize_sql(${literal(sql)}) AS j`);
  const parsed = JSON.parse(row?.j ?? '{}') as { error?: boolean; error_message?: string; statements?: unknown[] };
  if (parsed.error) {
    const msg = parsed.error_message ?? 'the query cannot be parsed';
    if (/only SELECT statements/i.test(msg)) {
      throw new HttpError(400, 'only read-only queries run here', `start the query with one of ${READ_KEYWORDS.join(', ')}`);
    }
    throw new HttpError(400, msg.split('\n')[0]!);
  }
  if (parsed.statements?.length !== 1) throw new HttpError(400, 'one statement at a time');
}

interface Part {
  text: string;
  /** False when the part holds only whitespace and comments. */
  significant: boolean;
}

/** Splits at top-level semicolons, skipping strings, quoted names, dollar quotes and comments. */
export function splitStatements(sql: string): Part[] {
  const parts: Part[] = [];
  let start = 0;
  let significant = false;
  let i = 0;
  const skipTo = (end: string, from: number) => {
    const j = sql.indexOf(end, from);
    return j < 0 ? sql.length : j + end.length;
  };
  while (i < sql.length) {
    const ch = sql[i]!;
    const two = sql.slice(i, i + 2);
    if (two === '--') {
      i = skipTo('\n', i + 2);
    } else if (two === '/*') {
      i = skipTo('*/', i + 2);
    } else if (ch === "'" || ch === '"') {
      significant = true;
      i = skipQuoted(sql, i, ch);
    } else if (ch === '$' && /^\$[A-Za-z_]*\$/.test(sql.slice(i))) {
      significant = true;
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))![0];
      i = skipTo(tag, i + tag.length);
    } else if (ch === ';') {
      parts.push({ text: sql.slice(start, i), significant });
      start = i + 1;
      significant = false;
      i++;
    } else {
      if (!/\s/.test(ch)) significant = true;
      i++;
    }
  }
  parts.push({ text: sql.slice(start), significant });
  return parts;
}

/** A quoted string or name ends at the next quote that is not doubled. */
function skipQuoted(sql: string, from: number, quote: string): number {
  let i = from + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

function stripLeadingComments(sql: string): string {
  let s = sql.trimStart();
  for (;;) {
    if (s.startsWith('--')) s = s.slice(s.indexOf('\n') < 0 ? s.length : s.indexOf('\n') + 1).trimStart();
    else if (s.startsWith('/*')) s = s.slice(s.indexOf('*/') < 0 ? s.length : s.indexOf('*/') + 2).trimStart();
    else if (s.startsWith('(')) s = s.slice(1).trimStart(); // (SELECT ...) UNION (SELECT ...)
    else return s;
  }
}
