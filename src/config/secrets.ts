import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RestloadError } from '../common/errors.js';
import { ConfigError } from './errors.js';
import { parseToml, TomlSyntaxError } from './parse-toml.js';

/** `secrets` values come from secrets.toml, `config` values from config.toml; env serves both. */
export type ValueKind = 'secrets' | 'config';

export interface LookupResult {
  found: boolean;
  value?: unknown;
  /** Every place looked in, most specific first (for the error when nothing is found). */
  tried: string[];
}

/**
 * dlt's lookup of a source's values: most specific section first, first hit
 * wins, environment before the .dlt/ TOML files. Reads each TOML file once.
 */
export class ConfigProviders {
  private readonly tomlCache = new Map<string, Record<string, unknown> | null>();

  constructor(
    /** Folders holding a `.dlt/` folder, in order (the current folder first). */
    private readonly projectDirs: string[] = [process.cwd()],
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  lookup(kind: ValueKind, key: string, sourceName: string): LookupResult {
    const keyParts = key.split('.').filter(Boolean);
    const sections: string[][] = [...(sourceName ? [['sources', 'rest_api', sourceName]] : []), ['sources', 'rest_api'], ['sources'], []];
    const tried: string[] = [];
    for (const sec of sections) {
      const envName = [...sec, ...keyParts].map((s) => s.toUpperCase()).join('__');
      tried.push(`env ${envName}`);
      const v = this.env[envName];
      if (v !== undefined && v !== '') return { found: true, value: v, tried };
    }
    const fileName = kind === 'secrets' ? 'secrets.toml' : 'config.toml';
    for (const dir of this.projectDirs) {
      const file = join(dir, '.dlt', fileName);
      const doc = this.readToml(file);
      for (const sec of sections) {
        tried.push(`${file} ${sec.length ? `[${sec.join('.')}] ` : ''}${key}`);
        if (!doc) continue;
        const v = dig(doc, [...sec, ...keyParts]);
        if (v !== undefined) return { found: true, value: v, tried };
      }
    }
    return { found: false, tried };
  }

  private readToml(file: string): Record<string, unknown> | null {
    const abs = resolve(file);
    if (!this.tomlCache.has(abs)) {
      let doc: Record<string, unknown> | null = null;
      try {
        doc = parseToml(readFileSync(abs, 'utf8').replace(/^\uFEFF/, '')).value;
      } catch (e) {
        if (e instanceof TomlSyntaxError) {
          throw new ConfigError([{ file: abs, line: e.at.line, column: e.at.column, configPath: '', message: `TOML syntax: ${e.message}` }]);
        }
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
          throw new RestloadError(`cannot read ${abs}: ${(e as Error).message.split('\n')[0]}`, { code: 'CONFIG', exitCode: 2 });
        }
      }
      this.tomlCache.set(abs, doc);
    }
    return this.tomlCache.get(abs)!;
  }
}

function dig(obj: Record<string, unknown>, path: string[]): unknown {
  let cur: unknown = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}
