import { findValue } from '../../common/json-path.js';
import { paginatorResponseError } from './errors.js';
import { strToBool } from './python-values.js';

/**
 * Reads dlt's `has_more_path` flag. dlt raises when the flag is missing or is
 * not a boolean (a string spelling of one is accepted), rather than guessing:
 * a wrong guess either stops early or never stops.
 */
export function readHasMore(path: string, body: unknown, owner: string): boolean {
  const value = findValue(path, body);
  if (value === undefined || value === null) {
    throw paginatorResponseError(`${owner}: has_more value not found at "${path}"`, body, 'check has_more_path');
  }
  if (typeof value === 'boolean') return value;
  const parsed = typeof value === 'string' ? strToBool(value) : undefined;
  if (parsed === undefined) {
    throw paginatorResponseError(`${owner}: "${path}" is not a boolean, got ${JSON.stringify(value)}`, body, 'check has_more_path');
  }
  return parsed;
}
