import { RestloadError } from '../../common/errors.js';

/**
 * The two ways a paginator fails, as dlt's ValueErrors do: options that cannot
 * work together (a config mistake, found before any request) and a response
 * the paginator cannot read (found mid-run). Distinct codes let the CLI tell
 * "fix your config" from "the API answered something unexpected".
 */

/** Options that contradict each other or cannot end pagination (exit code 2). */
export function paginatorConfigError(message: string, hint?: string): RestloadError {
  return new RestloadError(message, { code: 'PAGINATOR_CONFIG', hint, exitCode: 2 });
}

/** A response without the value the paginator needs, or with a value of the wrong kind. */
export function paginatorResponseError(message: string, body: unknown, hint?: string): RestloadError {
  return new RestloadError(`${message}; response ${preview(body)}`, { code: 'PAGINATOR_RESPONSE', hint });
}

/** The keys of a response, not its content: bodies can be large and hold personal data. */
function preview(body: unknown): string {
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    return `has keys: ${Object.keys(body).slice(0, 20).join(', ') || '(none)'}`;
  }
  return `is ${Array.isArray(body) ? 'a list' : body === null ? 'null' : typeof body}`;
}
