import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import type { DuckDBConnection, DuckDBInstance as DuckDBInstanceType } from '@duckdb/node-api';

// Loaded through require: the package is ~180 CommonJS files, and importing it
// as ESM made Node scan each for its exports (~0.2 s of every run, profiled).
const { DuckDBInstance } = createRequire(import.meta.url)('@duckdb/node-api') as typeof import('@duckdb/node-api');
import { RestloadError } from '../common/errors.js';

/**
 * The only module that imports @duckdb/node-api: a connection with the few
 * calls restload uses. Values come back as plain JS (bigint, string, number,
 * boolean, null), timestamps as ISO strings.
 */
export interface Database {
  /**
   * The catalog DuckDB gave the file (its name without the extension:
   * `store` for `store.duckdb`). SQL names a dataset's tables with it
   * (`tableRef`): a two-part `store.issues` is ambiguous to DuckDB when the
   * dataset is named like the file.
   */
  readonly catalog: string;
  run(sql: string): Promise<void>;
  all<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Stops the statement running now (it fails with DuckDB's INTERRUPT error). */
  interrupt(): void;
  close(): void;
}

export interface OpenOptions {
  readOnly?: boolean;
  /** DuckDB memory_limit, e.g. '1GB': large loads spill to temp_directory instead of growing. */
  memoryLimit?: string;
  tempDirectory?: string;
  threads?: number;
  /** false lets DuckDB stream large inserts without buffering them in order (less memory). */
  preserveInsertionOrder?: boolean;
}

export async function openDatabase(path: string, opts: OpenOptions = {}): Promise<Database> {
  if (!opts.readOnly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const config: Record<string, string> = {};
  if (opts.readOnly) config.access_mode = 'READ_ONLY';
  if (opts.memoryLimit) config.memory_limit = opts.memoryLimit;
  if (opts.tempDirectory) config.temp_directory = opts.tempDirectory;
  if (opts.threads) config.threads = String(opts.threads);
  if (opts.preserveInsertionOrder === false) config.preserve_insertion_order = 'false';
  let instance: DuckDBInstanceType;
  try {
    instance = await DuckDBInstance.create(path, config);
  } catch (e) {
    const msg = (e as Error).message;
    const locked = /lock|Conflicting lock/i.test(msg);
    throw new RestloadError(`cannot open DuckDB file ${path}: ${msg.split('\n')[0]}`, {
      code: locked ? 'DB_LOCKED' : 'DB_OPEN',
      hint: locked ? 'another process (a running `restload run`, or a DuckDB shell) has the file open; wait for it or close it' : undefined,
      cause: e,
    });
  }
  const conn: DuckDBConnection = await instance.connect();
  // Timestamps without an offset are UTC, as dlt treats them, whatever the machine's zone.
  await conn.run("SET TimeZone = 'UTC'");
  const [{ catalog }] = (await conn.runAndReadAll('SELECT current_database() AS catalog')).getRowObjectsJS() as [{ catalog: string }];
  let inTx = false;
  const db: Database = {
    catalog,
    async run(sql) {
      await conn.run(sql);
    },
    async all<T>(sql: string) {
      const reader = await conn.runAndReadAll(sql);
      return reader.getRowObjectsJS() as T[];
    },
    async transaction(fn) {
      if (inTx) return fn();
      await conn.run('BEGIN TRANSACTION');
      inTx = true;
      try {
        const r = await fn();
        try {
          await conn.run('COMMIT');
        } catch (e) {
          const message = (e as Error).message.split('\n')[0]!;
          throw new RestloadError(`committing to DuckDB file ${path} failed: ${message}`, {
            code: 'LOAD', cause: e, hint: `the transaction was rolled back: tables and state are as before this run${memoryAdvice(message)}`,
          });
        }
        return r;
      } catch (e) {
        try {
          await conn.run('ROLLBACK');
        } catch {
          // The transaction may already be aborted by DuckDB; the original error matters.
        }
        throw e;
      } finally {
        inTx = false;
      }
    },
    interrupt() {
      conn.interrupt();
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
  return db;
}

/** What to do when DuckDB ran out of its memory_limit (appended to a hint), or ''. */
export function memoryAdvice(message: string): string {
  return /Out of Memory/i.test(message) ? '; DuckDB ran out of its memory_limit: raise it with RESTLOAD_DUCKDB_MEMORY_LIMIT (e.g. 1GB) and run again' : '';
}

/** A quoted SQL identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A dataset as SQL must name it: `"catalog"."dataset"`. DuckDB resolves a
 * two-part name as catalog.schema or schema.table, and refuses ("ambiguous
 * reference") when a dataset is named like its file's catalog (dataset
 * `store` in `store.duckdb`, dlt's layout when pipeline and dataset share a
 * name); with the catalog in front there is one reading.
 */
export function schemaRef(db: Pick<Database, 'catalog'>, dataset: string): string {
  return `${ident(db.catalog)}.${ident(dataset)}`;
}

/** A table of a dataset, fully qualified: `"catalog"."dataset"."table"` (see schemaRef). */
export function tableRef(db: Pick<Database, 'catalog'>, dataset: string, table: string): string {
  return `${schemaRef(db, dataset)}.${ident(table)}`;
}

/**
 * `SET search_path` to the dataset, then the file's `main`, both with the
 * catalog, so unqualified table names in a user's query resolve in the
 * dataset whatever it is called.
 */
export async function setSearchPath(db: Database, dataset: string): Promise<void> {
  await db.run(`SET search_path = ${literal(`${schemaRef(db, dataset)},${schemaRef(db, 'main')}`)}`);
}

/** A quoted SQL string literal. */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
