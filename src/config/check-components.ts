import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { RestloadError } from '../common/errors.js';
import { createAuth } from '../extract/auth/index.js';
import { createPaginator } from '../extract/paginators/index.js';
import type { ConfigProblem } from './errors.js';
import { formatConfigPath } from './errors.js';
import type { AuthConfig, PaginatorConfig, RestApiConfig } from './schema/index.js';

/**
 * The checks `run` makes when it builds a source, made when the config is
 * loaded, so that `validate` refuses what `run` would: the client's base URL,
 * and every paginator and auth built through the same factories the extract
 * stage uses. dlt's paginator constructors refuse some option sets (both a
 * query param and a body path, no way to stop); those are also checked here
 * by name, so the problem points at the key that is wrong.
 */
export function checkComponents(config: RestApiConfig, file: string, baseDir: string, problems: ConfigProblem[]): void {
  checkBaseUrl(config.client.base_url, file, problems);
  checkModuleFiles(config, baseDir, file, problems);
  const paginators: [unknown, (string | number)[]][] = [[config.client.paginator, ['client', 'paginator']]];
  const auths: [unknown, (string | number)[]][] = [[config.client.auth, ['client', 'auth']]];
  const defaults = config.resource_defaults?.endpoint;
  if (isObj(defaults)) {
    paginators.push([defaults.paginator, ['resource_defaults', 'endpoint', 'paginator']]);
    auths.push([defaults.auth, ['resource_defaults', 'endpoint', 'auth']]);
  }
  config.resources.forEach((r, i) => {
    const endpoint = isObj(r) ? r.endpoint : undefined;
    if (isObj(endpoint)) {
      paginators.push([endpoint.paginator, ['resources', i, 'endpoint', 'paginator']]);
      auths.push([endpoint.auth, ['resources', i, 'endpoint', 'auth']]);
    }
  });
  for (const [p, path] of paginators) if (p !== undefined && p !== null) checkPaginator(p as PaginatorConfig, path, file, problems);
  for (const [a, path] of auths) if (a !== undefined && a !== null) checkAuth(a as AuthConfig, path, file, problems);
}

/**
 * A `{module, export}` reference to a file that is not there: `run` would
 * stop when it imports it. (Whether the export exists needs the import, which
 * stays with `run`.) Package names are left to Node's resolution.
 */
function checkModuleFiles(config: RestApiConfig, baseDir: string, file: string, problems: ConfigProblem[]): void {
  const visit = (value: unknown, path: (string | number)[]) => {
    if (Array.isArray(value)) return value.forEach((v, i) => visit(v, [...path, i]));
    if (!isObj(value)) return;
    const keys = Object.keys(value);
    if (typeof value.module === 'string' && keys.every((k) => k === 'module' || k === 'export')) {
      const m = value.module;
      if ((m.startsWith('.') || isAbsolute(m)) && !existsSync(resolve(baseDir, m))) {
        problems.push({
          file, configPath: formatConfigPath([...path, 'module']),
          message: `module ${JSON.stringify(m)} does not exist (looked for ${resolve(baseDir, m)})`,
          hint: 'module paths are relative to the config file',
        });
      }
      return;
    }
    for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
  };
  visit(config.resource_defaults, ['resource_defaults']);
  visit(config.resources, ['resources']);
}

/** `htp://…`, `127.0.0.1:8080/v1/`, `http://my host/`: refused now rather than as an invalid URL mid-run. */
function checkBaseUrl(baseUrl: unknown, file: string, problems: ConfigProblem[]): void {
  if (typeof baseUrl !== 'string' || baseUrl === '') return;
  const at = { file, configPath: 'client.base_url' };
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    const hint = /^[\w.-]+(:\d+)?(\/|$)/.test(baseUrl) ? `add the scheme: "https://${baseUrl}"` : 'write it as https://host[:port]/path/ (no spaces)';
    problems.push({ ...at, message: `base_url ${JSON.stringify(baseUrl)} is not a valid URL`, hint });
    return;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const guess = /^h?t?t?p?s?$/.test(url.protocol.slice(0, -1)) ? '; did you mean "http" or "https"?' : '';
    problems.push({
      ...at,
      message: `base_url ${JSON.stringify(baseUrl)} has the scheme "${url.protocol.slice(0, -1)}"${guess}`,
      hint: /^[\w.-]+:\d+/.test(baseUrl) ? `add the scheme: "https://${baseUrl}"` : 'restload sends requests over http:// or https:// only',
    });
    return;
  }
  if (url.hostname === '') problems.push({ ...at, message: `base_url ${JSON.stringify(baseUrl)} has no host` });
}

function checkPaginator(config: PaginatorConfig, path: (string | number)[], file: string, problems: ConfigProblem[]): void {
  const before = problems.length;
  if (isObj(config)) checkPaginatorOptions(config, path, file, problems);
  if (problems.length > before) return;
  try {
    createPaginator(config);
  } catch (e) {
    if (!(e instanceof RestloadError)) throw e;
    problems.push({ file, configPath: formatConfigPath(path), message: e.message, hint: e.hint });
  }
}

/** Python's None: not given, or null. */
const none = (v: unknown) => v === undefined || v === null;

/** dlt's paginator constructor checks, by option name (see dlt's paginators.py). */
function checkPaginatorOptions(c: Record<string, unknown>, path: (string | number)[], file: string, problems: ConfigProblem[]): void {
  const at = (key: string) => formatConfigPath(c[key] === undefined ? path : [...path, key]);
  const pair = (param: string, bodyPath: string) => {
    const p = c[param];
    const b = c[bodyPath];
    if (none(p) && none(b)) return;
    if ((!p && !b) || (p && b)) {
      problems.push({
        file, configPath: at(!none(b) ? bodyPath : param),
        message: `either '${param}' or '${bodyPath}' must be provided, not both`,
        hint: `${param} sends the value as a query parameter, ${bodyPath} puts it into the JSON body: keep one`,
      });
    }
  };
  const terminates = (maximum: string) => {
    const totalPath = c.total_path === undefined ? 'total' : c.total_path;
    const stopAfterEmpty = c.stop_after_empty_page === undefined ? true : Boolean(c.stop_after_empty_page);
    if (none(totalPath) && none(c[maximum]) && none(c.has_more_path) && !stopAfterEmpty) {
      problems.push({
        file, configPath: at('stop_after_empty_page'),
        message: `one of \`total_path\`, \`${maximum}\`, \`has_more_path\`, or \`stop_after_empty_page\` must be provided`,
        hint: 'without one of them the paginator would never stop',
      });
    }
  };
  if (c.type === 'offset') {
    pair('offset_param', 'offset_body_path');
    pair('limit_param', 'limit_body_path');
    terminates('maximum_offset');
  } else if (c.type === 'page_number') {
    pair('page_param', 'page_body_path');
    terminates('maximum_page');
  } else if (c.type === 'cursor') {
    if (!none(c.cursor_param) && !none(c.cursor_body_path)) {
      problems.push({
        file, configPath: at('cursor_body_path'),
        message: "either 'cursor_param' or 'cursor_body_path' must be provided, not both",
        hint: 'cursor_param sends the cursor as a query parameter, cursor_body_path puts it into the JSON body: keep one',
      });
    }
  }
}

function checkAuth(config: AuthConfig, path: (string | number)[], file: string, problems: ConfigProblem[]): void {
  try {
    createAuth(config);
  } catch (e) {
    if (!(e instanceof RestloadError)) throw e;
    // Missing credentials are reported after the secrets lookup, with where to put them (load.ts).
    if (e.code === 'AUTH_MISSING') return;
    problems.push({ file, configPath: formatConfigPath(path), message: e.message, hint: e.hint });
  }
}

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
