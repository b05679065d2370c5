import type { StoredSchema } from '../normalize/schema.js';
import { migrateTable, readExistingTables, type ExistingTables } from './ddl.js';
import type { Database } from './duckdb.js';
import { insertFiles, type RootTableJob } from './loader.js';
import { ensureSystemTables } from './system-tables.js';

/**
 * Loads package files into DuckDB while the extract goes on, inside the
 * run's one transaction: the loader works on DuckDB's threads while the
 * JavaScript thread fetches and normalizes the next pages, instead of the
 * two taking turns. Only tables of append resources stream (their rows go
 * in as they are; replace and merge need the whole run's rows first, so
 * loadPackage handles them at the end). A file is loaded once the writer
 * has finished it; tables get their new columns first (DuckDB allows ALTER
 * TABLE after inserts in the same transaction; rows of earlier files read
 * the new columns as NULL, as they would at the end). Nothing is
 * committed here: a failed run rolls all of it back.
 */
export class StreamingLoad {
  /** Files inserted so far: loadPackage skips them. */
  readonly loaded = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  private failure: unknown;
  private existing?: ExistingTables;

  constructor(
    private readonly db: Database,
    private readonly dataset: string,
    private readonly schema: StoredSchema,
    private readonly roots: readonly RootTableJob[],
  ) {}

  /** A package file of `table` is complete: queue its insert when the table streams. */
  fileDone(table: string, file: string): void {
    if (this.failure !== undefined || !this.streams(table)) return;
    this.queue = this.queue.then(() => this.insert(table, file)).catch((e: unknown) => {
      this.failure ??= e;
    });
  }

  /** Waits for queued inserts; throws the first failure. */
  async finish(): Promise<void> {
    await this.queue;
    if (this.failure !== undefined) throw this.failure;
  }

  /** Waits for the insert in flight, if any, without throwing: before a rollback on the same connection. */
  async settle(): Promise<void> {
    this.failure ??= new Error('the run failed');
    await this.queue;
  }

  private async insert(table: string, file: string): Promise<void> {
    if (this.failure !== undefined) return;
    const current = this.schema.tables[table];
    if (!current) return;
    // The normalizer keeps adding columns while this awaits: DDL and INSERT must see one version of the table.
    const t = { ...current, columns: { ...current.columns } };
    if (!this.existing) {
      await ensureSystemTables(this.db, this.dataset);
      this.existing = await readExistingTables(this.db, this.dataset);
    }
    await migrateTable(this.db, this.dataset, t, this.existing);
    await insertFiles(this.db, this.dataset, t, [file]);
    this.loaded.add(file);
  }

  /** Every resource writing the table's root table appends. */
  private streams(table: string): boolean {
    let t = this.schema.tables[table];
    while (t?.parent) t = this.schema.tables[t.parent];
    if (!t) return false;
    const jobs = this.roots.filter((r) => r.table === t!.name);
    return jobs.length > 0 && jobs.every((r) => r.disposition === 'append');
  }
}
