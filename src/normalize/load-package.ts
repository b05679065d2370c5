import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { RowSink } from './normalizer.js';

/**
 * A load package, as dlt calls it: the normalized rows of one run, one
 * newline-delimited JSON file per table, waiting to be loaded in one
 * transaction. Rows live on disk, not in memory, however large the run.
 */
export interface LoadPackage {
  loadId: string;
  dir: string;
  /** Files per normalized table name. */
  files: Record<string, string[]>;
  rowCounts: Record<string, number>;
}

/** Flush a table's buffer to disk past this many characters: bounds memory per table. */
const FLUSH_AT = 1 << 20;
/**
 * Start a new file for a table past this many bytes. Each file is loaded by
 * its own INSERT, so DuckDB's memory during the load is bounded by a file,
 * not by the run: a 1M-row run loaded as one statement peaked near 1 GB.
 */
const ROTATE_AT = 64 << 20;

/** Writes normalized rows into a load package's per-table files, buffered. */
export class LoadPackageWriter implements RowSink {
  private readonly buffers = new Map<string, { fd: number; text: string; file: string; bytes: number; done: string[] }>();
  readonly rowCounts: Record<string, number> = {};

  constructor(readonly loadId: string, readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  write(table: string, row: Record<string, unknown>): void {
    let b = this.buffers.get(table);
    if (!b) {
      const file = join(this.dir, `${table}.0.jsonl`);
      b = { fd: openSync(file, 'w'), text: '', file, bytes: 0, done: [] };
      this.buffers.set(table, b);
    }
    b.text += JSON.stringify(row) + '\n';
    this.rowCounts[table] = (this.rowCounts[table] ?? 0) + 1;
    if (b.text.length > FLUSH_AT) {
      b.bytes += writeSync(b.fd, b.text);
      b.text = '';
      if (b.bytes > ROTATE_AT) {
        closeSync(b.fd);
        b.done.push(b.file);
        b.file = join(this.dir, `${table}.${b.done.length}.jsonl`);
        b.fd = openSync(b.file, 'w');
        b.bytes = 0;
      }
    }
  }

  /** Flushes and closes every file; the package is complete. */
  close(): LoadPackage {
    const files: Record<string, string[]> = {};
    for (const [table, b] of this.buffers) {
      if (b.text) writeSync(b.fd, b.text);
      closeSync(b.fd);
      files[table] = [...b.done, b.file];
    }
    this.buffers.clear();
    return { loadId: this.loadId, dir: this.dir, files, rowCounts: { ...this.rowCounts } };
  }

  /** Closes files without completing the package (the run failed). */
  abort(): void {
    for (const b of this.buffers.values()) closeSync(b.fd);
    this.buffers.clear();
  }
}
