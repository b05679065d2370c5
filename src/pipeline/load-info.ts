import { formatWarning, type RunWarning } from '../common/run-warning.js';
import type { RunTrace } from './trace.js';

/** The summary of one completed run, like dlt's LoadInfo. `toString()` prints what dlt prints. */
export class LoadInfo {
  readonly pipelineName: string;
  readonly datasetName: string;
  readonly destinationPath: string;
  readonly loadId: string;
  /** Rows loaded per table (root and nested). */
  readonly rowCounts: Readonly<Record<string, number>>;
  readonly durationMs: number;
  readonly trace: RunTrace;
  /** What the run noticed that may mean rows are missing or changed; empty when all is well. */
  readonly warnings: readonly RunWarning[];
  /**
   * false when the run found nothing new (no rows, no state change): as dlt,
   * no load was committed and `_dlt_loads` has no row for `loadId`.
   */
  readonly loaded: boolean;

  constructor(init: { pipelineName: string; datasetName: string; destinationPath: string; loadId: string; rowCounts: Record<string, number>; durationMs: number; trace: RunTrace; warnings?: readonly RunWarning[]; loaded?: boolean }) {
    this.pipelineName = init.pipelineName;
    this.datasetName = init.datasetName;
    this.destinationPath = init.destinationPath;
    this.loadId = init.loadId;
    this.rowCounts = init.rowCounts;
    this.durationMs = init.durationMs;
    this.trace = init.trace;
    this.warnings = init.warnings ?? [];
    this.loaded = init.loaded ?? true;
  }

  /** The committed loads (dlt's `loads_ids`): none when nothing was new. */
  get loadIds(): string[] {
    return this.loaded ? [this.loadId] : [];
  }

  get totalRows(): number {
    return Object.values(this.rowCounts).reduce((a, b) => a + b, 0);
  }

  toJSON(): Record<string, unknown> {
    return {
      pipeline: this.pipelineName,
      destination: 'duckdb',
      destination_path: this.destinationPath,
      dataset: this.datasetName,
      load_id: this.loadId,
      row_counts: this.rowCounts,
      total_rows: this.totalRows,
      duration_ms: Math.round(this.durationMs),
      requests: this.trace.requests.total,
      retries: this.trace.requests.retries,
      status: this.loaded ? 'loaded' : 'no_new_data',
      warnings: this.warnings,
    };
  }

  toString(): string {
    const secs = (this.durationMs / 1000).toFixed(2);
    const tables = Object.entries(this.rowCounts);
    const width = Math.max(5, ...tables.map(([t]) => t.length));
    const body = this.loaded
      ? [
        `Load package ${this.loadId} is LOADED and contains no failed jobs`,
        '',
        tables.length ? 'Rows loaded:' : 'No rows loaded.',
        ...tables.map(([t, n]) => `  ${t.padEnd(width)}  ${n}`),
      ]
      : ['', `No new rows: load package ${this.loadId} had no data, nothing was loaded.`];
    return [
      `Pipeline ${this.pipelineName} load step completed in ${secs} seconds`,
      `${this.loadIds.length} load package(s) were loaded to destination duckdb and into dataset ${this.datasetName}`,
      `The duckdb destination used duckdb:///${this.destinationPath} location to store data`,
      ...body,
      ...(this.warnings.length ? ['', `Warnings (${this.warnings.length}):`, ...this.warnings.map((w) => `  ${formatWarning(w)}`)] : []),
    ].join('\n');
  }
}

/** Rows per table normalized in a run, like dlt's last_trace.last_normalize_info. */
export class NormalizeInfo {
  constructor(readonly rowCounts: Readonly<Record<string, number>>) {}

  toString(): string {
    const rows = Object.entries(this.rowCounts);
    return ['Normalized data for the following tables:', ...rows.map(([t, n]) => `- ${t}: ${n} row(s)`)].join('\n');
  }
}
