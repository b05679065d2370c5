import { RestloadError } from '../common/errors.js';
import { redact } from '../common/redact.js';

/**
 * An error the page shows to the user as it is: an HTTP status, a sentence
 * saying what is wrong and, where there is one, what to do about it. Any
 * other error becomes a 500 with its (redacted) message.
 */
export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly hint?: string) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The JSON body of an error response: `{ error, hint? }`. */
export interface ErrorBody {
  error: string;
  hint?: string;
}

/** Maps any thrown value to a status and a body fit for the page. */
export function toErrorResponse(e: unknown): { status: number; body: ErrorBody } {
  if (e instanceof HttpError) return { status: e.status, body: clean(e.message, e.hint) };
  if (e instanceof RestloadError) {
    // A run holding the write lock is expected while the page is open: try again later.
    const status = e.code === 'DB_LOCKED' ? 503 : 500;
    return { status, body: clean(e.message, e.hint) };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { status: 500, body: clean(message) };
}

function clean(message: string, hint?: string): ErrorBody {
  return hint ? { error: redact(message), hint: redact(hint) } : { error: redact(message) };
}
