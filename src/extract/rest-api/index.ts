import { resolveConfigObject, type LoadedConfig, type LoadConfigOptions } from '../../config/load.js';
import type { RestApiConfig } from '../../config/schema/index.js';
import { createAuth } from '../auth/index.js';
import { HttpClient } from '../client.js';
import type { Source } from '../source.js';
import { extractSource } from './source.js';

/** Default bound on concurrent requests of a `parallelized` resource. */
export const DEFAULT_MAX_CONCURRENCY = 8;

/**
 * dlt's rest_api_source for library users: a config object (the same shape
 * as the YAML file, typed by the same schema) as a Source to pass to
 * `pipeline.run`, alone or with hand-written resources.
 */
export function restApiSource(config: RestApiConfig, opts: RestApiOptions = {}): Source {
  return restApiSourceFromConfig(resolveRestApi(config, opts));
}

export interface RestApiOptions extends LoadConfigOptions {
  /** The source's name (default: source.name, else pipeline.name, else "rest_api"). */
  name?: string;
  /** Where the config came from: module references (`module:function`) and config files are found relative to its folder. */
  file?: string;
}

function resolveRestApi(config: RestApiConfig, opts: RestApiOptions): LoadedConfig {
  // dlt's rest_api_source is named "rest_api" unless told otherwise.
  const name = opts.name ?? config.source?.name ?? config.pipeline?.name ?? 'rest_api';
  return resolveConfigObject({ ...config, source: { ...config.source, name } }, opts);
}

/**
 * dlt's rest_api_resources: one runnable per resource of the config. Passed
 * together to `run`, resources of the same config are extracted as one
 * source (a parent is fetched once for all its children); a parent that was
 * not passed still runs to feed its children but loads nothing.
 */
export function restApiResources(config: RestApiConfig, opts: RestApiOptions = {}): Source[] {
  const loaded = resolveRestApi(config, opts);
  return loaded.source.resources.map((r) => restApiSourceFromConfig(loaded, [r.name]));
}

/** Marks sources made from one config, so `run` can merge them back into one. */
export const REST_API_ORIGIN = Symbol('restload.rest_api.origin');

/** A resolved rest_api config as a Source the pipeline can run (only the `only` resources loaded, when given). */
export function restApiSourceFromConfig(config: LoadedConfig, only?: string[]): Source {
  const spec = only ? withSelection(config, only) : config.source;
  const source: Source & { [REST_API_ORIGIN]?: { config: LoadedConfig; only: string[] } } = {
    name: spec.name,
    rootKey: spec.rootKey,
    schemaContract: spec.schemaContract,
    maxTableNesting: spec.maxTableNesting,
    jsonItems: true,
    resources: spec.resources.map((r) => ({
      name: r.name,
      tableName: r.tableName,
      writeDisposition: r.writeDisposition,
      primaryKey: r.primaryKey,
      mergeKey: r.mergeKey,
      columns: r.columns,
      maxTableNesting: r.maxTableNesting,
      selected: r.selected,
      schemaContract: r.schemaContract,
      incremental: r.endpoint.incremental,
    })),
    async *extract({ cursors, observer }) {
      const client = new HttpClient({
        baseUrl: spec.client.base_url,
        auth: spec.client.auth ? createAuth(spec.client.auth, { source: spec.name }) : undefined,
        timeoutMs: (spec.client.timeout ?? 60) * 1000,
        maxRetries: spec.client.max_retries ?? 5,
        maxRetryTimeMs: (spec.client.max_retry_time ?? 300) * 1000,
        backoffFactor: spec.client.backoff_factor,
        onRequest: (info) => observer.onRequest?.(info),
      });
      yield* extractSource(spec, {
        client,
        cursors,
        maxConcurrency: spec.client.max_concurrency ?? DEFAULT_MAX_CONCURRENCY,
        onPage: observer.onPage?.bind(observer),
        onResourceDone: observer.onResourceDone?.bind(observer),
        onWarning: observer.onWarning?.bind(observer),
      });
    },
  };
  if (only) source[REST_API_ORIGIN] = { config, only };
  return source;
}

/** Merges sources made by restApiResources from the same config back into one. */
export function mergeRestApiParts(parts: Source[]): Source[] {
  const groups = new Map<LoadedConfig, string[]>();
  const out: Source[] = [];
  for (const p of parts) {
    const origin = (p as { [REST_API_ORIGIN]?: { config: LoadedConfig; only: string[] } })[REST_API_ORIGIN];
    if (!origin) {
      out.push(p);
      continue;
    }
    if (!groups.has(origin.config)) groups.set(origin.config, []);
    groups.get(origin.config)!.push(...origin.only);
  }
  for (const [config, only] of groups) out.push(restApiSourceFromConfig(config, only));
  return out;
}

function withSelection(config: LoadedConfig, only: string[]): LoadedConfig['source'] {
  const byName = new Map(config.source.resources.map((r) => [r.name, r]));
  const needed = new Set<string>();
  for (const name of only) {
    for (let r = byName.get(name); r; r = r.parent ? byName.get(r.parent.resource) : undefined) needed.add(r.name);
  }
  return {
    ...config.source,
    resources: config.source.resources
      .filter((r) => needed.has(r.name))
      .map((r) => ({ ...r, selected: r.selected && only.includes(r.name) })),
  };
}
