import { JSONPATH_HINT, jsonPathSyntaxError } from '../common/json-path.js';
import { formatConfigPath, type ConfigProblem } from './errors.js';
import type { ParsedFile } from './parse.js';

/**
 * Every JSONPath a config holds, checked with jsonpath-ng's grammar: a path
 * that does not parse can never match, and at run time it would look like
 * "no records" or "no next page" (one page loaded, exit 0). So it is a
 * config error at `validate`, at its line.
 *
 * The `*_body_path` options are not JSONPath (dlt splits them on dots) and
 * are not checked here. A value still holding `${...}` is interpolated later
 * and checked when the source is built.
 */

/** Paginator options that dlt compiles as JSONPath. */
const PAGINATOR_PATHS = ['next_url_path', 'cursor_path', 'total_path', 'has_more_path'] as const;

type Path = (string | number)[];

/** Problems for every JSONPath in the parsed config; tolerant of any shape (the schema check reports those). */
export function checkJsonPaths(parsed: ParsedFile): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const root = parsed.value;
  if (!isObject(root)) return out;
  const check = (value: unknown, path: Path) => {
    if (typeof value !== 'string' || value.trim() === '' || value.includes('${')) return;
    const error = jsonPathSyntaxError(value);
    if (error) out.push({ file: parsed.file, ...parsed.locate(path), configPath: formatConfigPath(path), message: error, hint: JSONPATH_HINT });
  };
  const paginator = (p: unknown, path: Path) => {
    if (!isObject(p)) return;
    for (const key of PAGINATOR_PATHS) check(p[key], [...path, key]);
  };
  const incremental = (inc: unknown, path: Path) => {
    if (isObject(inc)) check(inc.cursor_path, [...path, 'cursor_path']);
  };
  const endpoint = (ep: unknown, path: Path) => {
    if (!isObject(ep)) return;
    check(ep.data_selector, [...path, 'data_selector']);
    paginator(ep.paginator, [...path, 'paginator']);
    incremental(ep.incremental, [...path, 'incremental']);
    if (isObject(ep.params)) {
      for (const [name, param] of Object.entries(ep.params)) {
        if (isObject(param) && param.type === 'incremental') incremental(param, [...path, 'params', name]);
      }
    }
  };
  const resource = (r: unknown, path: Path) => {
    if (!isObject(r)) return;
    endpoint(r.endpoint, [...path, 'endpoint']);
    incremental(r.incremental, [...path, 'incremental']);
  };
  if (isObject(root.client)) paginator(root.client.paginator, ['client', 'paginator']);
  resource(root.resource_defaults, ['resource_defaults']);
  if (Array.isArray(root.resources)) root.resources.forEach((r, i) => resource(r, ['resources', i]));
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
