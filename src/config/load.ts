import { dirname, resolve } from 'node:path';
import { didYouMean } from '../common/did-you-mean.js';
import { registerSecret } from '../common/redact.js';
import { ConfigError, type ConfigProblem } from './errors.js';
import { interpolate } from './interpolate.js';
import { parseConfigFile, type ParsedFile } from './parse.js';
import { collectPlaceholders } from './placeholders.js';
import { resolvePipeline, resolveSource } from './resolve.js';
import { ConfigProviders } from './secrets.js';
import { validateConfig } from './validate.js';
import type { PipelineSpec, SourceSpec } from './model.js';
import type { RestApiConfig } from './schema/index.js';
import { AUTH_EMPTY_ALLOWED, AUTH_REQUIRED_FIELDS } from './schema/auth.js';

export interface LoadedConfig {
  file: string;
  pipeline: PipelineSpec;
  source: SourceSpec;
  /** The config as written, after interpolation (secrets in it are registered for masking). */
  raw: RestApiConfig;
  /** Problems that do not stop `validate` (with `placeholderSecrets: 'warn'`: secrets still equal to init's placeholder). */
  warnings?: ConfigProblem[];
}

export interface LoadConfigOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Parse this text instead of reading the file (the file name still picks the format). */
  text?: string;
  /** A secret still equal to init's placeholder `"..."`: an error (default, before any request) or a warning (`validate`). */
  placeholderSecrets?: 'error' | 'warn';
}

/**
 * file → validated, interpolated, resolved config. Every problem in the file
 * is collected and thrown together as one ConfigError (exit 2), before any
 * request is made.
 */
export function loadConfig(file: string, opts: LoadConfigOptions = {}): LoadedConfig {
  const cwd = opts.cwd ?? process.cwd();
  const env = opts.env ?? process.env;
  const shownFile = file;
  const parsed = parseConfigFile(resolve(cwd, file), opts.text, shownFile);
  const problems = validateConfig(parsed).map((p) => ({ ...p, file: shownFile }));
  if (problems.length) throw new ConfigError(problems);
  return resolveParsed(parsed, shownFile, cwd, env, opts.placeholderSecrets);
}

/** Resolves an already-valid config object (used by the library's restApiSource). */
export function resolveConfigObject(config: RestApiConfig, opts: LoadConfigOptions & { file?: string } = {}): LoadedConfig {
  const file = opts.file ?? 'config';
  const parsed: ParsedFile = { file, value: config, locate: () => undefined };
  const problems = validateConfig(parsed);
  if (problems.length) throw new ConfigError(problems);
  return resolveParsed(parsed, file, opts.cwd ?? process.cwd(), opts.env ?? process.env);
}

function resolveParsed(parsed: ParsedFile, file: string, cwd: string, env: NodeJS.ProcessEnv, placeholderSecrets: 'error' | 'warn' = 'error'): LoadedConfig {
  const rawConfig = parsed.value as RestApiConfig;
  const problems: ConfigProblem[] = [];
  const warnings: ConfigProblem[] | undefined = placeholderSecrets === 'warn' ? [] : undefined;
  const sourceName = rawConfig.source?.name ?? resolvePipeline(rawConfig, file, cwd, env).name;
  const providers = new ConfigProviders([...new Set([cwd, dirname(resolve(cwd, file))])], env);
  const config = interpolate(rawConfig, { file, sourceName, providers, env, locate: (p) => parsed.locate(p), placeholderSecrets: warnings }, problems) as RestApiConfig;
  fillCredentials(config, sourceName, providers);
  const source = resolveSource(config, sourceName, resolve(cwd, file), problems);
  linkParents(source, parsed, file, problems);
  checkCredentials(config, sourceName, file, problems);
  if (problems.length) throw new ConfigError(problems.map((p) => ({ ...p, file, ...(p.line ? {} : parsed.locate(pathSegments(p.configPath))) })));
  return { file, pipeline: resolvePipeline(config, file, cwd, env), source, raw: config, ...(warnings?.length ? { warnings } : {}) };
}

/** `resources[1].endpoint.path` → `['resources', 1, 'endpoint', 'path']`. */
function pathSegments(configPath: string): (string | number)[] {
  return configPath.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Credentials still missing after the secrets lookup: reported now, as dlt does when the source is created. */
function checkCredentials(config: RestApiConfig, sourceName: string, file: string, problems: ConfigProblem[]): void {
  const check = (auth: unknown, where: string) => {
    if (auth === undefined || auth === null || typeof auth !== 'object') return;
    if (problems.some((p) => p.configPath.startsWith(where))) return; // already reported (e.g. a secret not found)
    const obj = auth as Record<string, unknown>;
    const type = typeof obj.type === 'string' ? obj.type : 'bearer';
    const missing = requiredFields(type).filter((f) => obj[f] === undefined || (obj[f] === '' && !(AUTH_EMPTY_ALLOWED as readonly string[]).includes(f)));
    if (missing.length) {
      problems.push({
        file, configPath: where,
        message: `${type} auth is missing ${missing.join(', ')}`,
        hint: `set ${missing.map((f) => `${f}`).join(', ')} here (e.g. "\${secrets.${missing[0]}}"), or under [sources.rest_api.${sourceName}.credentials] in .dlt/secrets.toml, or as SOURCES__REST_API__${sourceName.toUpperCase()}__CREDENTIALS__${missing[0]!.toUpperCase()}`,
      });
    }
  };
  check(config.client.auth, 'client.auth');
  const defaults = config.resource_defaults?.endpoint;
  if (typeof defaults === 'object' && defaults !== null) check(defaults.auth, 'resource_defaults.endpoint.auth');
  config.resources.forEach((r, i) => {
    if (typeof r === 'object' && typeof r.endpoint === 'object') check(r.endpoint.auth, `resources[${i}].endpoint.auth`);
  });
}

const NOT_SECRET = new Set(['name', 'location', 'access_token_url']);

/** The credentials an auth type needs (none for a type the schema check already rejected). */
function requiredFields(type: string): readonly string[] {
  return (AUTH_REQUIRED_FIELDS as Record<string, readonly string[]>)[type] ?? [];
}

function fillCredentials(config: RestApiConfig, sourceName: string, providers: ConfigProviders): void {
  const fill = (auth: unknown): unknown => {
    // null resets an auth set by resource_defaults: nothing to fill.
    if (auth === undefined || auth === null) return auth;
    const obj: Record<string, unknown> = typeof auth === 'string' ? { type: auth } : { ...(auth as Record<string, unknown>) };
    const type = typeof obj.type === 'string' ? obj.type : 'bearer';
    // Missing credentials are looked up as secrets `credentials.<field>`, as dlt does; api_key's name and location too.
    for (const field of [...requiredFields(type), ...(type === 'api_key' ? ['name', 'location'] : [])]) {
      if (obj[field] !== undefined && obj[field] !== '') continue;
      const r = providers.lookup('secrets', `credentials.${field}`, sourceName);
      if (r.found) {
        // Where a key goes and the token URL are not secrets: masking "header" would garble every message.
        if (!NOT_SECRET.has(field)) registerSecret(String(r.value));
        obj[field] = r.value;
      }
    }
    return obj;
  };
  if (config.client.auth !== undefined) config.client.auth = fill(config.client.auth) as typeof config.client.auth;
  const defaults = config.resource_defaults?.endpoint;
  if (typeof defaults === 'object' && defaults !== null && defaults.auth !== undefined) defaults.auth = fill(defaults.auth) as typeof defaults.auth;
  for (const r of config.resources) {
    if (typeof r === 'object' && typeof r.endpoint === 'object' && r.endpoint.auth !== undefined) r.endpoint.auth = fill(r.endpoint.auth) as typeof r.endpoint.auth;
  }
}

/** Finds each child's parent from its placeholders and resolve params; reports unknown or conflicting parents. */
function linkParents(source: SourceSpec, parsed: ParsedFile, file: string, problems: ConfigProblem[]): void {
  const names = source.resources.map((r) => r.name);
  const seen = new Set<string>();
  for (const r of source.resources) {
    if (seen.has(r.name)) problems.push({ file, configPath: `${r.configPath}.name`, message: `resource name "${r.name}" is used twice` });
    seen.add(r.name);
  }
  for (const r of source.resources) {
    const at = (sub: string) => {
      const path = `${r.configPath}.${sub}`;
      return { file, ...parsed.locate(pathSegments(path)), configPath: path };
    };
    const parents = new Map<string, string>();
    const ep = r.endpoint;
    for (const [where, value] of [['endpoint.path', ep.path], ['endpoint.params', ep.params], ['endpoint.json', ep.json], ['endpoint.headers', ep.headers]] as const) {
      for (const ph of collectPlaceholders(value)) {
        // Placeholders that are not valid are reported by check-placeholders.ts, at the key that holds them.
        if (ph.kind === 'resources') parents.set(ph.resource, where);
      }
    }
    const resolveParams: Record<string, string> = {};
    const pathNames = new Set(collectPlaceholders(ep.path).filter((p) => p.kind === 'name').map((p) => (p as { name: string }).name));
    for (const [k, v] of Object.entries(ep.params)) {
      if (v !== null && typeof v === 'object' && (v as { type?: unknown }).type === 'resolve') {
        const rp = v as { resource: string; field: string };
        parents.set(rp.resource, `endpoint.params.${k}`);
        resolveParams[k] = rp.field;
        delete ep.params[k];
        if (!pathNames.has(k)) {
          problems.push({ ...at(`endpoint.params.${k}`), message: `resolve param "${k}" is not used in the path "${ep.path}"`, hint: `put {${k}} in the path, or use {resources.${rp.resource}.${rp.field}} where the value should go` });
        }
      } else if (pathNames.has(k) && (v === null || typeof v !== 'object')) {
        // dlt binds plain params named in the path into the path, and no longer sends them as query params.
        ep.path = ep.path.split(`{${k}}`).join(String(v));
        delete ep.params[k];
        pathNames.delete(k);
      }
    }
    for (const name of pathNames) {
      if (!(name in resolveParams)) {
        problems.push({ ...at('endpoint.path'), message: `placeholder {${name}} in the path is not bound`, hint: `use {resources.<parent>.<field>}, or add a param "${name}" (a value, or type: resolve)` });
      }
    }
    if (parents.size > 1) {
      problems.push({ ...at('endpoint'), message: `a resource can have one parent, this one refers to ${[...parents.keys()].join(' and ')}` });
    }
    for (const [parent, where] of parents) {
      if (!names.includes(parent)) {
        const guess = didYouMean(parent, names);
        problems.push({ ...at(where), message: `unknown parent resource "${parent}"${guess ? `; did you mean "${guess}"?` : ''}`, hint: `resources are: ${names.join(', ')}` });
      } else if (parent === r.name) {
        problems.push({ ...at(where), message: `resource "${r.name}" refers to itself` });
      } else {
        r.parent = { resource: parent, resolveParams };
      }
    }
    if (r.includeFromParent.length && !r.parent) {
      problems.push({ ...at('include_from_parent'), message: 'include_from_parent is set but the resource has no parent' });
    }
  }
  // Cycles would never start; report them rather than hang.
  const byName = new Map(source.resources.map((r) => [r.name, r]));
  for (const r of source.resources) {
    const chain = new Set<string>([r.name]);
    let cur = r.parent && byName.get(r.parent.resource);
    while (cur) {
      if (chain.has(cur.name)) {
        problems.push({ file, configPath: r.configPath, message: `resources form a cycle: ${[...chain, cur.name].join(' → ')}` });
        break;
      }
      chain.add(cur.name);
      cur = cur.parent && byName.get(cur.parent.resource);
    }
  }
}
