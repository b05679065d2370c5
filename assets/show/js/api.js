// The JSON API of this server (src/show/api.ts). Errors come back as
// { error, hint } with an HTTP status; they are thrown as ApiError so views
// can show both lines.

export class ApiError extends Error {
  constructor(status, message, hint) {
    super(message);
    this.status = status;
    this.hint = hint;
  }
}

async function parse(res) {
  let body;
  try {
    body = await res.json();
  } catch {
    throw new ApiError(res.status, `the server answered ${res.status} without JSON`);
  }
  if (!res.ok) throw new ApiError(res.status, body.error ?? `HTTP ${res.status}`, body.hint);
  return body;
}

/** GET /api/<path>?params (undefined and empty params are left out). */
export async function get(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const qs = q.toString();
  let res;
  try {
    res = await fetch(`api/${path}${qs ? `?${qs}` : ''}`, { headers: { accept: 'application/json' } });
  } catch {
    throw new ApiError(0, 'the restload server does not answer', 'is `restload pipeline NAME show` still running?');
  }
  return parse(res);
}

/** POST /api/<path> with a JSON body. */
export async function post(path, body) {
  let res;
  try {
    res = await fetch(`api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'the restload server does not answer', 'is `restload pipeline NAME show` still running?');
  }
  return parse(res);
}
