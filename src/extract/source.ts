import type { IncrementalSpec, SchemaContract, TableHints } from '../config/model.js';
import type { SchemaContractConfig } from '../config/schema/index.js';
import type { IncrementalCursor } from './incremental.js';
import type { RequestInfo } from './client.js';
import type { RunWarning } from '../common/run-warning.js';
import type { IncrementalState } from '../load/system-tables.js';

/** What the pipeline needs to know about a resource before its data arrives. */
export interface ResourceInfo extends TableHints {
  name: string;
  /** false: the resource only feeds others and loads nothing. */
  selected: boolean;
  schemaContract?: SchemaContractConfig;
  incremental?: IncrementalSpec;
}

/** One page of items of one resource. */
export interface ResourcePage {
  resource: string;
  items: unknown[];
}

/** Hooks the pipeline gives a source while it extracts, for progress and the trace. */
export interface ExtractObserver {
  onRequest?(info: RequestInfo & { resource?: string }): void;
  onPage?(resource: string, info: { items: number; paginator: string; url: string }): void;
  onResourceDone?(resource: string, info: { pages: number; paginator: string }): void;
  /** Something that may mean rows are missing (a page read alone because no paginator was detected...). */
  onWarning?(warning: RunWarning): void;
  /** A line for the log (stderr in the CLI): a retry, a wait, a slow connection. Secrets must already be masked. */
  onLog?(line: string): void;
}

/**
 * A source: a named group of resources that can be extracted as one stream
 * of pages. The rest_api config and the library's hand-written resources
 * both become a Source, so the pipeline has one engine for both doors.
 */
export interface Source {
  name: string;
  resources: ResourceInfo[];
  rootKey?: boolean;
  schemaContract?: SchemaContractConfig;
  /** Max nesting for every resource that does not set its own. */
  maxTableNesting?: number;
  /**
   * Its items are parsed JSON (a REST API's responses, after processing
   * steps): plain data, which the pipeline may normalize on another thread.
   */
  jsonItems?: boolean;
  extract(ctx: ExtractRunContext): AsyncIterable<ResourcePage>;
}

/** What the pipeline hands a source when it extracts it. */
export interface ExtractRunContext {
  /** Incremental cursors by resource; a source may add its own (they are persisted after the load). */
  cursors: Map<string, IncrementalCursor>;
  observer: ExtractObserver;
  /** The stored incremental state of a resource's cursor. */
  stored(resource: string, cursorPath: string): IncrementalState | undefined;
}

/** dlt's schema contract shorthand expanded: a string applies to all three entities. */
export function resolveContract(c: SchemaContractConfig | undefined): SchemaContract {
  if (c === undefined) return { tables: 'evolve', columns: 'evolve', data_type: 'evolve' };
  if (typeof c === 'string') return { tables: c, columns: c, data_type: c };
  return { tables: c.tables ?? 'evolve', columns: c.columns ?? 'evolve', data_type: c.data_type ?? 'evolve' };
}
