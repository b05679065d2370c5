import { findValues } from '../common/json-path.js';
import type { RunWarning } from '../common/run-warning.js';

/**
 * dlt's `data_selector`: which part of a response body holds the records.
 * When none is configured dlt detects one from the first response
 * (`find_response_page_data` in its detector.py) and keeps using it for the
 * following pages; callers should do the same (detect once, then pass it)
 * rather than re-detecting per page.
 */

/** dlt's RECORD_KEY_PATTERNS: names under which APIs usually put the records list. */
export const RECORD_KEYS: ReadonlySet<string> = new Set([
  'data', 'items', 'results', 'entries', 'records', 'rows', 'entities', 'payload', 'content', 'objects', 'values',
]);

/**
 * The records of one page, as dlt's `extract_response` takes them: the
 * selector's matches, unwrapped when there is exactly one. So a matched list
 * gives its items (the same array, not a copy), a matched object is one
 * record, null or no match gives none, and several matches (a wildcard) are
 * the records themselves. Without a selector one is detected from `body`.
 */
export function selectItems(body: unknown, dataSelector: string | undefined): unknown[] {
  const selector = dataSelector || detectDataSelector(body);
  if (selector === undefined) return [];
  const found = findValues(selector, body);
  const data = found.length === 1 ? found[0] : found;
  if (data === undefined || data === null) return [];
  return Array.isArray(data) ? data : [data];
}

/**
 * dlt's data selector detection: a body that is not an object (a top-level
 * list) is the records, `$`. In an object, the lists up to three keys deep
 * are visited depth-first in key order; the first whose key is a known record
 * key wins, else the first list found. An object with no list at all is
 * itself the one record (a single entity, like `/users/{id}`), `$` again.
 * Undefined when there is no body to look at.
 */
export function detectDataSelector(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  if (!isObject(body)) return '$';
  const state: Search = {};
  searchLists(body, [], state);
  const keys = state.record ?? state.first;
  return keys ? keysToPath(keys) : '$';
}

interface Search {
  first?: string[];
  record?: string[];
}

/** dlt's `find_all_lists`, stopping at the first list under a record key. */
function searchLists(obj: Record<string, unknown>, path: string[], state: Search): void {
  if (path.length > 2) return;
  for (const key of Object.keys(obj)) {
    if (state.record) return;
    const value = obj[key];
    if (Array.isArray(value)) {
      const at = [...path, key];
      state.first ??= at;
      if (RECORD_KEYS.has(key)) state.record = at;
    } else if (isObject(value)) {
      searchLists(value, [...path, key], state);
    }
  }
}

const IDENTIFIER = /^[A-Za-z_][\w-]*$/;

/**
 * A JSON path for a list of keys. dlt joins keys with dots, which breaks on
 * keys like `@odata.nextLink`; those are bracket-quoted here instead.
 */
export function keysToPath(keys: readonly string[]): string {
  if (keys.every((k) => IDENTIFIER.test(k))) return keys.join('.');
  return '$' + keys.map((k) => (IDENTIFIER.test(k) ? `.${k}` : k.includes("'") ? `["${k}"]` : `['${k}']`)).join('');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A configured `data_selector` that matches nothing in a response that is
 * not empty: the run would load no rows from it and succeed. The warning
 * names the selector and what the response does have, and suggests the
 * selector dlt would detect. Undefined when the selector matched (even a
 * null or an empty list: an honest empty page) or the response is empty.
 */
export function emptySelectionWarning(resource: string, body: unknown, dataSelector: string): RunWarning | undefined {
  if (body === undefined || body === null || typeof body !== 'object') return undefined;
  const isList = Array.isArray(body);
  if (isList ? body.length === 0 : Object.keys(body).length === 0) return undefined;
  if (findValues(dataSelector, body).length > 0) return undefined;
  const keys = isList ? [] : Object.keys(body);
  const has = isList ? `the response is a list of ${body.length} item${body.length === 1 ? '' : 's'}` : `the response has keys: ${keys.slice(0, 20).join(', ')}${keys.length > 20 ? ', ...' : ''}`;
  const detected = detectDataSelector(body);
  return {
    code: 'DATA_SELECTOR_EMPTY',
    resource,
    message: `data_selector "${dataSelector}" matched nothing, so no rows were taken from the response (${has})`,
    hint: detected && detected !== dataSelector
      ? `point data_selector at the list of records, e.g. data_selector: ${JSON.stringify(detected)} (what restload would pick with no data_selector)`
      : 'point data_selector at the list of records in the response',
  };
}
