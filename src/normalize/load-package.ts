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

/** Flush a table's text to disk past this many characters: bounds memory per table. */
const FLUSH_AT = 1 << 20;
/**
 * Start a new file for a table past this many bytes. Each file is loaded by
 * its own INSERT, so DuckDB's memory during the load is bounded by a file,
 * not by the run (a 1M-row run loaded as one statement peaked near 1 GB),
 * and a finished file can be loaded while the next one is written.
 */
const ROTATE_AT = 16 << 20;

export interface WriterOptions {
  /** Start a new file for a table past this many bytes (default 16 MB). */
  fileMaxBytes?: number;
  /** Called when a table's file is finished (rotated) before the package is: it may be loaded now. */
  onFileDone?: (table: string, file: string) => void;
}

interface TableFile {
  table: string;
  fd: number;
  file: string;
  /** JSON lines not yet on disk, joined once per flush (profiled: cheaper than growing one string row by row). */
  lines: string[];
  chars: number;
  bytes: number;
  done: string[];
}

/** Writes normalized rows into a load package's per-table files, buffered. */
export class LoadPackageWriter implements RowSink {
  private readonly tables = new Map<string, TableFile>();
  readonly rowCounts: Record<string, number> = {};

  constructor(readonly loadId: string, readonly dir: string, private readonly opts: WriterOptions = {}) {
    mkdirSync(dir, { recursive: true });
  }

  write(table: string, row: Record<string, unknown>): void {
    let t = this.tables.get(table);
    if (!t) {
      const file = join(this.dir, `${table}.0.jsonl`);
      t = { table, fd: openSync(file, 'w'), file, lines: [], chars: 0, bytes: 0, done: [] };
      this.tables.set(table, t);
    }
    const json = JSON.stringify(row);
    t.lines.push(json);
    t.chars += json.length;
    this.rowCounts[table] = (this.rowCounts[table] ?? 0) + 1;
    if (t.chars > FLUSH_AT || (this.opts.fileMaxBytes !== undefined && t.chars > this.opts.fileMaxBytes)) {
      this.writeOut(t);
      if (t.bytes > (this.opts.fileMaxBytes ?? ROTATE_AT)) {
        closeSync(t.fd);
        t.done.push(t.file);
        this.opts.onFileDone?.(table, t.file);
        t.file = join(this.dir, `${t.table}.${t.done.length}.jsonl`);
        t.fd = openSync(t.file, 'w');
        t.bytes = 0;
      }
    }
  }

  /** Flushes and closes every file; the package is complete. */
  close(): LoadPackage {
    const files: Record<string, string[]> = {};
    for (const [table, t] of this.tables) {
      this.writeOut(t);
      closeSync(t.fd);
      files[table] = [...t.done, t.file];
    }
    this.tables.clear();
    return { loadId: this.loadId, dir: this.dir, files, rowCounts: { ...this.rowCounts } };
  }

  /** Closes files without completing the package (the run failed). */
  abort(): void {
    for (const t of this.tables.values()) closeSync(t.fd);
    this.tables.clear();
  }

  private writeOut(t: TableFile): void {
    if (!t.lines.length) return;
    t.bytes += writeSync(t.fd, t.lines.join('\n') + '\n');
    t.lines.length = 0;
    t.chars = 0;
  }
}
