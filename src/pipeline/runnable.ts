import { UsageError } from '../common/errors.js';
import { columnsToRecord, toList, writeDisposition as toWriteDisposition } from '../config/resolve.js';
import type { ColumnsConfig, SchemaContractConfig, WriteDispositionConfig } from '../config/schema/index.js';
import { isResource, isSourceGroup, resource, sourceFromResources, type Resource, type SourceGroup } from '../extract/resource.js';
import type { ResourceInfo, Source } from '../extract/source.js';
import { mergeRestApiParts } from '../extract/rest-api/index.js';

/** Table hints for `pipeline.run`, applied to every resource of what is run (as dlt's run arguments are). */
export interface RunOptions {
  tableName?: string;
  writeDisposition?: WriteDispositionConfig;
  primaryKey?: string | string[];
  mergeKey?: string | string[];
  columns?: ColumnsConfig;
  schemaContract?: SchemaContractConfig;
  maxTableNesting?: number;
  /**
   * Stops the run when aborted (the CLI aborts it on SIGINT and SIGTERM):
   * `run` rejects with a RunInterruptedError and nothing is committed, unless
   * the load had committed already.
   */
  signal?: AbortSignal;
}

/** Anything `pipeline.run` accepts. */
export type Runnable = Source | Resource | SourceGroup | readonly (Source | Resource | SourceGroup)[] | Iterable<unknown> | AsyncIterable<unknown>;

export function isEngineSource(v: unknown): v is Source {
  return !!v && typeof v === 'object' && typeof (v as Source).extract === 'function' && Array.isArray((v as Source).resources);
}

const isPart = (v: unknown) => isEngineSource(v) || isResource(v) || isSourceGroup(v);

/** Turns what the user passed to `run` into one engine Source. */
export function toSource(data: Runnable, opts: Omit<RunOptions, 'signal'>, defaultName: string): Source {
  let src: Source;
  if (isEngineSource(data)) src = mergeRestApiParts([data])[0]!;
  else if (isResource(data)) src = sourceFromResources(defaultName, [data]);
  else if (isSourceGroup(data)) src = sourceFromResources(data.name, data.resources);
  else if (Array.isArray(data) && data.length > 0 && data.every(isPart)) src = combine(defaultName, data as (Source | Resource | SourceGroup)[]);
  else if (data && typeof data === 'object' && (Symbol.iterator in data || Symbol.asyncIterator in data)) {
    if (!opts.tableName) {
      throw new UsageError('run(data) with plain rows needs a table name: pipeline.run(rows, { tableName: "issues" })');
    }
    src = sourceFromResources(defaultName, [resource(() => data, { name: opts.tableName })]);
  } else {
    throw new UsageError('pipeline.run takes rows (an array or iterable), a resource, a source, or a list of resources and sources');
  }
  return applyHints(src, opts);
}

function combine(name: string, parts: (Source | Resource | SourceGroup)[]): Source {
  const resources = parts.filter(isResource);
  const sources: Source[] = mergeRestApiParts(parts.filter((p): p is Source => isEngineSource(p)));
  for (const g of parts.filter(isSourceGroup)) sources.push(sourceFromResources(g.name, g.resources));
  if (resources.length) sources.push(sourceFromResources(name, resources));
  if (sources.length === 1) return sources[0]!;
  return {
    name: sources[0]!.name,
    rootKey: sources.some((s) => s.rootKey),
    schemaContract: sources[0]!.schemaContract,
    maxTableNesting: sources[0]!.maxTableNesting,
    resources: sources.flatMap((s) => s.resources.map((r) => ({ ...r, maxTableNesting: r.maxTableNesting ?? s.maxTableNesting }))),
    async *extract(ctx) {
      for (const s of sources) yield* s.extract(ctx);
    },
  };
}

function applyHints(src: Source, opts: Omit<RunOptions, 'signal'>): Source {
  const hinted = Object.values(opts).some((v) => v !== undefined);
  if (!hinted) return src;
  const apply = (r: ResourceInfo): ResourceInfo => ({
    ...r,
    tableName: opts.tableName ?? r.tableName,
    writeDisposition: opts.writeDisposition ? toWriteDisposition(opts.writeDisposition) : r.writeDisposition,
    primaryKey: toList(opts.primaryKey) ?? r.primaryKey,
    mergeKey: toList(opts.mergeKey) ?? r.mergeKey,
    columns: opts.columns ? { ...r.columns, ...columnsToRecord(opts.columns) } : r.columns,
    schemaContract: opts.schemaContract ?? r.schemaContract,
    maxTableNesting: opts.maxTableNesting ?? r.maxTableNesting,
  });
  // Resource infos can be completed during extraction (an incremental found in a default parameter), so hints are applied to the live objects.
  for (const r of src.resources) Object.assign(r, apply(r));
  return src;
}
