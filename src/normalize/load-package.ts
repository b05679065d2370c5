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

/** Writes normalized rows into a load package's per-table files, buffered. */
export class LoadPackageWriter implements RowSink {
  private readonly buffers = new Map<string, { fd: number; text: string; file: string }>();
  readonly rowCounts: Record<string, number> = {};

  constructor(readonly loadId: string, readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  write(table: string, row: Record<string, unknown>): void {
    let b = this.buffers.get(table);
    if (!b) {
      const file = join(this.dir, `${table}.jsonl`);
      b = { fd: openSync(file, 'w'), text: '', file };
      this.buffers.set(table, b);
    }
    b.text += JSON.stringify(row) + '\n';
    this.rowCounts[table] = (this.rowCounts[table] ?? 0) + 1;
    if (b.text.length > FLUSH_AT) {
      writeSync(b.fd, b.text);
      b.text = '';
    }
  }

  /** Flushes and closes every file; the package is complete. */
  close(): LoadPackage {
    const files: Record<string, string[]> = {};
    for (const [table, b] of this.buffers) {
      if (b.text) writeSync(b.fd, b.text);
      closeSync(b.fd);
      files[table] = [b.file];
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
