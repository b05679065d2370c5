/**
 * `{resources.<parent>.<field>}`, `{incremental.<value>}` and legacy
 * `{<resolve param>}` placeholders in paths, params, json bodies and headers,
 * with Python str.format's `{{`/`}}` escapes, as dlt reads them.
 */
export type Placeholder =
  | { kind: 'resources'; resource: string; field: string; raw: string }
  | { kind: 'incremental'; field: string; raw: string }
  | { kind: 'name'; name: string; raw: string };

export type TemplatePart = string | Placeholder;

export const INCREMENTAL_FIELDS = ['start_value', 'initial_value', 'last_value', 'end_value'] as const;

const cache = new Map<string, TemplatePart[]>();

export function parseTemplate(s: string): TemplatePart[] {
  let parts = cache.get(s);
  if (parts) return parts;
  parts = [];
  let lit = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '{' && s[i + 1] === '{') { lit += '{'; i++; continue; }
    if (c === '}' && s[i + 1] === '}') { lit += '}'; i++; continue; }
    if (c === '{') {
      const end = s.indexOf('}', i);
      if (end < 0) { lit += s.slice(i); break; }
      const raw = s.slice(i + 1, end).trim();
      if (lit) parts.push(lit);
      lit = '';
      parts.push(toPlaceholder(raw));
      i = end;
      continue;
    }
    lit += c;
  }
  if (lit) parts.push(lit);
  cache.set(s, parts);
  return parts;
}

function toPlaceholder(raw: string): Placeholder {
  const segs = raw.split('.');
  if (segs[0] === 'resources' && segs.length >= 3) return { kind: 'resources', resource: segs[1]!, field: segs.slice(2).join('.'), raw };
  if (segs[0] === 'incremental' && segs.length === 2) return { kind: 'incremental', field: segs[1]!, raw };
  return { kind: 'name', name: raw, raw };
}

export function hasPlaceholders(s: string): boolean {
  return parseTemplate(s).some((p) => typeof p !== 'string');
}

/** Every placeholder in a value (strings inside objects and arrays too). */
export function collectPlaceholders(value: unknown, out: Placeholder[] = []): Placeholder[] {
  if (typeof value === 'string') {
    if (value.includes('{')) for (const p of parseTemplate(value)) if (typeof p !== 'string') out.push(p);
  } else if (Array.isArray(value)) value.forEach((v) => collectPlaceholders(v, out));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => collectPlaceholders(v, out));
  return out;
}

/**
 * Renders placeholders with `lookup`. A string that is exactly one placeholder
 * keeps the value's type (a number stays a number in a JSON body).
 */
export function render(value: unknown, lookup: (p: Placeholder) => unknown): unknown {
  if (typeof value === 'string') {
    if (!value.includes('{') && !value.includes('}')) return value;
    const parts = parseTemplate(value);
    if (parts.length === 1 && typeof parts[0] !== 'string') return lookup(parts[0]!);
    return parts.map((p) => (typeof p === 'string' ? p : String(lookup(p)))).join('');
  }
  if (Array.isArray(value)) return value.map((v) => render(v, lookup));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = render(v, lookup);
    return out;
  }
  return value;
}

/**
 * dlt's `single_entity_path`: the last segment of an endpoint path holds a
 * `{placeholder}` (`/users/{id}`, `/items/{id}.json`), so it returns one
 * object. dlt then selects `$` and a single page unless configured otherwise.
 */
export function isSingleEntityPath(path: string): boolean {
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  const name = segments[segments.length - 1] ?? '';
  return /\{[a-zA-Z0-9.\-_]+\}/.test(name);
}
