// Generated broken configs: valid YAML, JSON and TOML configs (dlt's corpus
// of valid configs, test/fixtures/dlt-corpus/valid, in all three formats)
// mutated the way hands and tools break files: a character dropped, added
// or replaced, indentation swapped for tabs or shifted by a space, lines
// doubled, swapped or lost, the file cut short, binary junk pasted in,
// brackets opened a few hundred times. Seeded, so every run (and CI) sees
// the same files.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfigText } from '../../src/config/parse.js';
import type { ConfigFormat } from '../../src/config/nesting.js';

const VALID = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'dlt-corpus', 'valid');

/** A small, fast, seeded generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One valid config in one format. */
export interface BaseConfig {
  name: string;
  format: ConfigFormat;
  text: string;
}

/**
 * The corpus's valid configs that need no environment, as YAML (the file),
 * JSON (two indentation styles) and TOML (written by tomlOf, for the configs
 * TOML can express: it has no null).
 */
export function baseConfigs(): BaseConfig[] {
  const out: BaseConfig[] = [];
  for (const f of readdirSync(VALID).filter((n) => n.endsWith('.yaml')).sort()) {
    const text = readFileSync(join(VALID, f), 'utf8');
    if (/^#\s*env:/m.test(text)) continue;
    const value = parseConfigText(f, text, 'yaml').value as Record<string, unknown>;
    const name = f.replace(/\.yaml$/, '');
    out.push({ name, format: 'yaml', text });
    out.push({ name, format: 'json', text: JSON.stringify(value, null, out.length % 4 === 0 ? '\t' : 2) + '\n' });
    if (!JSON.stringify(value).includes('null')) out.push({ name, format: 'toml', text: tomlOf(value) });
  }
  return out;
}

const bareKey = (k: string) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k));
const isTable = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function inline(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(inline).join(', ')}]`;
  if (isTable(v)) return `{ ${Object.entries(v).map(([k, x]) => `${bareKey(k)} = ${inline(x)}`).join(', ')} }`;
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** A config as TOML: tables for mappings, arrays of tables for lists of mappings, inline values for the rest. */
export function tomlOf(obj: Record<string, unknown>, prefix: string[] = []): string {
  let out = '';
  const tables: [string, unknown][] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (isTable(v) || (Array.isArray(v) && v.length > 0 && v.every(isTable))) tables.push([k, v]);
    else out += `${bareKey(k)} = ${inline(v)}\n`;
  }
  for (const [k, v] of tables) {
    const path = [...prefix, bareKey(k)];
    if (Array.isArray(v)) for (const item of v) out += `\n[[${path.join('.')}]]\n${tomlOf(item as Record<string, unknown>, path)}`;
    else out += `\n[${path.join('.')}]\n${tomlOf(v as Record<string, unknown>, path)}`;
  }
  return out;
}

const SYNTAX = [':', '"', "'", '[', ']', '{', '}', ',', '=', '\t', ' ', '\n', '#', '-', '&', '*', '!', '|', '>', '.', '\\', '%', '@', '`', '?'];

type Mutation = (text: string, r: () => number) => string;
const at = (text: string, r: () => number) => Math.floor(r() * (text.length + 1));
const pick = <T>(xs: readonly T[], r: () => number): T => xs[Math.floor(r() * xs.length)]!;
const lineOp = (f: (lines: string[], i: number, r: () => number) => void): Mutation => (text, r) => {
  const lines = text.split('\n');
  f(lines, Math.floor(r() * lines.length), r);
  return lines.join('\n');
};

/** Each way a file gets broken, by name (the name is shown when a test fails). */
export const MUTATIONS: Record<string, Mutation> = {
  dropChar: (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + t.slice(i + 1);
  },
  insertChar: (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + pick(SYNTAX, r) + t.slice(i);
  },
  replaceChar: (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + pick(SYNTAX, r) + t.slice(i + 1);
  },
  truncate: (t, r) => t.slice(0, at(t, r)),
  tabIndent: lineOp((lines, i) => {
    lines[i] = lines[i]!.replace(/^( +)/, (s) => '\t'.repeat(Math.max(1, s.length / 2)));
  }),
  shiftIndent: lineOp((lines, i, r) => {
    lines[i] = r() < 0.5 ? ` ${lines[i]}` : lines[i]!.replace(/^ /, '');
  }),
  doubleLine: lineOp((lines, i) => {
    lines.splice(i, 0, lines[i]!);
  }),
  swapLines: lineOp((lines, i) => {
    if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1]!, lines[i]!];
  }),
  dropLine: lineOp((lines, i) => {
    lines.splice(i, 1);
  }),
  binaryJunk: (t, r) => {
    const i = at(t, r);
    const junk = Array.from({ length: 1 + Math.floor(r() * 8) }, () => String.fromCharCode(Math.floor(r() * 256))).join('');
    return t.slice(0, i) + junk + t.slice(i);
  },
  deepBrackets: (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + pick(['[', '{', '[{', '- '], r).repeat(150 + Math.floor(r() * 1000)) + t.slice(i);
  },
  crlfAndBom: (t, r) => (r() < 0.5 ? '\uFEFF' : '') + t.replace(/\n/g, '\r\n'),
};

/** A broken config: which base, which mutations (for the failure message), and the text. */
export interface BrokenConfig {
  base: BaseConfig;
  mutations: string[];
  text: string;
}

/** `count` broken configs of a format, from `seed`: one to three mutations of a base config each. */
export function brokenConfigs(format: ConfigFormat, count: number, seed: number): BrokenConfig[] {
  const r = rng(seed);
  const bases = baseConfigs().filter((b) => b.format === format);
  const names = Object.keys(MUTATIONS);
  return Array.from({ length: count }, () => {
    const base = pick(bases, r);
    const mutations = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(names, r));
    let text = base.text;
    for (const m of mutations) text = MUTATIONS[m]!(text, r);
    return { base, mutations, text };
  });
}
