/**
 * Parses an HTTP `Link` header the way Python requests builds
 * `Response.links`, which dlt's header_link paginator and detector read:
 * links keyed by their `rel` (or by their URL when they have none), later
 * links winning. got 14 exports a `parseLinkHeader`, but it splits on every
 * comma (so a URL with a comma in its query breaks) and throws on the loose
 * formatting real APIs send, where requests shrugs; pagination must not
 * depend on that.
 */
export function parseLinkHeader(header: string | readonly string[] | undefined): Map<string, string> {
  const links = new Map<string, string>();
  // Several Link headers mean the same as one joined by commas (RFC 9110 §5.3).
  const raw = typeof header === 'string' ? header : header?.join(', ');
  const value = raw === undefined ? '' : strip(raw, QUOTES);
  if (!value) return links;
  for (const part of value.split(/, *</)) {
    const semi = part.indexOf(';');
    const url = strip(semi === -1 ? part : part.slice(0, semi), `<>${QUOTES}`);
    let rel = '';
    for (const param of (semi === -1 ? '' : part.slice(semi + 1)).split(';')) {
      const kv = param.split('=');
      if (kv.length !== 2) break; // requests stops at the first parameter it cannot split in two
      if (strip(kv[0]!, QUOTES) === 'rel') rel = strip(kv[1]!, QUOTES);
    }
    links.set(rel || url, url);
  }
  return links;
}

const QUOTES = ` '"`;

/** Python's `str.strip(chars)`. */
function strip(s: string, chars: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && chars.includes(s[start]!)) start++;
  while (end > start && chars.includes(s[end - 1]!)) end--;
  return s.slice(start, end);
}
