import { isRound } from '../common/round-count.js';
export { isRound };
import type { RunTrace } from '../pipeline/trace.js';
import { VARIANT, type CatalogTable } from './catalog.js';

const ROUND_HINT = 'a round number is often the size of one page: check that the paginator follows every page';

/** Something a user should look at before trusting the data. */
export interface ShowWarning {
  kind: 'no_data' | 'failed_run' | 'unfinished_run' | 'one_page' | 'round_count' | 'new_variant';
  level: 'error' | 'warning';
  message: string;
  hint?: string;
  resource?: string;
  table?: string;
}

/**
 * The mistakes a declarative config makes silently: a paginated endpoint
 * read as one page (a missing or wrong paginator loads the first page and
 * stops, with no error), a row count that is exactly a page size, values that
 * did not fit their column and went to a variant column; and a last run that
 * failed, which left the data as it was before it.
 */
const ONE_PAGE_MIN_ITEMS = 10;

export function computeWarnings(trace: RunTrace | undefined, catalog: CatalogTable[]): ShowWarning[] {
  const out: ShowWarning[] = [];
  if (trace?.status === 'failed') {
    out.push({
      kind: 'failed_run', level: 'error',
      message: `the last run (${trace.started_at}) failed: ${trace.error?.message ?? 'no error recorded'}; the tables and state are as the load before it left them`,
      ...(trace.error?.hint ? { hint: trace.error.hint } : {}),
    });
  } else if (trace?.status === 'running') {
    out.push({
      kind: 'unfinished_run', level: 'warning',
      message: `the last run (started ${trace.started_at}) has not finished: it is running now, or it was killed`,
      hint: 'a killed run changed nothing; run it again',
    });
  }
  const warned = new Set<string>();
  for (const [resource, r] of Object.entries(trace?.resources ?? {})) {
    // A lone page with a handful of items is an honest small result (an incremental
    // run that found little new); a full-looking one is how a missing paginator shows.
    if (r.one_page_warning || (r.pages === 1 && r.items >= ONE_PAGE_MIN_ITEMS && r.paginator !== 'single_page')) {
      const auto = r.paginator?.startsWith('auto') ?? false;
      out.push({
        kind: 'one_page', level: 'warning', resource,
        message: `${resource} loaded exactly one page (${plural(r.items, 'item')}) with paginator ${r.paginator ?? 'unknown'}`,
        hint: auto && r.paginator?.includes('single_page')
          ? 'no paginator was detected, so only the first page was read; if the endpoint has more pages, set endpoint.paginator'
          : 'if the endpoint has more than one page, the paginator did not find the next one: check endpoint.paginator; if one page is right, set paginator: single_page',
      });
    }
    if (isRound(r.items)) {
      warned.add(resource);
      out.push({
        kind: 'round_count', level: 'warning', resource,
        message: `${resource} returned exactly ${plural(r.items, 'item')} in the last run`,
        hint: ROUND_HINT,
      });
    }
  }
  for (const t of catalog) {
    if (t.system || t.parent || !isRound(t.rows) || (t.resource && warned.has(t.resource))) continue;
    out.push({
      kind: 'round_count', level: 'warning', table: t.name,
      message: `table ${t.name} has exactly ${t.rows} rows`,
      hint: ROUND_HINT,
    });
  }
  for (const c of trace?.new_columns ?? []) {
    if (!c.variant) continue;
    const base = VARIANT.exec(c.column);
    const baseType = base && catalog.find((t) => t.name === c.table)?.columns.find((col) => col.name === base[1]);
    out.push({
      kind: 'new_variant', level: 'warning', table: c.table,
      message: `variant column ${c.table}.${c.column} appeared in the last load: some values of ${c.table}.${base?.[1] ?? '?'}${baseType ? ` (${baseType.data_type ?? baseType.type})` : ''} are ${base?.[2] ?? 'of another type'}`,
      hint: `queries on ${base?.[1] ?? 'the column'} miss those values; coalesce the two columns, or declare the column's type under the resource's columns`,
    });
  }
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
