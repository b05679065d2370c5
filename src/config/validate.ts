import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import type { Ajv as AjvInstance, ErrorObject, ValidateFunction } from 'ajv';
import { didYouMean } from '../common/did-you-mean.js';
import { checkJsonPaths } from './check-json-paths.js';
import type { ConfigProblem } from './errors.js';
import { formatConfigPath } from './errors.js';
import type { ParsedFile } from './parse.js';

type JsonSchema = Record<string, unknown>;
const require = createRequire(import.meta.url);
let ajv: AjvInstance | undefined;
const compiled = new WeakMap<object, ValidateFunction>();
let rootSchemaCache: JsonSchema | undefined;

/**
 * The config's JSON Schema, read from the file the build writes
 * (schemas/restload.schema.json) the first time it is needed: a valid config
 * never needs it (the precompiled validator checks it), and loading TypeBox
 * to rebuild it cost ~0.15 s of every start-up.
 */
function rootSchema(): JsonSchema {
  if (!rootSchemaCache) {
    rootSchemaCache = JSON.parse(readFileSync(new URL('../../schemas/restload.schema.json', import.meta.url), 'utf8')) as JsonSchema;
    delete rootSchemaCache.$id;
    delete rootSchemaCache.$schema;
  }
  return rootSchemaCache;
}

/**
 * The root validator is compiled at build time (ajv standalone code, see
 * scripts/write-schema.mjs): compiling the schema at start-up took ~0.5 s of
 * every run in the profile, more than a small load itself. Validators for
 * union branches are compiled only when a config has an error there.
 *
 * `../config/` rather than `./`: the CLI runs this module bundled into
 * dist/cli-bundle/ (scripts/bundle-cli.mjs), a sibling of dist/config/, so
 * this one path finds dist/config/root-validator.cjs from both places.
 */
const ROOT_VALIDATOR = new URL('../config/root-validator.cjs', import.meta.url);
let precompiled: ValidateFunction | null | undefined;

function rootValidator(): ValidateFunction | undefined {
  if (precompiled === undefined) {
    try {
      precompiled = compileRootValidator(fileURLToPath(ROOT_VALIDATOR), true).validate;
    } catch {
      precompiled = null; // not built (tests run src/ through tsx): ajv compiles the schema
    }
  }
  return precompiled ?? undefined;
}

/**
 * Loads the standalone validator (CommonJS) the way require() would, but with
 * the V8 code cache the build stores next to it (root-validator.v8cache):
 * V8 compiling the 0.5 MB function on the first call took ~30 ms of every run
 * (load + first call: 39 ms without the cache, 9 ms with it; Node 20,
 * medians of 15 processes).
 * V8 ignores a cache from another Node version or other V8 flags and
 * compiles the source, as without one. V8 checks the source only by its
 * length, so the cache must never outlive its .cjs: scripts/write-schema.mjs
 * writes both, calling this function so that the wrapped source is the same.
 */
export function compileRootValidator(file: string, useCache: boolean): { validate: ValidateFunction; script: Script } {
  const source = readFileSync(file, 'utf8');
  let cachedData: Buffer | undefined;
  if (useCache) {
    try {
      cachedData = readFileSync(file.replace(/\.cjs$/, '.v8cache'));
    } catch {
      // no cache: compile as usual
    }
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const mod = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(mod.exports, createRequire(file), mod, file, dirname(file));
  return { validate: mod.exports as ValidateFunction, script };
}

function validator(schema: JsonSchema): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    if (!ajv) {
      const mod = require('ajv') as { default: new (opts: typeof AJV_OPTIONS) => AjvInstance };
      ajv = new mod.default(AJV_OPTIONS);
    }
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v!;
}

/** Shared with the build script, so the precompiled validator reports errors the same way. */
export const AJV_OPTIONS = { allErrors: true, strict: false } as const;

/**
 * The value at a JSON pointer inside `root`: a schema path (`#/properties/x`,
 * a URI fragment, so percent-encoded) or a data path (`/a/0`, plain: a key
 * like "growth %" must not go through decodeURIComponent, which throws on it).
 */
function atPointer(root: unknown, pointer: string): unknown {
  const fragment = pointer.startsWith('#');
  let cur = root;
  for (const seg of pointer.replace(/^#/, '').split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[(fragment ? decodeURIComponent(seg) : seg).replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}

/** Checks a parsed config against the JSON Schema; returns every problem, located and explained. */
export function validateConfig(parsed: ParsedFile): ConfigProblem[] {
  const problems: ConfigProblem[] = checkJsonPaths(parsed);
  const precompiled = rootValidator();
  if (precompiled) {
    if (precompiled(parsed.value)) return problems;
  }
  const root = rootSchema();
  if (precompiled) compiled.set(root, precompiled);
  check(root, parsed.value, [], parsed, problems);
  // One problem per place and message is enough; unions can report the same twice.
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.configPath}|${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function check(schema: JsonSchema, data: unknown, base: (string | number)[], parsed: ParsedFile, out: ConfigProblem[]): void {
  const v = validator(schema);
  if (v(data)) return;
  const errors = v.errors ?? [];
  // Errors under a union branch are re-derived from the one branch the user meant.
  const unionPaths = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath);
  const underUnion = (e: ErrorObject) =>
    unionPaths.some((p) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && (e.instancePath === p || e.instancePath.startsWith(p + '/')));
  const outermostUnions = errors.filter(
    (e) => (e.keyword === 'anyOf' || e.keyword === 'oneOf') && !unionPaths.some((p) => p !== e.instancePath && e.instancePath.startsWith(p + '/')),
  );
  for (const e of errors) {
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf' || underUnion(e)) continue;
    out.push(explain(e, schema, data, base, parsed));
  }
  for (const e of outermostUnions) {
    const path = [...base, ...pointerToPath(e.instancePath)];
    const value = atPointer(data, e.instancePath);
    const branches = flattenBranches(atPointer(schema, e.schemaPath) as JsonSchema[]);
    const branch = pickBranch(branches, value, path, parsed, out);
    if (branch) check(branch, value, path, parsed, out);
  }
}

function flattenBranches(branches: JsonSchema[]): JsonSchema[] {
  return branches.flatMap((b) => (Array.isArray(b.anyOf) ? flattenBranches(b.anyOf as JsonSchema[]) : [b]));
}

/** The branch of a union the user meant: by its `type` tag, else by JSON type. Reports an unknown tag itself. */
function pickBranch(branches: JsonSchema[], data: unknown, path: (string | number)[], parsed: ParsedFile, out: ConfigProblem[]): JsonSchema | undefined {
  const jsonType = data === null ? 'null' : Array.isArray(data) ? 'array' : typeof data === 'number' ? 'number' : typeof data;
  const tagOf = (b: JsonSchema) => ((b.properties as JsonSchema | undefined)?.type as JsonSchema | undefined)?.const as string | undefined;
  if (jsonType === 'object') {
    const tagged = branches.filter((b) => tagOf(b) !== undefined);
    const tag = (data as Record<string, unknown>).type;
    if (tagged.length && tag !== undefined) {
      const match = tagged.find((b) => tagOf(b) === tag);
      if (match) return match;
      // An untagged branch can only be meant if it accepts a `type` key at all.
      const untagged = branches.filter((b) => b.type === 'object' && tagOf(b) === undefined && ((b.properties as JsonSchema | undefined)?.type || b.additionalProperties !== false));
      if (untagged.length === 0) {
        const known = tagged.map(tagOf).filter((t): t is string => !!t);
        const guess = typeof tag === 'string' ? didYouMean(tag, known) : undefined;
        out.push({
          file: parsed.file, ...parsed.locate([...path, 'type']), configPath: formatConfigPath([...path, 'type']),
          message: `unknown type ${JSON.stringify(tag)}${guess ? `; did you mean "${guess}"?` : ''}`,
          hint: `known types: ${known.join(', ')}`,
        });
        return undefined;
      }
      return untagged[0];
    }
    const objects = branches.filter((b) => b.type === 'object');
    if (objects.length) {
      // The branch the user meant declares the keys they wrote; among equals, the one with the fewest complaints.
      const keys = Object.keys(data as object);
      const scored = objects.map((b) => {
        const props = Object.keys((b.properties as JsonSchema | undefined) ?? {});
        validator(b)(data);
        return { b, known: keys.filter((k) => props.includes(k)).length, n: validator(b).errors?.length ?? 0 };
      });
      return scored.sort((a, z) => z.known - a.known || a.n - z.n)[0]!.b;
    }
  }
  const byType = branches.find((b) => b.type === jsonType || (jsonType === 'number' && b.type === 'integer'));
  if (byType) return byType;
  const expected = [...new Set(branches.map((b) => (b.type as string | undefined) ?? (b.const !== undefined ? JSON.stringify(b.const) : 'value')))];
  out.push({
    file: parsed.file, ...parsed.locate(path), configPath: formatConfigPath(path),
    message: `must be ${expected.join(' or ')}, not ${jsonType}`,
  });
  return undefined;
}

function explain(e: ErrorObject, schema: JsonSchema, data: unknown, base: (string | number)[], parsed: ParsedFile): ConfigProblem {
  const path = [...base, ...pointerToPath(e.instancePath)];
  const value = atPointer(data, e.instancePath);
  const at = (p: (string | number)[], key = false) => ({ file: parsed.file, ...parsed.locate(p, { key }), configPath: formatConfigPath(p) });
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const parentSchema = atPointer(schema, e.schemaPath.replace(/\/additionalProperties$/, '')) as JsonSchema | undefined;
      const known = Object.keys((parentSchema?.properties as JsonSchema | undefined) ?? {});
      const guess = didYouMean(key, known);
      return {
        ...at([...path, key], true),
        message: `unknown key "${key}"${guess ? `; did you mean "${guess}"?` : ''}`,
        hint: `allowed here: ${known.join(', ')}`,
      };
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const guess = typeof value === 'string' ? didYouMean(value, allowed) : undefined;
      return { ...at(path), message: `${JSON.stringify(value)} is not allowed${guess ? `; did you mean "${guess}"?` : ''}`, hint: `allowed: ${allowed.join(', ')}` };
    }
    case 'required': {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      return { ...at(path), message: `missing required key "${missing}"` };
    }
    case 'type':
      return { ...at(path), message: `must be ${(e.params as { type: string }).type}, not ${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value}` };
    case 'const':
      return { ...at(path), message: `must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}` };
    default:
      return { ...at(path), message: e.message ?? 'is not valid' };
  }
}

function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
