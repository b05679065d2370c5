import type { RunWarning } from '../common/run-warning.js';
import { emptySelectionWarning } from './data-selector.js';
import type { PageResponse } from './http-types.js';
import { paginatorNotDetected } from './paginators/not-detected.js';
import type { Paginator } from './paginators/paginator.js';

/**
 * The checks made on the first page of each paging loop, for the silent
 * partial loads a declarative config can make: a data_selector that matches
 * nothing (DATA_SELECTOR_EMPTY) and a lone page read because no paginator
 * was detected (PAGINATOR_NOT_DETECTED). Only the first page is looked at:
 * a later page without records is the usual way a listing ends.
 */
export function firstPageWarnings(page: {
  resource: string;
  response: PageResponse;
  items: unknown[];
  paginator: Paginator;
  /** As configured: a detected selector always matches. */
  configuredSelector: string | undefined;
  usedSelector: string | undefined;
}): RunWarning[] {
  const out: RunWarning[] = [];
  const empty = page.configuredSelector ? emptySelectionWarning(page.resource, page.response.body, page.configuredSelector) : undefined;
  if (empty) out.push(empty);
  const lone = paginatorNotDetected(page.paginator, { resource: page.resource, response: page.response, items: page.items, dataSelector: page.usedSelector });
  if (lone) out.push(lone);
  return out;
}

/**
 * Passes on the first warning of each code per resource: a child resource
 * runs its paging loop once per parent item, and a thousand identical lines
 * would bury the one that matters.
 */
export function oncePerResource(warn: ((w: RunWarning) => void) | undefined): ((w: RunWarning) => void) | undefined {
  if (!warn) return undefined;
  const seen = new Set<string>();
  return (w) => {
    const key = `${w.code}\u0000${w.resource ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    warn(w);
  };
}
