/**
 * dlt's default `snake_case` naming convention, ported so that every table
 * and column name restload creates is byte-for-byte the name dlt would create
 * for the same input. Anything that differs here silently produces a second,
 * incompatible schema next to one made by dlt, so the rules below follow
 * dlt's code (`dlt/common/normalizers/naming/snake_case.py` and the base
 * class in `naming.py`) step by step, including its Python-specific
 * behaviour:
 *
 * - `str.strip()` trims Python's whitespace set (`str.isspace`), which is not
 *   JavaScript's `trim()` set (see {@link isPythonSpace}).
 * - Python's `\d` in a `str` pattern matches every Unicode decimal digit
 *   (category Nd), so e.g. Arabic-Indic digits survive normalization while
 *   every non-ASCII letter becomes `_`. We use `\p{Nd}` for it.
 * - `len()` and slicing count code points, not UTF-16 units; that only
 *   matters for astral digits such as U+1D7CE, which survive normalization.
 * - The shortening tag is a SHAKE-128 digest (not SHA-256) of the original,
 *   stripped identifier, base64 encoded, `/`->`a`, `+`->`b`, lower-cased.
 */
import { createHash } from 'node:crypto';
import { RestloadError } from '../../common/errors.js';
import { isPythonSpace, pyStrip } from '../types/py-text.js';

/** Separates parent and child identifiers in table names and flattened column names. */
export const PATH_SEPARATOR = '__';

/**
 * dlt's DuckDB capabilities set both `max_identifier_length` and
 * `max_column_identifier_length` to 65536, and dlt gives the naming
 * convention `min()` of the two; this is the default `maxLength` here.
 */
export const DUCKDB_MAX_IDENTIFIER_LENGTH = 65536;

/** Default `maxLength` for every function in this module (DuckDB's limit, as in dlt). */
export const DEFAULT_MAX_LENGTH = DUCKDB_MAX_IDENTIFIER_LENGTH;

/** dlt's `_DEFAULT_COLLISION_PROB`: sizes the hash tag (4 digest bytes -> 6 characters). */
export const DEFAULT_COLLISION_PROB = 0.001;

/** A family of identifier rules; lets other dlt conventions (duck_case, sql_cs_v1...) be added later. */
export interface NamingConvention {
  /** dlt's module name of the convention, e.g. `snake_case`. */
  readonly name: string;
  /** Whether two identifiers differing only in case are different names. */
  readonly isCaseSensitive: boolean;
  readonly pathSeparator: string;
  /** Normalizes (and shortens if longer than `maxLength`) a single identifier. */
  normalizeIdentifier(name: string, maxLength?: number): string;
  /** Same as `normalizeIdentifier` unless a convention treats table/dataset names specially. */
  normalizeTableIdentifier(name: string, maxLength?: number): string;
  /** Normalizes every `__`-separated component of `path`, joins them and shortens the result. */
  normalizePath(path: string, maxLength?: number): string;
  /** `normalizePath` using `normalizeTableIdentifier` for the components. */
  normalizeTablesPath(path: string, maxLength?: number): string;
  /** Joins identifiers with the separator, skipping blank ones; neither normalizes nor shortens. */
  makePath(...parts: string[]): string;
  /** Splits a path into its non-blank identifiers. */
  breakPath(path: string): string[];
  /** Shortens an already normalized name to `maxLength`, tagging it with a hash of `original`. */
  shortenIdentifier(normalized: string, original: string, maxLength: number): string;
  /** Joins already normalized fragments into a path and shortens it (tag from the joined path). */
  shortenFragments(fragments: readonly string[], maxLength?: number): string;
}

// ---------------------------------------------------------------------------
// Python string semantics
// ---------------------------------------------------------------------------

/** Python's truthiness of `s.strip()`: does `s` hold anything but whitespace? */
function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (!isPythonSpace(s.charCodeAt(i))) return false;
  }
  return true;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Python's `len(s)`. */
function pythonLength(s: string): number {
  return SURROGATE.test(s) ? Array.from(s).length : s.length;
}

// ---------------------------------------------------------------------------
// Hash tag and shortening (dlt's base NamingConvention)
// ---------------------------------------------------------------------------

/**
 * dlt's `_compute_tag`: a content hash of the identifier, short enough to
 * fit and long enough that two different identifiers shortened to the same
 * prefix/suffix collide with about `collisionProb`. The byte count formula is
 * dlt's: `int((3 * log2(1 / p) // 8) + 1)`, i.e. 4 bytes (6 characters) for
 * the default 0.001. Base64 is case sensitive while the result must survive
 * case-insensitive destinations, hence the lower-casing after mapping `/`
 * and `+` to letters.
 */
export function computeTag(identifier: string, collisionProb: number = DEFAULT_COLLISION_PROB): string {
  const bytes = Math.floor((3 * Math.log2(1 / collisionProb)) / 8) + 1;
  const digest = createHash('shake128', { outputLength: bytes }).update(identifier, 'utf8').digest('base64');
  let tag = '';
  for (const ch of digest) {
    if (ch === '=') continue;
    tag += ch === '/' ? 'a' : ch === '+' ? 'b' : ch.toLowerCase();
  }
  return tag;
}

/**
 * dlt's `_trim_and_tag`: keeps the head and tail of the identifier and puts
 * the tag in the middle, so both the parent (head) and the leaf (tail) of a
 * long path stay readable. An odd remainder goes to the head.
 */
export function trimAndTag(identifier: string, tag: string, maxLength: number): string {
  const tagLength = pythonLength(tag);
  if (tagLength > maxLength) {
    throw new RangeError(`max length ${maxLength} cannot hold the ${tagLength}-character tag "${tag}"`);
  }
  const remaining = maxLength - tagLength;
  const half = Math.floor(remaining / 2);
  const headLength = half + (remaining % 2);
  let result: string;
  if (SURROGATE.test(identifier)) {
    const chars = Array.from(identifier);
    result = chars.slice(0, headLength).join('') + tag + chars.slice(chars.length - half).join('');
  } else {
    // negative starts clamp like Python's slices when the identifier is short
    result = identifier.slice(0, headLength) + tag + identifier.slice(identifier.length - half);
  }
  // dlt asserts the same: a name that did not overflow cannot be tagged to the exact length
  if (pythonLength(result) !== maxLength) {
    throw new RangeError(`identifier "${identifier}" is too short to be shortened to ${maxLength} characters`);
  }
  return result;
}

/**
 * dlt's `shorten_identifier`: returns `normalized` unchanged unless it is
 * longer than `maxLength` (in code points), else trims it to exactly
 * `maxLength` with a tag hashed from `original`. The tag comes from the raw
 * name, not the normalized one, so distinct raw names that normalize to the
 * same long name still get distinct short names. A `maxLength` of 0 (or
 * `Infinity`) means no limit, as `None`/0 do in dlt.
 */
export function shortenIdentifier(normalized: string, original: string, maxLength: number): string {
  // fast exit: UTF-16 length is never below the code point count
  if (!maxLength || normalized.length <= maxLength) return normalized;
  if (!Number.isInteger(maxLength) && maxLength !== Infinity) {
    throw new RangeError(`max identifier length must be an integer, got ${maxLength}`);
  }
  if (pythonLength(normalized) <= maxLength) return normalized;
  return trimAndTag(normalized, computeTag(original), maxLength);
}

// ---------------------------------------------------------------------------
// snake_case rules
// ---------------------------------------------------------------------------

/** dlt's `_REDUCE_ALPHABET`: `+-*@|` become `x_xal`, keeping some meaning ("C++" -> "cxx", "@type" -> "atype"). */
const REDUCE_ALPHABET: Readonly<Record<string, string>> = { '+': 'x', '-': '_', '*': 'x', '@': 'a', '|': 'l' };
const RE_REDUCE_ALPHABET = /[+\-*@|]/g;
/** Python's `[^a-zA-Z\d_]+`: `\d` is every Unicode Nd digit there, so `\p{Nd}` here. */
const RE_NON_ALPHANUMERIC = /[^a-zA-Z\p{Nd}_]+/gu;
/** Python's `([^_])([A-Z][a-z]+)`: splits before a capitalized word ("HTTPResponse" -> "HTTP_Response"). */
const RE_SNAKE_CASE_BREAK_1 = /([^_])([A-Z][a-z]+)/gu;
/** Python's `([a-z0-9])([A-Z])`: splits lower/digit-to-upper ("userID" -> "user_ID"); ASCII digits only. */
const RE_SNAKE_CASE_BREAK_2 = /([a-z0-9])([A-Z])/g;
/** Python's `^\d+` used with `match`: a leading Unicode digit. */
const RE_LEADING_DIGIT = /^\p{Nd}/u;
/** Python's `__+`: collapsed so a single identifier never contains the path separator. */
const RE_UNDERSCORES = /__+/g;

/** dlt's `_to_snake_case`, applied after the alphabet has been reduced. */
function toSnakeCase(identifier: string): string {
  let s = identifier.replace(RE_SNAKE_CASE_BREAK_1, '$1_$2');
  // only ASCII letters, Nd digits and `_` are left, so JS and Python lower-casing agree
  s = s.replace(RE_SNAKE_CASE_BREAK_2, '$1_$2').toLowerCase();
  if (RE_LEADING_DIGIT.test(s)) s = '_' + s;
  // trailing `_` become `x` (one for one) so the name cannot end in a separator
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0x5f) end--;
  if (end < s.length) s = s.slice(0, end) + 'x'.repeat(s.length - end);
  return s.replace(RE_UNDERSCORES, '_');
}

/**
 * Memo of results per max length. This runs for every key of every row, and
 * real data has few distinct keys; dlt memoizes the same way (`lru_cache`).
 * Unlike dlt's unbounded cache, a map is dropped when it gets large so data
 * keyed by ids cannot grow memory without limit.
 */
const MAX_CACHE_ENTRIES = 100_000;
type Memo = Map<number, Map<string, string>>;
const identifierCache: Memo = new Map();
const pathCache: Memo = new Map();

function memoFor(memo: Memo, maxLength: number): Map<string, string> {
  let m = memo.get(maxLength);
  if (m === undefined) {
    m = new Map();
    memo.set(maxLength, m);
  } else if (m.size >= MAX_CACHE_ENTRIES) {
    m.clear();
  }
  return m;
}

/**
 * Normalizes one identifier the way dlt's snake_case does: trim Python
 * whitespace, reduce `+-*@|`, turn runs of anything but ASCII letters,
 * Unicode digits and `_` into `_`, break camelCase, lower-case, prefix a
 * leading digit with `_`, turn trailing `_` into `x`, collapse `__+`, then
 * shorten to `maxLength`.
 *
 * @throws RestloadError when the name is empty or only whitespace (dlt raises `ValueError`).
 */
export function normalizeIdentifier(name: string, maxLength: number = DEFAULT_MAX_LENGTH): string {
  const memo = memoFor(identifierCache, maxLength);
  const hit = memo.get(name);
  if (hit !== undefined) return hit;
  const stripped = pyStrip(name);
  if (stripped === '') {
    throw new RestloadError(`cannot normalize an empty identifier ${JSON.stringify(name)}`, {
      code: 'EMPTY_IDENTIFIER',
      hint: 'table and column names must contain at least one non-whitespace character',
    });
  }
  const reduced = stripped
    .replace(RE_REDUCE_ALPHABET, (ch) => REDUCE_ALPHABET[ch] ?? ch)
    .replace(RE_NON_ALPHANUMERIC, '_');
  const result = shortenIdentifier(toSnakeCase(reduced), stripped, maxLength);
  memo.set(name, result);
  return result;
}

/** snake_case does not treat table names specially; kept separate because dlt's API does. */
export function normalizeTableIdentifier(name: string, maxLength: number = DEFAULT_MAX_LENGTH): string {
  return normalizeIdentifier(name, maxLength);
}

/** dlt's `make_path`: joins with `__`, dropping blank parts; neither normalizes nor shortens. */
export function makePath(...parts: string[]): string {
  return parts.filter((p) => !isBlank(p)).join(PATH_SEPARATOR);
}

/**
 * dlt's `break_path`: splits on `__` and drops blank pieces. Parts keep their
 * surrounding whitespace (they are normalized later). Because of the drop,
 * "a___b" gives ["a", "_b"] and "a____b" gives ["a", "b"].
 */
export function breakPath(path: string): string[] {
  return path.split(PATH_SEPARATOR).filter((p) => !isBlank(p));
}

function normalizePathWith(
  normalizeComponent: (name: string, maxLength: number) => string,
  path: string,
  maxLength: number,
): string {
  const joined = makePath(...breakPath(path).map((part) => normalizeComponent(part, maxLength)));
  // the tag is hashed from the raw, unstripped path, as in dlt
  return shortenIdentifier(joined, path, maxLength);
}

/**
 * dlt's `normalize_path`: normalizes (and shortens) each `__`-separated
 * component on its own, rejoins them, then shortens the whole path. A path
 * with no non-blank component (e.g. "   " or "__") yields "" instead of
 * throwing, exactly like dlt.
 */
export function normalizePath(path: string, maxLength: number = DEFAULT_MAX_LENGTH): string {
  const memo = memoFor(pathCache, maxLength);
  const hit = memo.get(path);
  if (hit !== undefined) return hit;
  const result = normalizePathWith(normalizeIdentifier, path, maxLength);
  memo.set(path, result);
  return result;
}

/** dlt's `normalize_tables_path`; identical to `normalizePath` for snake_case. */
export function normalizeTablesPath(path: string, maxLength: number = DEFAULT_MAX_LENGTH): string {
  return normalizePathWith(normalizeTableIdentifier, path, maxLength);
}

/**
 * dlt's `shorten_fragments`, used by the relational normalizer for nested
 * table names: joins already normalized fragments and shortens the result,
 * hashing the joined path. dlt returns `None` for no fragments; this
 * returns "".
 */
export function shortenFragments(fragments: readonly string[], maxLength: number = DEFAULT_MAX_LENGTH): string {
  const joined = makePath(...fragments);
  return shortenIdentifier(joined, joined, maxLength);
}

/** The snake_case convention as one object, the default in dlt and here. */
export const snakeCase: NamingConvention = {
  name: 'snake_case',
  isCaseSensitive: false,
  pathSeparator: PATH_SEPARATOR,
  normalizeIdentifier,
  normalizeTableIdentifier,
  normalizePath,
  normalizeTablesPath,
  makePath,
  breakPath,
  shortenIdentifier,
  shortenFragments,
};
