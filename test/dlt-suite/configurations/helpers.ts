// Shared by the ports of dlt's tests/sources/rest_api/configurations/*.py:
// load a config (an object, written as YAML-compatible JSON, or YAML text)
// the way `restload validate` and `run` do, from an empty folder, with only
// the environment a test gives.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type LoadedConfig } from '../../../src/config/load.js';
import { ConfigError, type ConfigProblem } from '../../../src/config/errors.js';
import type { ResourceSpec } from '../../../src/config/model.js';

export const BASE = 'https://api.example.com';

export interface LoadOptions {
  env?: Record<string, string>;
  /** The file name (its extension picks the parser); default config.yaml. */
  file?: string;
}

/** Loads a config; an object is written out as pretty JSON (YAML reads it, with lines). */
export function load(config: object | string, opts: LoadOptions = {}): LoadedConfig {
  const cwd = mkdtempSync(join(tmpdir(), 'restload-dlt-conf-'));
  const text = typeof config === 'string' ? config : JSON.stringify(config, null, 2);
  try {
    return loadConfig(opts.file ?? 'config.yaml', { cwd, env: { ...(opts.env ?? {}) }, text });
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** Loads a config dlt accepts; a ConfigError fails the test with every problem listed. */
export function accepts(config: object | string, opts: LoadOptions = {}): LoadedConfig {
  try {
    return load(config, opts);
  } catch (e) {
    if (e instanceof ConfigError) assert.fail(`dlt accepts this config, restload reports:\n${show(e.problems)}`);
    throw e;
  }
}

/** The problems of a config dlt rejects; fails the test when restload loads it. */
export function problemsOf(config: object | string, opts: LoadOptions = {}): readonly ConfigProblem[] {
  try {
    load(config, opts);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  assert.fail('dlt rejects this config, restload loads it without a problem');
}

/**
 * Asserts that a config is rejected with a problem whose message or hint
 * matches `expect`, placed at `path` (exactly, when given) and with a line.
 */
export function rejects(config: object | string, expect: RegExp, path?: string, opts: LoadOptions = {}): ConfigProblem {
  const problems = problemsOf(config, opts);
  const matching = problems.filter((p) => expect.test(`${p.message}\n${p.hint ?? ''}`));
  assert.ok(matching.length, `no problem matches ${expect}:\n${show(problems)}`);
  const placed = path === undefined ? matching : matching.filter((p) => p.configPath === path);
  assert.ok(placed.length, `no problem matching ${expect} is at ${path}:\n${show(problems)}`);
  const p = placed[0]!;
  assert.ok(typeof p.line === 'number' && p.line > 0, `the problem has no line:\n${show([p])}`);
  return p;
}

export function show(ps: readonly ConfigProblem[]): string {
  return ps.map((p) => `  ${p.line ?? '?'}:${p.column ?? '?'} (${p.configPath}) ${p.message}${p.hint ? ` [hint: ${p.hint}]` : ''}`).join('\n');
}

/** The resolved resource by name. */
export function resource(loaded: LoadedConfig, name: string): ResourceSpec {
  const r = loaded.source.resources.find((x) => x.name === name);
  assert.ok(r, `no resource "${name}" in ${loaded.source.resources.map((x) => x.name).join(', ')}`);
  return r;
}
