import { RestloadError } from '../../common/errors.js';
import { redact, redactUrl, registerSecret } from '../../common/redact.js';
import type { HttpSender, PageResponse, RequestSpec } from '../http-types.js';
import type { Auth } from './auth.js';
import { setHeader } from './headers.js';

/** Settings of the client credentials flow, named as in dlt's OAuth2ClientCredentials. */
export interface OAuth2ClientCredentialsOptions {
  accessTokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Extra form fields; they are merged last, so they may override the standard ones (as in dlt). */
  accessTokenRequestData?: Record<string, string | number | boolean>;
  /** Seconds a token lives when the response has no `expires_in` (dlt default 3600). */
  defaultTokenExpiration?: number;
  /** dlt's `session`: sends the token requests instead of the client's sender. */
  session?: HttpSender;
  /** Clock in milliseconds; injectable so expiry can be tested without waiting. */
  now?: () => number;
}

/** A token is renewed this long before it expires (at most a tenth of its life), so it does not expire in flight. */
export const REFRESH_MARGIN_MS = 60_000;

interface CachedToken {
  value: string;
  refreshAt: number;
}

/**
 * dlt's OAuth2ClientCredentials: POSTs a form with grant_type, client_id and
 * client_secret in the body (dlt sends no basic auth header) to
 * `access_token_url`, then sends `Authorization: Bearer <access_token>`.
 * The token is cached, shared by concurrent requests, and fetched again
 * shortly before `expires_in` runs out.
 */
export class OAuth2ClientCredentials implements Auth {
  private cached?: CachedToken;
  private pending?: Promise<string>;
  private readonly now: () => number;

  constructor(private readonly opts: OAuth2ClientCredentialsOptions) {
    registerSecret(opts.clientId);
    registerSecret(opts.clientSecret);
    this.now = opts.now ?? Date.now;
  }

  async apply(req: RequestSpec, http: HttpSender): Promise<void> {
    setHeader(req.headers, 'Authorization', `Bearer ${await this.token(http)}`);
  }

  describe(): string {
    return `oauth2_client_credentials(${redactUrl(this.opts.accessTokenUrl)})`;
  }

  /** The cached token, or one fetched now; concurrent callers wait for the same fetch. */
  private token(http: HttpSender): Promise<string> {
    if (this.cached && this.now() < this.cached.refreshAt) return Promise.resolve(this.cached.value);
    this.pending ??= this.obtain(this.opts.session ?? http).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async obtain(http: HttpSender): Promise<string> {
    let res: PageResponse;
    try {
      res = await http.send(this.tokenRequest(), { auth: false });
    } catch (err) {
      throw this.failure(err instanceof Error ? err.message : String(err), err);
    }
    if (res.status >= 400) throw this.failure(`HTTP ${res.status}: ${excerpt(res.text())}`);
    const body = isRecord(res.body) ? res.body : {};
    const token = body['access_token'];
    if (typeof token !== 'string' || token === '') {
      throw this.failure(`the response has no access_token: ${excerpt(res.text())}`);
    }
    registerSecret(token);
    const lifetimeMs = expiresInSeconds(body, this.opts.defaultTokenExpiration ?? 3600) * 1000;
    this.cached = { value: token, refreshAt: this.now() + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 10) };
    return token;
  }

  /** The same request dlt's build_access_token_request makes. */
  private tokenRequest(): RequestSpec {
    const data: Record<string, string> = {
      client_id: this.opts.clientId,
      client_secret: this.opts.clientSecret,
      grant_type: 'client_credentials',
    };
    for (const [k, v] of Object.entries(this.opts.accessTokenRequestData ?? {})) data[k] = String(v);
    return {
      method: 'POST',
      url: this.opts.accessTokenUrl,
      params: {},
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      data,
    };
  }

  private failure(detail: string, cause?: unknown): RestloadError {
    return new RestloadError(
      redact(`could not obtain an OAuth2 access token from ${redactUrl(this.opts.accessTokenUrl)}: ${detail}`),
      {
        code: 'AUTH_TOKEN_FAILED',
        hint: 'check access_token_url, client_id, client_secret and access_token_request_data',
        cause,
      },
    );
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `expires_in` as a number of seconds (numbers or numeric strings, like dlt's int()); otherwise the default. */
function expiresInSeconds(body: Record<string, unknown>, fallback: number): number {
  const raw = body['expires_in'];
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  return Number.isFinite(n) ? Math.trunc(n) : fallback;
}

/** The start of a response body for an error message, with secrets masked. */
function excerpt(text: string): string {
  const t = text.trim();
  return redact(t.length > 300 ? `${t.slice(0, 300)}...` : t || '(empty body)');
}
