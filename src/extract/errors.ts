import { RestloadError } from '../common/errors.js';
import { redact, redactUrl } from '../common/redact.js';

/** An HTTP request failed for good (after retries). URL and body are masked. */
export class HttpError extends RestloadError {
  readonly method: string;
  readonly url: string;
  readonly status?: number;
  readonly resource?: string;
  readonly bodyStart?: string;

  constructor(opts: { method: string; url: string; status?: number; body?: string; resource?: string; attempts?: number; cause?: unknown; reason?: string }) {
    const url = redactUrl(opts.url);
    const bodyStart = opts.body ? redact(opts.body.slice(0, 300)).replace(/\s+/g, ' ') : undefined;
    const what = opts.status ? `HTTP ${opts.status}` : opts.reason ?? 'request failed';
    const tries = opts.attempts && opts.attempts > 1 ? ` after ${opts.attempts} attempts` : '';
    super(`${opts.method} ${url} failed: ${what}${tries}${bodyStart ? ` — ${bodyStart}` : ''}`, {
      code: 'HTTP',
      cause: opts.cause,
      hint: hintFor(opts.status, opts.reason),
    });
    this.method = opts.method;
    this.url = url;
    this.status = opts.status;
    this.resource = opts.resource;
    this.bodyStart = bodyStart;
  }
}

function hintFor(status?: number, reason?: string): string | undefined {
  if (status === 401 || status === 403) return 'check the credentials (client.auth) and that they grant access to this endpoint';
  if (status === 404) return 'check client.base_url and the endpoint path; to skip missing items, add response_actions: [{status_code: 404, action: ignore}]';
  if (status === 429) return 'the API rate limit was hit; lower max_concurrency, add credentials, or try later';
  if (status && status >= 500) return 'the API failed on its side; try again later';
  if (reason && /ENOTFOUND|EAI_AGAIN/.test(reason)) return 'the host name could not be resolved: check client.base_url and the network';
  if (reason && /ECONNREFUSED/.test(reason)) return 'nothing listens at that address: check client.base_url';
  if (reason && /timed? ?out/i.test(reason)) return 'raise client.timeout, or check the network';
  return undefined;
}

/** The response was not what the config expects (not JSON, a cursor missing...). */
export class ExtractError extends RestloadError {
  constructor(message: string, readonly resource: string, hint?: string, cause?: unknown) {
    super(`resource "${resource}": ${message}`, { code: 'EXTRACT', hint, cause });
  }
}
