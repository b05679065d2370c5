/**
 * Secret masking at the boundary: config interpolation registers every secret
 * it resolves, auth registers tokens it obtains, and every message that leaves
 * the process (logs, errors, traces, state, the web page) goes through `redact`.
 */
const secrets = new Set<string>();

/** Query parameters whose values are masked in any URL shown to a user (as dlt's redaction does). */
export const SENSITIVE_PARAMS = new Set([
  'api_key', 'apikey', 'api-key', 'token', 'access_token', 'refresh_token', 'key', 'password', 'secret',
  'client_secret', 'client_id', 'private_token', 'auth', 'authorization', 'signature', 'sig', 'session',
  'x-api-key', 'appid', 'app_key', 'apitoken', 'auth_token', 'id_token',
]);

export const MASK = '***';

export function registerSecret(value: unknown): void {
  // Very short values would mask unrelated text everywhere; they are not real secrets anyway.
  if (typeof value === 'string' && value.length >= 4) secrets.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(MASK);
  return out;
}

/** A URL with credentials, sensitive query values and registered secrets masked. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username) u.username = MASK;
    if (u.password) u.password = MASK;
    for (const k of [...u.searchParams.keys()]) {
      if (SENSITIVE_PARAMS.has(k.toLowerCase())) u.searchParams.set(k, MASK);
    }
    return redact(decodeURI(u.toString()));
  } catch {
    return redact(url);
  }
}

/** Header values that are always masked when headers are shown. */
export function redactHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(headers)) {
    const lk = k.toLowerCase();
    out[k] = lk === 'authorization' || lk === 'cookie' || lk.includes('key') || lk.includes('token') ? MASK : v;
  }
  return out;
}
