import { findValue } from '../../common/json-path.js';
import type { ResourceSpec } from '../../config/model.js';
import { render, type Placeholder } from '../../config/placeholders.js';
import { ExtractError } from '../errors.js';
import type { RequestSpec } from '../http-types.js';
import type { IncrementalCursor } from '../incremental.js';

/** The parent item a child request is made for. */
export interface ParentBinding {
  resource: string;
  item: unknown;
}

/**
 * The first request of a resource: placeholders in path, params, json and
 * headers bound to the parent item and the incremental cursor; legacy
 * `resolve` params put in the path when it names them, else in the query;
 * incremental start/end params set.
 */
export function buildRequest(
  resource: ResourceSpec, parent: ParentBinding | undefined, cursor: IncrementalCursor | undefined, convert: (v: unknown) => unknown = (v) => v,
): RequestSpec {
  const ep = resource.endpoint;
  const resolveParams = resource.parent?.resolveParams ?? {};
  const lookup = (ph: Placeholder): unknown => {
    if (ph.kind === 'resources') {
      if (!parent || ph.resource !== parent.resource) {
        throw new ExtractError(`placeholder {${ph.raw}} has no parent item to read from`, resource.name);
      }
      return parentField(resource, parent, ph.field, `{${ph.raw}}`);
    }
    if (ph.kind === 'incremental') {
      if (!cursor) throw new ExtractError(`placeholder {${ph.raw}} needs an incremental block`, resource.name);
      if (!['start_value', 'last_value', 'end_value', 'initial_value'].includes(ph.field)) return incrementalSetting(cursor, ph.field);
      const v = ph.field === 'start_value' ? cursor.startValue : ph.field === 'last_value' ? cursor.lastValue
        : ph.field === 'end_value' ? cursor.endValue : cursor.initialValue;
      return v === undefined ? '' : convert(v);
    }
    if (ph.name in resolveParams && parent) return parentField(resource, parent, resolveParams[ph.name]!, `{${ph.name}}`);
    // Not a placeholder restload knows (e.g. braces in a GraphQL body): keep it as written.
    return `{${ph.raw}}`;
  };
  const pathRendered = String(render(ep.path, lookup));
  const params = render(ep.params, lookup) as Record<string, unknown>;
  if (parent) {
    for (const [name, field] of Object.entries(resolveParams)) {
      if (!ep.path.includes(`{${name}}`)) params[name] = parentField(resource, parent, field, `param ${name}`);
    }
  }
  const inc = cursor?.spec;
  if (inc && cursor) {
    if (inc.startParam && cursor.lastValue !== undefined) params[inc.startParam] = convert(cursor.lastValue);
    if (inc.endParam && cursor.endValue !== undefined) params[inc.endParam] = convert(cursor.endValue);
  }
  // Client headers go as written (dlt gives them to the session, unformatted); endpoint headers are templates.
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(ep.clientHeaders)) headers[k] = String(v);
  for (const [k, v] of Object.entries(render(ep.headers, lookup) as Record<string, unknown>)) headers[k] = String(v);
  return {
    method: ep.method,
    url: pathRendered,
    params,
    json: ep.json === undefined ? undefined : render(ep.json, lookup),
    data: ep.data === undefined ? undefined : render(ep.data, lookup),
    headers,
  };
}

/** `{incremental.lag}` and the other settings dlt's Incremental exposes as attributes; null (Python's None) when unset. */
function incrementalSetting(cursor: IncrementalCursor, field: string): unknown {
  const s = cursor.spec;
  const byName: Record<string, unknown> = {
    lag: s.lag, cursor_path: s.cursorPath, row_order: s.rowOrder, range_start: s.rangeStart, range_end: s.rangeEnd,
    on_cursor_value_missing: s.onCursorValueMissing,
  };
  return byName[field] ?? null;
}

function parentField(resource: ResourceSpec, parent: ParentBinding, field: string, what: string): unknown {
  const v = findValue(field, parent.item);
  if (v === undefined) {
    const keys = parent.item && typeof parent.item === 'object' ? Object.keys(parent.item).slice(0, 12).join(', ') : typeof parent.item;
    throw new ExtractError(`${what}: field "${field}" is not in the item of "${parent.resource}"`, resource.name, `the parent item has: ${keys}`);
  }
  return v;
}

/** dlt's include_from_parent column name: `_<parent>_<field>`. */
export function parentColumnName(parent: string, field: string): string {
  return `_${parent}_${field}`;
}
