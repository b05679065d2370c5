import { RestloadError } from '../common/errors.js';
import { formatField, FormatSpecError, parseSpec, type Conversion } from './py-format.js';

/**
 * `{resources.<parent>.<field>}`, `{incremental.<value>}` and legacy
 * `{<resolve param>}` placeholders in paths, params, json bodies and headers,
 * read as Python's str.format reads them (dlt uses `string.Formatter`):
 * `{{`/`}}` escape braces, `!r`/`!s`/`!a` convert, `:spec` formats.
 */
export type Placeholder = (
  | { kind: 'resources'; resource: string; field: string }
  | { kind: 'incremental'; field: string }
  | { kind: 'name'; name: string }
) & {
  /** What stood between the braces, as written (field, conversion and spec). */
  raw: string;
  /** The field name alone (`resources.posts.id`). */
  fieldName: string;
  conversion?: Conversion;
  /** The format spec after `:` ('' when none). */
  spec: string;
};

export type TemplatePart = string | Placeholder;

/**
 * The attributes of dlt's Incremental object a placeholder may read
 * (`{incremental.lag}` renders the configured lag, as dlt's getattr does).
 */
export const INCREMENTAL_FIELDS = [
  'start_value', 'initial_value', 'last_value', 'end_value', 'lag', 'cursor_path', 'row_order',
  'range_start', 'range_end', 'on_cursor_value_missing',
] as const;

interface Scanned {
  parts: TemplatePart[];
  /** Python's ValueError for a template str.format refuses; the parts then hold the text as written. */
  error?: string;
}

const cache = new Map<string, Scanned>();

function scan(s: string): Scanned {
  let hit = cache.get(s);
  if (hit) return hit;
  hit = scanUncached(s);
  cache.set(s, hit);
  return hit;
}

function scanUncached(s: string): Scanned {
  const parts: TemplatePart[] = [];
  let lit = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '{' && s[i + 1] === '{') { lit += '{'; i++; continue; }
    if (c === '}' && s[i + 1] === '}') { lit += '}'; i++; continue; }
    if (c === '}') return { parts: [s], error: "Single '}' encountered in format string" };
    if (c === '{') {
      // The field ends at the matching brace: a spec may nest `{...}` (not supported, reported below).
      let depth = 1;
      let end = i + 1;
      for (; end < s.length && depth > 0; end++) {
        if (s[end] === '{') depth++;
        else if (s[end] === '}') depth--;
      }
      if (depth > 0) return { parts: [s], error: "expected '}' before end of string" };
      const raw = s.slice(i + 1, end - 1);
      const ph = toPlaceholder(raw);
      if (typeof ph === 'string') return { parts: [s], error: ph };
      if (lit) parts.push(lit);
      lit = '';
      parts.push(ph);
      i = end - 1;
      continue;
    }
    lit += c;
  }
  if (lit) parts.push(lit);
  return { parts };
}

/** One replacement field, or Python's error message for it. */
function toPlaceholder(raw: string): Placeholder | string {
  // The field name runs to the first `!` or `:` outside `[...]`.
  let k = 0;
  for (; k < raw.length; k++) {
    const c = raw[k];
    if (c === '[') {
      const close = raw.indexOf(']', k);
      if (close < 0) return "Missing ']' in format string";
      k = close;
    } else if (c === '!' || c === ':') break;
  }
  const fieldName = raw.slice(0, k);
  let conversion: Conversion | undefined;
  let spec = '';
  if (raw[k] === '!') {
    const conv = raw[k + 1];
    if (conv === undefined) return 'end of string while looking for conversion specifier';
    if (raw.length > k + 2 && raw[k + 2] !== ':') return "expected ':' after conversion specifier";
    if (conv !== 'r' && conv !== 's' && conv !== 'a') return `Unknown conversion specifier ${conv}`;
    conversion = conv;
    spec = raw.slice(k + 3);
  } else if (raw[k] === ':') {
    spec = raw.slice(k + 1);
  }
  if (spec.includes('{')) return `nested replacement fields in a format spec are not supported ("${spec}")`;
  if (spec) {
    try {
      parseSpec(spec);
    } catch (e) {
      if (e instanceof FormatSpecError) return e.message;
      throw e;
    }
  }
  const base = { raw, fieldName, conversion, spec };
  if (fieldName.startsWith('resources.')) {
    const segs = fieldName.split('.');
    if (segs.length >= 3) return { ...base, kind: 'resources', resource: segs[1]!, field: segs.slice(2).join('.') };
  }
  if (fieldName.startsWith('incremental.')) return { ...base, kind: 'incremental', field: fieldName.slice('incremental.'.length) };
  return { ...base, kind: 'name', name: fieldName };
}

/** The placeholders and literal text of a string; a template Python would refuse is one literal. */
export function parseTemplate(s: string): TemplatePart[] {
  return scan(s).parts;
}

/** Python's error for a string str.format refuses (`a}`, `{a`, `{a!x}`, `{a:zz}`), else undefined. */
export function templateError(s: string): string | undefined {
  return s.includes('{') || s.includes('}') ? scan(s).error : undefined;
}

export function hasPlaceholders(s: string): boolean {
  return parseTemplate(s).some((p) => typeof p !== 'string');
}

/** Every placeholder in a value (strings inside objects and arrays too, and object keys, as dlt searches them). */
export function collectPlaceholders(value: unknown, out: Placeholder[] = []): Placeholder[] {
  if (typeof value === 'string') {
    if (value.includes('{')) for (const p of parseTemplate(value)) if (typeof p !== 'string') out.push(p);
  } else if (Array.isArray(value)) value.forEach((v) => collectPlaceholders(v, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      collectPlaceholders(k, out);
      collectPlaceholders(v, out);
    }
  }
  return out;
}

/**
 * Renders placeholders with `lookup`. A string that is exactly one
 * placeholder, without conversion or spec, keeps the value's type (a number
 * stays a number in a JSON body); otherwise each value is formatted as
 * Python's str.format would (`True`, `None`, `{:>5}`...).
 */
export function render(value: unknown, lookup: (p: Placeholder) => unknown): unknown {
  if (typeof value === 'string') {
    if (!value.includes('{') && !value.includes('}')) return value;
    const parts = parseTemplate(value);
    if (parts.length === 1 && typeof parts[0] !== 'string' && !parts[0]!.conversion && !parts[0]!.spec) return lookup(parts[0]!);
    return parts.map((p) => (typeof p === 'string' ? p : formatPlaceholder(p, lookup(p)))).join('');
  }
  if (Array.isArray(value)) return value.map((v) => render(v, lookup));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[String(render(k, lookup))] = render(v, lookup);
    return out;
  }
  return value;
}

function formatPlaceholder(p: Placeholder, value: unknown): string {
  try {
    return formatField(value, p.conversion, p.spec);
  } catch (e) {
    if (!(e instanceof FormatSpecError)) throw e;
    throw new RestloadError(`placeholder {${p.raw}}: ${e.message}`, {
      code: 'PLACEHOLDER_FORMAT',
      hint: `the value was ${JSON.stringify(value) ?? String(value)}; change the format spec after ":"`,
    });
  }
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
