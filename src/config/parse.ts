import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { ConfigError, type ConfigProblem } from './errors.js';
import { findDeepBrackets, findDeepValue, findDeepYamlBlocks, MAX_NESTING, type ConfigFormat } from './nesting.js';
import { JsonSyntaxError, parseJson } from './parse-json.js';
import { parseToml, TomlSyntaxError } from './parse-toml.js';
import { parseYaml, YamlSyntaxError } from './parse-yaml.js';
import { LineIndex, locateIn, type Position } from './positions.js';
import { normalizeText } from './text.js';

/** A parsed config file and a way back from a config path to its line and column. */
export interface ParsedFile {
  file: string;
  value: unknown;
  /**
   * Position of the value (or, with `key: true`, of the key) at `path`; for a
   * path that does not exist, of the deepest part of it that does.
   */
  locate(path: readonly (string | number)[], opts?: { key?: boolean }): Position | undefined;
}

export const CONFIG_EXTENSIONS = ['.yaml', '.yml', '.toml', '.json'] as const;

/** Larger than any config (the biggest generated from an OpenAPI spec are ~100 kB); keeps a stray data file from taking minutes. */
export const MAX_CONFIG_BYTES = 10 * 1024 * 1024;

const FORMATS: Record<(typeof CONFIG_EXTENSIONS)[number], ConfigFormat> = { '.yaml': 'yaml', '.yml': 'yaml', '.toml': 'toml', '.json': 'json' };
const SYNTAX_LABEL: Record<ConfigFormat, string> = { yaml: 'YAML', json: 'JSON', toml: 'TOML' };

/**
 * Reads and parses a config file by its extension (`file`: the name problems
 * show, by default `path`). Whatever the file holds,
 * the outcome is a value with positions or a ConfigError with a line and a
 * column: never a parser's stack overflow or an exception of its own.
 */
export function parseConfigFile(path: string, text?: string, file = path): ParsedFile {
  const ext = extname(path).toLowerCase();
  if (!(ext in FORMATS)) {
    throw new ConfigError([{ file, configPath: '', message: `unsupported config file extension "${ext || '(none)'}"`, hint: `use one of ${CONFIG_EXTENSIONS.join(', ')}` }]);
  }
  const format = FORMATS[ext as keyof typeof FORMATS];
  const source = text ?? readConfigText(path, file);
  return parseConfigText(file, source, format);
}

/** Reads `path`; problems name it as `file` (the name the user gave). */
function readConfigText(path: string, file: string): string {
  try {
    const size = statSync(path).size;
    if (size > MAX_CONFIG_BYTES) {
      throw new ConfigError([{ file, configPath: '', message: `the file is ${(size / 1024 / 1024).toFixed(1)} MB, larger than a config can be (${MAX_CONFIG_BYTES / 1024 / 1024} MB)`, hint: 'check that this is the config file you meant' }]);
    }
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError([{
      file, configPath: '',
      message: code === 'ENOENT' ? 'config file not found' : code === 'EISDIR' ? 'this is a folder, not a config file' : `cannot read config file (${code ?? (e as Error).message})`,
      hint: code === 'ENOENT' ? 'check the path, or create one with `restload init rest_api duckdb`' : undefined,
    }]);
  }
}

/** Parses config text in a given format (exported for tests and for callers that hold the text). */
export function parseConfigText(file: string, rawText: string, format: ConfigFormat): ParsedFile {
  const text = normalizeText(rawText);
  const lines = new LineIndex(text);
  const problem = (at: Position | undefined, message: string, hint?: string): ConfigProblem => ({
    file, configPath: '', line: at?.line ?? 1, column: at?.column ?? 1, message, hint,
  });
  const fail = (at: Position | undefined, message: string, hint?: string): never => {
    throw new ConfigError([problem(at, message, hint)]);
  };
  const label = SYNTAX_LABEL[format];

  const nul = text.indexOf('\0');
  if (nul !== -1) fail(lines.position(nul), `this is not a ${label} text file (it holds a NUL byte)`, 'check that this is the config file you meant');
  if (text.trim() === '') fail(undefined, 'the config file is empty', 'a config needs at least `client` and `resources`; `restload init rest_api duckdb` writes an example');
  const deep = findDeepBrackets(text, format) ?? (format === 'yaml' ? findDeepYamlBlocks(text) : undefined);
  if (deep !== undefined) fail(lines.position(deep), `${label} syntax: nested more than ${MAX_NESTING} levels deep`, 'this does not look like a config');

  let value: unknown;
  let locate: ParsedFile['locate'];
  try {
    if (format === 'json') {
      const r = parseJson(text);
      value = r.value;
      locate = (path, opts) => locateIn(r.positions, path, opts);
    } else if (format === 'toml') {
      const r = parseToml(text);
      value = r.value;
      locate = (path, opts) => locateIn(r.positions, path, opts);
    } else {
      ({ value, locate } = parseYaml(text));
    }
  } catch (e) {
    if (e instanceof YamlSyntaxError) throw new ConfigError(e.problems.map((p) => problem(p.at, `${label} syntax: ${p.message}`, p.hint)));
    if (e instanceof JsonSyntaxError) fail(e.at, `${label} syntax: ${e.message}`, e.hint);
    if (e instanceof TomlSyntaxError) fail(e.at, `${label} syntax: ${e.message}`);
    // Anything else a parser throws (a RangeError from recursion the bracket scan did not foresee, an internal error) is still the file's doing.
    fail(lines.endOfContent(), `${label} syntax: cannot parse this file (${(e as Error)?.message ?? String(e)})`);
    throw e; // unreachable: fail() throws
  }

  const tooDeep = findDeepValue(value);
  if (tooDeep) fail(locate(tooDeep) ?? undefined, `nested more than ${MAX_NESTING} levels deep${format === 'yaml' ? ' (or an alias that contains itself)' : ''}`, 'this does not look like a config');
  if (value === null || value === undefined) fail(undefined, 'the config file holds no settings (only comments or an empty document)', 'a config needs at least `client` and `resources`');
  if (typeof value !== 'object' || Array.isArray(value)) {
    const what = Array.isArray(value) ? 'a list' : `a single ${typeof value} value`;
    fail(locate([]), `the top level of a config must be a mapping of keys (client, resources, ...), not ${what}`, format === 'json' ? 'wrap it in { ... }' : undefined);
  }
  return { file, value, locate };
}
