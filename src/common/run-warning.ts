/**
 * Something a run noticed that may mean rows are missing or were changed on
 * the way in, though the run itself succeeded. Warnings are printed after
 * the load summary (and on stderr), carried by `--json`, kept in the trace
 * and shown by `pipeline show`: a cron job's log says why a table is short.
 */
export interface RunWarning {
  code: RunWarningCode;
  /** The resource it concerns, when there is one. */
  resource?: string;
  /** What was seen, in one sentence. */
  message: string;
  /** What to do about it (a config line to add, a setting to check). */
  hint?: string;
}

/** The kinds of warning, each spelt once. */
export const RUN_WARNING_CODES = [
  /** One page fetched: no paginator was set and none was detected, and the page looked full. */
  'PAGINATOR_NOT_DETECTED',
  /** A data_selector matched nothing in a response that was not empty. */
  'DATA_SELECTOR_EMPTY',
  /** Two keys of one object normalize to the same column (or nested table) name. */
  'KEY_COLLISION',
  /** The destination held no state for this pipeline: incremental cursors start from initial_value. */
  'STATE_RESET',
  /** Anything else worth a look. */
  'NOTICE',
] as const;

export type RunWarningCode = (typeof RUN_WARNING_CODES)[number];

/** One line for stderr or the summary: `resource: message (hint)`. */
export function formatWarning(w: RunWarning): string {
  return `${w.resource ? `${w.resource}: ` : ''}${w.message}${w.hint ? `\n    ${w.hint}` : ''}`;
}

/** Drops repeats (same code, resource and message), keeping the first. */
export function uniqueWarnings(ws: readonly RunWarning[]): RunWarning[] {
  const seen = new Set<string>();
  return ws.filter((w) => {
    const k = `${w.code}\u0000${w.resource ?? ''}\u0000${w.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
