import { mapConcurrent, prefetch } from '../../common/concurrency.js';
import { findValue } from '../../common/json-path.js';
import type { ResourceSpec, SourceSpec } from '../../config/model.js';
import type { ProcessingStepConfig, ResponseActionConfig } from '../../config/schema/index.js';
import type { Auth } from '../auth/auth.js';
import { createAuth } from '../auth/index.js';
import { raiseForStatus, type HttpClient } from '../client.js';
import { selectItems, detectDataSelector } from '../data-selector.js';
import { ExtractError } from '../errors.js';
import type { PageResponse } from '../http-types.js';
import type { IncrementalCursor } from '../incremental.js';
import { createPaginator } from '../paginators/index.js';
import { firstPageWarnings, oncePerResource } from '../page-warnings.js';
import type { RunWarning } from '../../common/run-warning.js';
import { loadFunction } from './modules.js';
import { buildRequest, parentColumnName, type ParentBinding } from './request-builder.js';

import type { ResourcePage } from '../source.js';

export interface ExtractContext {
  client: HttpClient;
  /** Incremental cursors by resource name (made by the pipeline from stored state). */
  cursors: Map<string, IncrementalCursor>;
  /** Bound on concurrent requests of a parallelized child resource. */
  maxConcurrency: number;
  /** Called for each page fetched (for progress and the trace). */
  onPage?: (resource: string, info: { items: number; paginator: string; url: string }) => void;
  /** Called when a page ends a resource, with the paginator's final description. */
  onResourceDone?: (resource: string, info: { pages: number; paginator: string }) => void;
  /** Called with what may mean rows are missing (once per resource and kind). */
  onWarning?: (warning: RunWarning) => void;
}

type Step = (items: unknown[]) => Promise<unknown[]> | unknown[];
type Hook = (response: PageResponse) => unknown;

interface PreparedResource {
  spec: ResourceSpec;
  children: PreparedResource[];
  steps: Step[];
  actions: { match: (r: PageResponse) => boolean; ignore: boolean; hooks: Hook[] }[];
  auth?: Auth;
  /** incremental.convert: turns the cursor value into what the API expects. */
  convert?: (value: unknown) => unknown;
}

/**
 * A rest_api source as an async stream of pages: each top-level resource is
 * paged through; after each page, its child resources are requested for every
 * item of that page (concurrently when `parallelized`), depth first, so a
 * parent page is never held longer than its children need it.
 */
export async function* extractSource(source: SourceSpec, ctx: ExtractContext): AsyncGenerator<ResourcePage> {
  const prepared = await prepare(source);
  ctx = { ...ctx, onWarning: oncePerResource(ctx.onWarning) };
  for (const root of prepared) yield* runResource(root, undefined, ctx);
}

async function prepare(source: SourceSpec): Promise<PreparedResource[]> {
  const byName = new Map<string, PreparedResource>();
  for (const spec of source.resources) {
    const where = spec.configPath;
    const steps = await Promise.all(spec.processingSteps.map((s, i) => stepOf(s, source.baseDir, `${where}.processing_steps[${i}]`)));
    const actions = await Promise.all(spec.endpoint.responseActions.map((a, i) => actionOf(a, source.baseDir, `${where}.endpoint.response_actions[${i}]`)));
    const auth = spec.endpoint.auth ? createAuth(spec.endpoint.auth, { source: source.name }) : undefined;
    const inc = spec.endpoint.incremental;
    const convert = inc?.convert ? await loadFunction<(v: unknown) => unknown>(inc.convert, source.baseDir, `${where}.endpoint.incremental.convert`) : undefined;
    byName.set(spec.name, { spec, children: [], steps, actions, auth, convert });
  }
  const roots: PreparedResource[] = [];
  for (const r of byName.values()) {
    if (r.spec.parent) byName.get(r.spec.parent.resource)!.children.push(r);
    else roots.push(r);
  }
  return roots;
}

async function* runResource(r: PreparedResource, parent: ParentBinding | undefined, ctx: ExtractContext): AsyncGenerator<ResourcePage> {
  // With children, the next parent page is fetched while this page's children are requested.
  const parentPages = r.children.length ? prefetch(pages(r, parent, ctx), 1) : pages(r, parent, ctx);
  for await (const items of parentPages) {
    if (r.spec.selected && items.length) yield { resource: r.spec.name, items };
    for (const child of r.children) {
      const bindings = items.map((item) => ({ resource: r.spec.name, item }));
      if (child.spec.parallelized && ctx.maxConcurrency > 1) {
        yield* mapConcurrent(bindings, ctx.maxConcurrency, (b) => runResource(child, b, ctx));
      } else {
        for (const b of bindings) yield* runResource(child, b, ctx);
      }
    }
  }
}

/** The paging loop of one resource (for one parent item): dlt's RESTClient.paginate. */
async function* pages(r: PreparedResource, parent: ParentBinding | undefined, ctx: ExtractContext): AsyncGenerator<unknown[]> {
  const spec = r.spec;
  const cursor = ctx.cursors.get(spec.name);
  const req = buildRequest(spec, parent, cursor, r.convert);
  const paginator = createPaginator(spec.endpoint.paginator);
  paginator.init(req);
  let selector = spec.endpoint.dataSelector;
  let pageCount = 0;
  while (true) {
    const res = await ctx.client.send(req, { resource: spec.name, authOverride: r.auth });
    let ignored = false;
    for (const a of r.actions) {
      if (!a.match(res)) continue;
      if (a.ignore) ignored = true;
      for (const h of a.hooks) await h(res);
    }
    if (ignored) break;
    raiseForStatus(res, spec.name);
    if (res.body === undefined && res.text().length === 0 && res.status === 204) break;
    if (typeof res.body === 'string') {
      throw new ExtractError(`the response of ${res.request.method} ${res.url} is not JSON`, spec.name,
        `it starts with: ${res.body.slice(0, 80)}`);
    }
    selector ??= detectDataSelector(res.body);
    let items = selectItems(res.body, selector);
    paginator.update(res, items);
    pageCount++;
    if (pageCount === 1 && ctx.onWarning) {
      for (const w of firstPageWarnings({ resource: spec.name, response: res, items, paginator, configuredSelector: spec.endpoint.dataSelector, usedSelector: selector })) ctx.onWarning(w);
    }
    for (const step of r.steps) items = await step(items);
    if (cursor) items = cursor.filter(items);
    if (parent && spec.includeFromParent.length) items = items.map((it) => withParentFields(it, spec, parent));
    ctx.onPage?.(spec.name, { items: items.length, paginator: paginator.describe(), url: res.url });
    yield items;
    if (cursor?.canStop) break;
    if (!paginator.hasNext) break;
    paginator.next(req);
  }
  ctx.onResourceDone?.(spec.name, { pages: pageCount, paginator: paginator.describe() });
}

function withParentFields(item: unknown, spec: ResourceSpec, parent: ParentBinding): unknown {
  const row: Record<string, unknown> = item !== null && typeof item === 'object' && !Array.isArray(item) ? { ...(item as Record<string, unknown>) } : { value: item };
  for (const field of spec.includeFromParent) {
    const v = findValue(field, parent.item);
    if (v === undefined) {
      throw new ExtractError(`include_from_parent: field "${field}" is not in the item of "${parent.resource}"`, spec.name);
    }
    row[parentColumnName(parent.resource, field)] = v;
  }
  return row;
}

async function stepOf(step: ProcessingStepConfig, baseDir: string, where: string): Promise<Step> {
  if ('filter' in step) {
    const f = await loadFunction<(item: unknown) => unknown>(step.filter, baseDir, where);
    return (items) => items.filter((it) => f(it));
  }
  if ('map' in step) {
    const f = await loadFunction<(item: unknown) => unknown>(step.map, baseDir, where);
    return async (items) => Promise.all(items.map((it) => f(it)));
  }
  const f = await loadFunction<(item: unknown) => Iterable<unknown> | AsyncIterable<unknown>>(step.yield_map, baseDir, where);
  return async (items) => {
    const out: unknown[] = [];
    for (const it of items) for await (const v of f(it) as AsyncIterable<unknown>) out.push(v);
    return out;
  };
}

async function actionOf(a: ResponseActionConfig, baseDir: string, where: string): Promise<PreparedResource['actions'][number]> {
  if ('module' in a) {
    const hook = await loadFunction<Hook>(a, baseDir, where);
    return { match: () => true, ignore: false, hooks: [hook] };
  }
  const status = a.status_code === undefined ? undefined : Number(a.status_code);
  const match = (r: PageResponse) =>
    (status === undefined || r.status === status) && (a.content === undefined || r.text().includes(a.content));
  if (a.action === 'ignore') return { match, ignore: true, hooks: [] };
  // dlt accepts other strings and does nothing with them.
  if (typeof a.action === 'string') return { match, ignore: false, hooks: [] };
  const refs = Array.isArray(a.action) ? a.action : [a.action];
  const hooks = await Promise.all(refs.map((ref, i) => loadFunction<Hook>(ref, baseDir, `${where}.action[${i}]`)));
  return { match, ignore: false, hooks };
}
