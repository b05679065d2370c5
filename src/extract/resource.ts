import { RestloadError } from '../common/errors.js';
import { columnsToRecord, toList, writeDisposition as toWriteDisposition } from '../config/resolve.js';
import type { ColumnsConfig, SchemaContractConfig, WriteDispositionConfig } from '../config/schema/index.js';
import type { IncrementalState } from '../load/system-tables.js';
import { Incremental, withIncrementalBinding } from './incremental-arg.js';
import type { ResourceInfo, ResourcePage, Source } from './source.js';

/** Hints of a hand-written resource, named as in dlt's @dlt.resource (camelCase). */
export interface ResourceOptions {
  name?: string;
  tableName?: string;
  writeDisposition?: WriteDispositionConfig;
  primaryKey?: string | string[];
  mergeKey?: string | string[];
  columns?: ColumnsConfig;
  maxTableNesting?: number;
  selected?: boolean;
  schemaContract?: SchemaContractConfig;
  /** An incremental cursor passed to the function as its first argument (alternative to a default parameter). */
  incremental?: Incremental;
}

/** What a resource function may return: rows, pages (arrays of rows), sync or async, or a promise of them. */
export type ResourceData = Iterable<unknown> | AsyncIterable<unknown> | Promise<unknown> | unknown;

/** A hand-written resource: a function producing rows, plus table hints. */
export interface Resource {
  readonly kind: 'resource';
  readonly name: string;
  readonly options: ResourceOptions;
  /** For a transformer: the resource whose pages it receives. */
  readonly parent?: Resource;
  readonly fn: (...args: never[]) => ResourceData;
}

/** A named group of resources, like dlt's @dlt.source. */
export interface SourceGroup {
  readonly kind: 'source';
  readonly name: string;
  readonly resources: readonly Resource[];
}

/** Wraps an (async) generator function, or any function returning rows, into a resource. */
export function resource(fn: (...args: never[]) => ResourceData, options: ResourceOptions = {}): Resource {
  const name = options.name ?? (fn.name || undefined);
  if (!name) throw new RestloadError('a resource needs a name: pass { name } or use a named function', { code: 'USAGE', exitCode: 2 });
  return { kind: 'resource', name, options, fn };
}

/** dlt's @dlt.transformer: `fn` receives each page (array of items) of `parent` and yields rows of its own. */
export function transformer<T = unknown>(parent: Resource, fn: (items: T[]) => ResourceData, options: ResourceOptions = {}): Resource {
  const name = options.name ?? (fn.name || undefined);
  if (!name) throw new RestloadError('a transformer needs a name: pass { name } or use a named function', { code: 'USAGE', exitCode: 2 });
  return { kind: 'resource', name, options, fn: fn as (...args: never[]) => ResourceData, parent };
}

/** Groups resources under a source name (the schema name and the state section). */
export function source(name: string, resources: Resource[]): SourceGroup {
  return { kind: 'source', name, resources };
}

export function isResource(v: unknown): v is Resource {
  return !!v && typeof v === 'object' && (v as Resource).kind === 'resource';
}

export function isSourceGroup(v: unknown): v is SourceGroup {
  return !!v && typeof v === 'object' && (v as SourceGroup).kind === 'source';
}


function infoOf(r: Resource, bound?: Incremental): ResourceInfo {
  const o = r.options;
  return {
    name: r.name,
    tableName: o.tableName ?? r.name,
    writeDisposition: toWriteDisposition(o.writeDisposition),
    primaryKey: toList(o.primaryKey),
    mergeKey: toList(o.mergeKey),
    columns: o.columns ? columnsToRecord(o.columns) : {},
    maxTableNesting: o.maxTableNesting,
    selected: o.selected ?? true,
    schemaContract: o.schemaContract,
    incremental: bound?.spec,
  };
}

/**
 * Hand-written resources as an engine Source. Each resource function is
 * called with incremental() bound to its stored state; what it yields is
 * split into pages (an array is a page, anything else a row), filtered by its
 * incremental cursor, and fed to the transformers that depend on it.
 */
export function sourceFromResources(name: string, resources: readonly Resource[]): Source {
  let stored: (resource: string, cursorPath: string) => IncrementalState | undefined = () => undefined;
  // Parents that were not listed still run (their rows feed the transformer) but load nothing.
  const all = new Map<string, Resource>();
  const add = (r: Resource) => {
    if (r.parent && !all.has(r.parent.name)) add({ ...r.parent, options: { ...r.parent.options, selected: false } });
    all.set(r.name, r);
  };
  for (const r of resources) add(r);
  // Decided once, not per page: each resource's transformers, its info, its incremental.
  const children = new Map<string, Resource[]>();
  for (const r of all.values()) if (r.parent) children.set(r.parent.name, [...(children.get(r.parent.name) ?? []), r]);
  // Incremental cursors are created up front so the pipeline can register them.
  const calls = new Map<string, { incremental?: Incremental; info: ResourceInfo }>();
  const infos: ResourceInfo[] = [];
  for (const r of all.values()) {
    const explicit = r.options.incremental;
    const info = infoOf(r, explicit);
    calls.set(r.name, { incremental: explicit, info });
    infos.push(info);
  }
  const call = (r: Resource, arg?: unknown): ResourceData => {
    const c = calls.get(r.name)!;
    const bound: Incremental[] = [];
    const result = withIncrementalBinding({ resource: r.name, stored: (p) => stored(r.name, p), bound }, () =>
      arg !== undefined ? (r.fn as (a: unknown, b?: unknown) => ResourceData)(arg, c.incremental) : c.incremental ? (r.fn as (a: unknown) => ResourceData)(c.incremental) : r.fn(),
    );
    if (bound.length && !c.incremental) {
      c.incremental = bound[0];
      c.info.incremental = bound[0]!.spec;
    }
    return result;
  };
  return {
    name,
    resources: infos,
    async *extract({ cursors, stored: lookup }) {
      stored = lookup;
      for (const r of all.values()) {
        const explicit = r.options.incremental;
        if (explicit) explicit.bind(r.name, stored(r.name, explicit.cursorPath));
      }
      async function* run(r: Resource, arg?: unknown): AsyncGenerator<ResourcePage> {
        const data = call(r, arg);
        const { incremental: inc, info } = calls.get(r.name)!;
        if (inc) cursors.set(r.name, inc.engineCursor);
        for await (let page of pagesOf(data)) {
          if (inc) page = inc.engineCursor.filter(page);
          if (!page.length) continue;
          if (info.selected) yield { resource: r.name, items: page };
          for (const child of children.get(r.name) ?? []) yield* run(child, page);
        }
      }
      for (const r of all.values()) if (!r.parent) yield* run(r);
    },
  };
}

/** Splits what a resource function produced into pages. */
async function* pagesOf(data: ResourceData): AsyncGenerator<unknown[]> {
  const value = await data;
  if (Array.isArray(value)) {
    yield value;
    return;
  }
  if (value && typeof value === 'object' && (Symbol.asyncIterator in value || Symbol.iterator in value)) {
    let rows: unknown[] = [];
    for await (const v of value as AsyncIterable<unknown>) {
      if (Array.isArray(v)) {
        if (rows.length) yield rows;
        rows = [];
        yield v;
      } else {
        rows.push(v);
        if (rows.length >= 1000) {
          yield rows;
          rows = [];
        }
      }
    }
    if (rows.length) yield rows;
    return;
  }
  if (value !== undefined) yield [value];
}
