import { homedir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { checkComponents } from './check-components.js';
import { checkPlaceholders } from './check-placeholders.js';
import type { ConfigProblem } from './errors.js';
import { isSingleEntityPath } from './placeholders.js';
import type {
  ColumnHintConfig, ColumnsConfig, EndpointConfig, EndpointResourceConfig, IncrementalConfig,
  IncrementalParamConfig, RestApiConfig, ResourceDefaultsConfig, WriteDispositionConfig,
} from './schema/index.js';
import type { EndpointSpec, IncrementalSpec, PipelineSpec, ResourceSpec, SourceSpec, WriteDispositionSpec } from './model.js';

/** Pipeline block defaults: name from the file, `<name>_dataset`, `<name>.duckdb` in the current folder. */
export function resolvePipeline(config: Pick<RestApiConfig, 'pipeline'>, file: string, cwd = process.cwd(), env = process.env): PipelineSpec {
  const p = config.pipeline ?? {};
  const name = p.name ?? basename(file, extname(file)).replace(/[^A-Za-z0-9_.-]/g, '_');
  return {
    name,
    destination: 'duckdb',
    datasetName: p.dataset_name ?? `${name}_dataset`,
    destinationPath: resolve(cwd, p.destination_path ?? `${name}.duckdb`),
    pipelinesDir: resolvePipelinesDir(p.pipelines_dir, cwd, env),
  };
}

export function resolvePipelinesDir(configured?: string, cwd = process.cwd(), env = process.env): string {
  if (configured) return resolve(cwd, configured);
  if (env.RESTLOAD_PIPELINES_DIR) return resolve(cwd, env.RESTLOAD_PIPELINES_DIR);
  return join(homedir(), '.restload', 'pipelines');
}

/** Expands shorthands and merges resource_defaults into each resource as dlt does. */
export function resolveSource(config: RestApiConfig, sourceName: string, file: string, problems: ConfigProblem[]): SourceSpec {
  const defaults = config.resource_defaults ?? {};
  const resources = config.resources.map((r, i) => {
    const raw: EndpointResourceConfig = typeof r === 'string' ? { name: r, endpoint: { path: r } } : r;
    const resource = resolveResource(mergeDefaults(defaults, raw), config, `resources[${i}]`, file, problems);
    checkPlaceholders(config, resource, i, file, problems);
    return resource;
  });
  checkComponents(config, file, dirname(resolve(file)), problems);
  return {
    name: sourceName,
    client: config.client,
    resources,
    maxTableNesting: config.source?.max_table_nesting,
    rootKey: config.source?.root_key,
    schemaContract: config.source?.schema_contract,
    baseDir: dirname(resolve(file)),
  };
}

function endpointOf(r: { endpoint?: string | EndpointConfig }, name?: string): EndpointConfig {
  if (typeof r.endpoint === 'string') return { path: r.endpoint };
  return { ...(r.endpoint ?? {}), path: r.endpoint?.path ?? name };
}

/**
 * dlt's `_merge_resource_endpoints`: the resource's keys win over the
 * defaults; inside the endpoint only `params` and `json` merge key by key
 * (an endpoint's `headers` replace the defaults' whole, as in dlt), and
 * `columns` merge hint by hint.
 */
export function mergeDefaults(defaults: ResourceDefaultsConfig, resource: EndpointResourceConfig): EndpointResourceConfig {
  const de = typeof defaults.endpoint === 'string' ? { path: defaults.endpoint } : defaults.endpoint ?? {};
  const re = endpointOf(resource, resource.name);
  const endpoint: EndpointConfig = { ...de, ...re };
  if (de.params || re.params) endpoint.params = { ...(de.params ?? {}), ...(re.params ?? {}) };
  if (isObj(de.json) && isObj(re.json)) endpoint.json = { ...de.json, ...re.json };
  const merged: EndpointResourceConfig = { ...(defaults as EndpointResourceConfig), ...resource, endpoint };
  if (defaults.columns && resource.columns) {
    const dc = columnsToRecord(defaults.columns);
    const rc = columnsToRecord(resource.columns);
    const cols: Record<string, ColumnHintConfig> = { ...dc };
    for (const [k, v] of Object.entries(rc)) cols[k] = { ...(dc[k] ?? {}), ...v };
    merged.columns = cols;
  }
  return merged;
}

function resolveResource(r: EndpointResourceConfig, config: RestApiConfig, configPath: string, file: string, problems: ConfigProblem[]): ResourceSpec {
  const ep = endpointOf(r, r.name);
  const params: Record<string, unknown> = { ...(ep.params ?? {}) };
  let incremental: IncrementalSpec | undefined;
  for (const [k, v] of Object.entries(params)) {
    if (isObj(v) && v.type === 'incremental') {
      if (incremental) problems.push({ file, configPath: `${configPath}.endpoint.params.${k}`, message: 'only one incremental param is allowed per resource' });
      incremental = incrementalSpec(v as unknown as IncrementalParamConfig, k);
      delete params[k];
    }
  }
  if (ep.incremental) {
    if (incremental) problems.push({ file, configPath: `${configPath}.endpoint.incremental`, message: 'a resource has either an incremental param or an incremental block, not both' });
    incremental = incrementalSpec(ep.incremental, ep.incremental.start_param, ep.incremental);
  }
  const endpoint: EndpointSpec = {
    path: ep.path ?? r.name,
    method: (ep.method ?? 'GET').toUpperCase(),
    params,
    json: ep.json,
    data: ep.data,
    headers: { ...(ep.headers ?? {}) },
    clientHeaders: { ...(config.client.headers ?? {}) },
    // dlt: a single-entity path (`users/{id}`) without its own paginator is one page, one object.
    paginator: ep.paginator ?? (isSingleEntityPath(ep.path ?? r.name) ? 'single_page' : config.client.paginator ?? undefined),
    dataSelector: ep.data_selector ?? (ep.paginator == null && isSingleEntityPath(ep.path ?? r.name) ? '$' : undefined),
    responseActions: ep.response_actions ?? [],
    incremental,
    auth: ep.auth ?? undefined,
  };
  if (endpoint.json !== undefined && endpoint.data !== undefined) {
    problems.push({ file, configPath: `${configPath}.endpoint`, message: 'an endpoint can send either json or data, not both' });
  }
  return {
    name: r.name,
    tableName: r.table_name ?? r.name,
    endpoint,
    writeDisposition: writeDisposition(r.write_disposition),
    primaryKey: toList(r.primary_key),
    mergeKey: toList(r.merge_key),
    columns: r.columns ? columnsToRecord(r.columns) : {},
    maxTableNesting: r.max_table_nesting ?? config.source?.max_table_nesting,
    selected: r.selected ?? true,
    parallelized: r.parallelized ?? false,
    includeFromParent: r.include_from_parent ?? [],
    processingSteps: r.processing_steps ?? [],
    schemaContract: r.schema_contract ?? config.source?.schema_contract,
    configPath,
  };
}

function incrementalSpec(c: IncrementalParamConfig | IncrementalConfig, startParam?: string, block?: IncrementalConfig): IncrementalSpec {
  return {
    cursorPath: c.cursor_path,
    initialValue: c.initial_value,
    endValue: block?.end_value,
    lastValueFunc: c.last_value_func ?? 'max',
    rowOrder: c.row_order,
    onCursorValueMissing: c.on_cursor_value_missing ?? 'raise',
    startParam,
    endParam: block?.end_param,
    // dlt takes `convert` in the incremental block and in a legacy incremental param alike.
    convert: c.convert,
    lag: c.lag,
    rangeStart: c.range_start ?? 'closed',
    rangeEnd: c.range_end ?? 'open',
  };
}

export function writeDisposition(wd: WriteDispositionConfig | undefined): WriteDispositionSpec {
  if (wd === undefined) return { disposition: 'append' };
  if (typeof wd === 'string') return { disposition: wd };
  return {
    disposition: wd.disposition,
    strategy: wd.strategy,
    validityColumnNames: wd.validity_column_names,
    activeRecordTimestamp: wd.active_record_timestamp,
    rowVersionColumnName: wd.row_version_column_name,
    boundaryTimestamp: wd.boundary_timestamp,
  };
}

export function columnsToRecord(c: ColumnsConfig): Record<string, ColumnHintConfig> {
  if (!Array.isArray(c)) return c;
  const out: Record<string, ColumnHintConfig> = {};
  for (const col of c) if (col.name) out[col.name] = col;
  return out;
}

/** A key given as one name or a list, as a list. */
export function toList(v: string | string[] | undefined): string[] | undefined {
  return v === undefined ? undefined : Array.isArray(v) ? v : [v];
}

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
