// Every view has an address (#/table/issues?sort=id&desc=1&offset=50), so
// the back button, reloads and shared links keep the place.

/** '#/table/issues?offset=50' → { view: 'table', arg: 'issues', params: URLSearchParams }. */
export function parseRoute(hash) {
  const raw = hash.replace(/^#\/?/, '');
  const [path, query = ''] = raw.split('?');
  const [view = '', ...rest] = path.split('/');
  let arg = rest.join('/');
  try {
    arg = decodeURIComponent(arg);
  } catch {
    // a hand-typed address: keep it as typed
  }
  return { view: view || 'overview', arg, params: new URLSearchParams(query) };
}

/** The address of a table view with the given parameters (empty ones left out). */
export function tableHref(name, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  const qs = q.toString();
  return `#/table/${encodeURIComponent(name)}${qs ? `?${qs}` : ''}`;
}
