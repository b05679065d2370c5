import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, type Node } from 'yaml';
import { parse as parseToml, TomlError } from 'smol-toml';
import { ConfigError } from './errors.js';

/** A parsed config file and a way back from a config path to its line and column. */
export interface ParsedFile {
  file: string;
  value: unknown;
  /** Position of the value (or, with `key: true`, of the key) at `path`. */
  locate(path: readonly (string | number)[], opts?: { key?: boolean }): { line: number; column: number } | undefined;
}

export const CONFIG_EXTENSIONS = ['.yaml', '.yml', '.toml', '.json'] as const;

export function parseConfigFile(file: string, text?: string): ParsedFile {
  const ext = extname(file).toLowerCase();
  if (!(CONFIG_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new ConfigError([{ file, configPath: '', message: `unsupported config file extension "${ext || '(none)'}"`, hint: `use one of ${CONFIG_EXTENSIONS.join(', ')}` }]);
  }
  let source: string;
  try {
    source = text ?? readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError([{ file, configPath: '', message: code === 'ENOENT' ? 'config file not found' : `cannot read config file (${code})`, hint: code === 'ENOENT' ? 'check the path, or create one with `restload init rest_api duckdb`' : undefined }]);
  }
  return ext === '.toml' ? parseTomlFile(file, source) : parseYamlFile(file, source, ext === '.json');
}

/** YAML, and JSON through the YAML parser (JSON is YAML 1.2), which keeps every node's position. */
function parseYamlFile(file: string, source: string, json: boolean): ParsedFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, version: json ? '1.2' : '1.2' });
  const errors = doc.errors.map((e) => {
    const pos = e.linePos?.[0];
    return { file, line: pos?.line, column: pos?.col, configPath: '', message: `${json ? 'JSON' : 'YAML'} syntax: ${e.message.split('\n')[0]}` };
  });
  if (errors.length) throw new ConfigError(errors);
  const value = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  const position = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  return {
    file,
    value,
    locate(path, opts) {
      let node: unknown = doc.contents;
      let keyNode: unknown;
      for (const seg of path) {
        if (isMap(node)) {
          const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(seg));
          if (!pair) break;
          keyNode = pair.key;
          node = pair.value;
        } else if (isSeq(node) && typeof seg === 'number') {
          node = node.items[seg];
          keyNode = undefined;
        } else break;
      }
      const target = (opts?.key && keyNode ? keyNode : node ?? keyNode) as Node | undefined;
      return target?.range ? position(target.range[0]) : undefined;
    },
  };
}

/**
 * TOML: smol-toml keeps no positions, so a path is located by finding the
 * line that defines its last key under the nearest table header. Good enough
 * to point a user at the right line.
 */
function parseTomlFile(file: string, source: string): ParsedFile {
  let value: unknown;
  try {
    value = parseToml(source);
  } catch (e) {
    if (e instanceof TomlError) throw new ConfigError([{ file, line: e.line, column: e.column, configPath: '', message: `TOML syntax: ${e.message.split('\n')[0]}` }]);
    throw e;
  }
  const lines = source.split(/\r?\n/);
  return {
    file,
    value,
    locate(path) {
      const keys = path.filter((p): p is string => typeof p === 'string');
      for (let k = keys.length - 1; k >= 0; k--) {
        const key = keys[k]!;
        const re = new RegExp(`^\\s*(\\[\\[?[^\\]]*\\b)?["']?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*(=|\\]|\\.)`);
        const idx = lines.findIndex((l) => re.test(l));
        if (idx >= 0) return { line: idx + 1, column: (lines[idx]!.search(/\S/) ?? 0) + 1 };
      }
      return undefined;
    },
  };
}
