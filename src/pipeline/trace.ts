import type { RunWarning } from '../common/run-warning.js';
import type { RequestInfo } from '../extract/client.js';

/** A run's trace, as `restload pipeline NAME trace` and the web page show it. */
export interface RunTrace {
  pipeline_name: string;
  load_id?: string;
  started_at: string;
  finished_at?: string;
  /** An interrupted run (Ctrl-C, SIGTERM) is `failed` with error code INTERRUPTED. */
  status: 'running' | 'completed' | 'failed';
  /** false when the run found nothing to load (no rows, no state change): no load package was committed, as in dlt. */
  loaded?: boolean;
  steps: { step: 'extract' | 'normalize' | 'load'; started_at: string; finished_at?: string; ms?: number }[];
  resources: Record<string, { pages: number; items: number; requests: number; retries: number; paginator?: string; one_page_warning?: boolean }>;
  requests: { total: number; retries: number; failed: number; bytes: number; slowest?: RequestInfo };
  row_counts: Record<string, number>;
  new_columns: { table: string; column: string; variant: boolean }[];
  /** What the run noticed that may mean rows are missing or changed (see RunWarning). */
  warnings?: RunWarning[];
  /** Files in the run's load package (one or more per table). */
  package_files?: number;
  /** Items normalized through the row plans (the fast path); the rest took dlt's full path. */
  fast_items?: number;
  error?: { message: string; code: string; hint?: string };
}

export function newTrace(pipelineName: string): RunTrace {
  return {
    pipeline_name: pipelineName,
    started_at: new Date().toISOString(),
    status: 'running',
    steps: [],
    resources: {},
    requests: { total: 0, retries: 0, failed: 0, bytes: 0 },
    row_counts: {},
    new_columns: [],
  };
}

/** Starts a step; the returned function ends it. */
export function startStep(trace: RunTrace, step: RunTrace['steps'][number]['step']): () => void {
  const entry: RunTrace['steps'][number] = { step, started_at: new Date().toISOString() };
  trace.steps.push(entry);
  const t0 = performance.now();
  return () => {
    entry.finished_at = new Date().toISOString();
    entry.ms = Math.round(performance.now() - t0);
  };
}
