import { paginatorConfigError } from './errors.js';

/**
 * dlt's `set_value_at_path` for `*_body_path` options: puts `value` at a
 * dot-separated path in the JSON request body, creating objects on the way.
 * It returns a copy instead of writing in place, because the body usually is
 * the endpoint's `json` from the config, shared by every request made from it.
 */
export function withBodyValue(json: unknown, path: string, value: unknown): Record<string, unknown> {
  if (!path) throw paginatorConfigError('a body path must not be empty');
  const root = copyObject(json, path, '');
  const parts = path.split('.');
  let cur = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i]!;
    const child = copyObject(cur[key], path, parts.slice(0, i + 1).join('.'));
    cur[key] = child;
    cur = child;
  }
  cur[parts[parts.length - 1]!] = value;
  return root;
}

function copyObject(value: unknown, path: string, at: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value === 'object' && !Array.isArray(value)) return { ...(value as Record<string, unknown>) };
  throw paginatorConfigError(
    `cannot set "${path}" in the JSON request body: ${at ? `"${at}"` : 'the body'} is not an object`,
    'body paths need the request json to be an object',
  );
}
