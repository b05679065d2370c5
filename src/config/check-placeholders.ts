import type { ConfigProblem } from './errors.js';
import { formatConfigPath } from './errors.js';
import { collectPlaceholders, INCREMENTAL_FIELDS, templateError, type Placeholder } from './placeholders.js';
import type { ResourceSpec } from './model.js';
import type { RestApiConfig } from './schema/index.js';

type Path = (string | number)[];

const ESCAPE_HINT = 'write {{ and }} for literal braces';

/**
 * dlt's placeholder rules for an endpoint, checked once its defaults are
 * merged: in `params`, `json` and `headers` every placeholder must start with
 * `resources.` or, with an `incremental` block, `incremental.`; a template
 * Python's str.format refuses (a lone `}`, an unknown `!x`, a bad spec) is an
 * error wherever it stands. The path's legacy `{name}` placeholders are bound
 * in load.ts. Each problem names the key that holds the text, in the
 * resource or in resource_defaults, wherever it was written.
 */
export function checkPlaceholders(config: RestApiConfig, resource: ResourceSpec, index: number, file: string, problems: ConfigProblem[]): void {
  const ep = resource.endpoint;
  const hasIncremental = hasIncrementalBlock(config, index);
  const origin = new Origins(config, index);
  const seen = new Set(problems.map((p) => `${p.configPath}|${p.message}`));
  const push = (p: ConfigProblem) => {
    const k = `${p.configPath}|${p.message}`;
    if (!seen.has(k)) problems.push(p);
    seen.add(k);
  };
  const check = (section: 'path' | 'params' | 'json' | 'headers', value: unknown) => {
    walk(value, [], (text, sub) => {
      const configPath = formatConfigPath(origin.of(section, sub));
      const error = templateError(text);
      if (error) {
        push({ file, configPath, message: `${JSON.stringify(text)} is not a valid template: ${error}`, hint: ESCAPE_HINT });
        return;
      }
      for (const ph of collectPlaceholders(text)) {
        const problem = placeholderProblem(ph, section, hasIncremental);
        if (problem) push({ file, configPath, ...problem });
      }
    });
  };
  check('path', ep.path);
  check('params', ep.params);
  check('json', ep.json);
  check('headers', ep.headers);
}

function placeholderProblem(ph: Placeholder, section: string, hasIncremental: boolean): { message: string; hint?: string } | undefined {
  if (ph.kind === 'resources') return undefined;
  if (ph.kind === 'incremental') {
    if (!hasIncremental) {
      return { message: `{${ph.raw}} needs an incremental block on this endpoint`, hint: 'add endpoint.incremental with cursor_path (and start_param if the value is also a query parameter)' };
    }
    if (!(INCREMENTAL_FIELDS as readonly string[]).includes(ph.field)) {
      return { message: `unknown placeholder {${ph.raw}}`, hint: `use one of ${INCREMENTAL_FIELDS.map((f) => `{incremental.${f}}`).join(', ')}` };
    }
    return undefined;
  }
  // The path binds legacy `{name}` placeholders to params (load.ts); elsewhere dlt allows only its contexts.
  if (section === 'path') return undefined;
  const contexts = hasIncremental ? '`resources.` or `incremental.`' : '`resources.`';
  const resourcesLike = ph.name.startsWith('resources.') ? ' (expected resources.<resource>.<field>)' : '';
  return {
    message: `placeholder {${ph.raw}} in ${section} is not valid${resourcesLike}: a placeholder must start with ${contexts}`,
    hint: `${ESCAPE_HINT}; a parent's field is {resources.<parent>.<field>}`,
  };
}

/** The incremental block, as opposed to a legacy `type: incremental` param (which gives no placeholder context in dlt). */
function hasIncrementalBlock(config: RestApiConfig, index: number): boolean {
  const r = config.resources[index];
  const own = typeof r === 'object' && typeof r.endpoint === 'object' ? r.endpoint.incremental : undefined;
  const defaults = config.resource_defaults?.endpoint;
  return own !== undefined || (typeof defaults === 'object' && defaults !== null && defaults.incremental !== undefined);
}

/** Calls `visit` for every string (and object key) inside `value`, with its path. */
function walk(value: unknown, path: Path, visit: (text: string, path: Path) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i], visit));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('{') || k.includes('}')) visit(k, [...path, k]);
      walk(v, [...path, k], visit);
    }
  }
}

/**
 * Where a merged endpoint value was written: in the resource, or in
 * resource_defaults (params and json merge key by key, headers and path
 * come whole from one or the other).
 */
class Origins {
  private readonly own: Record<string, unknown> | undefined;
  private readonly base: Path;
  private readonly stringForm: Path | undefined;

  constructor(config: RestApiConfig, index: number) {
    const r = config.resources[index];
    this.base = ['resources', index];
    if (typeof r === 'string') {
      this.stringForm = this.base;
    } else if (typeof r.endpoint === 'string') {
      this.stringForm = [...this.base, 'endpoint'];
    } else {
      this.own = (r.endpoint ?? undefined) as Record<string, unknown> | undefined;
    }
  }

  of(section: 'path' | 'params' | 'json' | 'headers', sub: Path): Path {
    const ownEndpoint = [...this.base, 'endpoint'];
    const defaults = ['resource_defaults', 'endpoint'];
    if (section === 'path') return this.stringForm ?? (this.own?.path !== undefined ? [...ownEndpoint, 'path'] : [...this.base, 'name']);
    const own = this.own?.[section];
    if (section === 'headers') return [...(own !== undefined ? ownEndpoint : defaults), section, ...sub];
    const key = sub[0];
    const ownHas = own !== undefined && (typeof own !== 'object' || own === null || Array.isArray(own) || key === undefined || Object.hasOwn(own, key));
    return [...(ownHas ? ownEndpoint : defaults), section, ...sub];
  }
}
