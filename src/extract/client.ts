import { parseJsonBody } from './json-body.js';
import got, { HTTPError, RequestError, type Got, type Response } from 'got';
import { redactUrl } from '../common/redact.js';
import type { Auth } from './auth/auth.js';
import { HttpError } from './errors.js';
import type { HttpSender, PageResponse, RequestSpec } from './http-types.js';

export interface ClientOptions {
  baseUrl: string;
  auth?: Auth;
  /** Milliseconds per attempt. */
  timeoutMs?: number;
  maxRetries?: number;
  /** Give up retrying once this much time (ms) has passed since the first attempt. */
  maxRetryTimeMs?: number;
  /** Seconds of the first retry's backoff, doubled on each retry. */
  backoffFactor?: number;
  /** Called after each finished request, for the trace. */
  onRequest?: (info: RequestInfo) => void;
}

/** One finished request, as the trace records it (URL masked). */
export interface RequestInfo {
  method: string;
  url: string;
  status?: number;
  ms: number;
  retries: number;
  bytes: number;
}

const RETRY_STATUS = [408, 429, 500, 502, 503, 504];

/**
 * The HTTP client of one source, on got: retries with exponential backoff and
 * jitter on 429/5xx/connection errors, honouring Retry-After; a shared pause
 * so that when one worker is told to slow down, all of them do; auth headers
 * dropped on a redirect to another host (got drops Authorization itself, but
 * not an api_key header with another name).
 */
export class HttpClient implements HttpSender {
  private readonly got: Got;
  private pausedUntil = 0;

  constructor(private readonly opts: ClientOptions) {
    const maxRetryTimeMs = opts.maxRetryTimeMs ?? 300_000;
    const backoffMs = (opts.backoffFactor ?? 1) * 1000;
    this.got = got.extend({
      timeout: { request: opts.timeoutMs ?? 60_000 },
      retry: {
        limit: opts.maxRetries ?? 5,
        methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'],
        statusCodes: RETRY_STATUS,
        maxRetryAfter: maxRetryTimeMs,
        calculateDelay: ({ attemptCount, computedValue, retryAfter, error }) => {
          if (computedValue === 0) return 0;
          const started = (error.options.context as { started?: number }).started ?? Date.now();
          const delay = retryAfter !== undefined && retryAfter > 0
            ? retryAfter
            : Math.min(backoffMs * 2 ** (attemptCount - 1), 30_000) * (0.5 + Math.random() / 2);
          if (Date.now() + delay - started > maxRetryTimeMs) return 0;
          if (error.response?.statusCode === 429) this.pausedUntil = Math.max(this.pausedUntil, Date.now() + delay);
          return delay;
        },
      },
      followRedirect: true,
      hooks: {
        beforeRedirect: [
          (options, response) => {
            const from = new URL(response.url);
            const to = options.url instanceof URL ? options.url : new URL(String(options.url));
            if (from.host !== to.host) {
              const authHeaders = (options.context as { authHeaders?: string[] }).authHeaders ?? [];
              for (const h of authHeaders) delete (options.headers as Record<string, unknown>)[h.toLowerCase()];
            }
          },
        ],
      },
    });
  }

  /** Absolute URL for a path: relative paths join the base URL as dlt joins them. */
  resolveUrl(path: string): string {
    if (/^https?:\/\//i.test(path)) return path;
    const base = this.opts.baseUrl.endsWith('/') ? this.opts.baseUrl : `${this.opts.baseUrl}/`;
    return base + path.replace(/^\/+/, '');
  }

  async send(req: RequestSpec, sendOpts: { auth?: boolean; resource?: string; authOverride?: Auth } = {}): Promise<PageResponse> {
    const spec: RequestSpec = { ...req, params: { ...req.params }, headers: { ...req.headers }, cookies: req.cookies && { ...req.cookies } };
    const before = new Set(Object.keys(spec.headers).map((h) => h.toLowerCase()));
    const auth = sendOpts.authOverride ?? this.opts.auth;
    if (sendOpts.auth !== false && auth) await auth.apply(spec, this);
    const authHeaders = Object.keys(spec.headers).filter((h) => !before.has(h.toLowerCase()));
    const url = new URL(this.resolveUrl(spec.url));
    for (const [k, v] of Object.entries(spec.params)) {
      if (v === undefined || v === null) continue;
      if (Array.isArray(v)) for (const item of v) url.searchParams.append(k, String(item));
      else url.searchParams.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
    }
    const headers: Record<string, string> = { 'user-agent': 'restload', accept: 'application/json', ...spec.headers };
    if (spec.cookies && Object.keys(spec.cookies).length) {
      headers.cookie = Object.entries(spec.cookies).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
      authHeaders.push('cookie');
    }
    let body: { json?: unknown; form?: Record<string, unknown>; body?: string } = {};
    if (spec.json !== undefined) body = { json: spec.json };
    else if (spec.data !== undefined) body = typeof spec.data === 'string' ? { body: spec.data } : { form: spec.data as Record<string, unknown> };
    const wait = this.pausedUntil - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const started = Date.now();
    let retries = 0;
    let response: Response<Buffer>;
    try {
      response = await this.got(url, {
        method: spec.method as 'GET',
        // Bodies are decoded here, not by got: see parseJsonBody.
        responseType: 'buffer',
        headers,
        ...body,
        context: { started, authHeaders },
        hooks: { beforeRetry: [() => void retries++] },
      });
    } catch (e) {
      const info = { method: spec.method, url: redactUrl(url.toString()), ms: Date.now() - started, retries, bytes: 0 };
      if (e instanceof HTTPError) {
        this.opts.onRequest?.({ ...info, status: e.response.statusCode });
        // Let response actions see error responses (e.g. ignore a 404).
        return toPage(e.response as Response<Buffer>, spec, true, retries);
      }
      this.opts.onRequest?.(info);
      const re = e as RequestError;
      throw new HttpError({ method: spec.method, url: url.toString(), reason: `${re.code ?? ''} ${re.message}`.trim(), attempts: retries + 1, resource: sendOpts.resource, cause: e });
    }
    this.opts.onRequest?.({ method: spec.method, url: redactUrl(url.toString()), status: response.statusCode, ms: Date.now() - started, retries, bytes: bodyBytes(response.body).length });
    return toPage(response, spec, false, retries);
  }
}

/** Raises an HttpError for an error status that no response action handled. */
export function raiseForStatus(res: PageResponse, resource?: string): void {
  if (res.status >= 400) {
    throw new HttpError({ method: res.request.method, url: res.url, status: res.status, body: res.text(), resource, attempts: (res as { attempts?: number }).attempts });
  }
}

function toPage(response: Response<Buffer>, request: RequestSpec, failed: boolean, retries = 0): PageResponse & { attempts: number } {
  const raw = bodyBytes(response.body);
  let text: string | undefined;
  const textOf = () => (text ??= raw.toString('utf8'));
  let parsed: unknown;
  let parsedOk = false;
  const ct = String(response.headers['content-type'] ?? '');
  if (raw.length && (ct.includes('json') || startsLikeJson(raw))) {
    try {
      parsed = parseJsonBody(raw);
      parsedOk = true;
    } catch {
      // Not JSON after all; the caller decides whether that is an error.
    }
  }
  return {
    status: response.statusCode,
    headers: response.headers as Record<string, string | string[] | undefined>,
    url: response.url,
    body: parsedOk ? parsed : failed || !raw.length ? undefined : textOf(),
    text: textOf,
    request,
    attempts: retries + 1,
  };
}

function bodyBytes(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  return Buffer.from(typeof body === 'string' ? body : '', 'utf8');
}

/** Whether the first non-blank byte opens a JSON array, object or string (a body sent without a JSON content type). */
function startsLikeJson(raw: Buffer): boolean {
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]!;
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
    return b === 0x5b || b === 0x7b || b === 0x22;
  }
  return false;
}
