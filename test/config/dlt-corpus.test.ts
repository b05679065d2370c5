// dlt's own corpus of valid and invalid rest_api configs, ported to YAML
// (test/fixtures/dlt-corpus, provenance in its README.md). Every valid one
// must load; every invalid one must fail with a ConfigError whose problems
// name the expected text at the expected config path, with a line number.
//
// Fixture header comments (at the top of the file):
//   # expect: <regex>   invalid only: a problem's message (or hint) matches it
//   # path: <path>      that same problem is at this config path (or under it)
//   # absent: <regex>   no problem text may match it (e.g. a secret)
//   # env: NAME=VALUE   environment for the load (credentials dlt would inject)
//
// A fixture listed in GAPS is a place where restload disagrees with dlt; its
// subtest is marked todo (the suite stays green, the gap stays visible).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError, type ConfigProblem } from '../../src/config/errors.js';

const CORPUS = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'dlt-corpus');

/** restload's known disagreements with dlt, by fixture: the reason shown as the todo. */
const GAPS: Record<string, string> = {};

interface Header {
  expect?: RegExp;
  path?: string;
  absent?: RegExp;
  env: Record<string, string>;
}

function readHeader(file: string): Header {
  const h: Header = { env: {} };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^#\s*(expect|path|absent|env):\s?(.*)$/.exec(line);
    if (!m) {
      if (line.startsWith('#')) continue;
      break;
    }
    const [, key, value] = m as unknown as [string, string, string];
    if (key === 'expect') h.expect = new RegExp(value);
    else if (key === 'absent') h.absent = new RegExp(value);
    else if (key === 'path') h.path = value.trim();
    else {
      const eq = value.indexOf('=');
      h.env[value.slice(0, eq).trim()] = value.slice(eq + 1).trim();
    }
  }
  return h;
}

/** Loads with only the fixture's env, from an empty folder (no .dlt/ secrets, no RESTLOAD_* settings). */
function load(file: string, env: Record<string, string>) {
  const cwd = mkdtempSync(join(tmpdir(), 'restload-dlt-corpus-'));
  try {
    return loadConfig(file, { cwd, env: { ...env } });
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

const show = (ps: readonly ConfigProblem[]) =>
  ps.map((p) => `  ${p.line ?? '?'}:${p.column ?? '?'} (${p.configPath}) ${p.message}${p.hint ? ` [hint: ${p.hint}]` : ''}`).join('\n');

const underPath = (configPath: string, path: string) =>
  configPath === path || configPath.startsWith(`${path}.`) || configPath.startsWith(`${path}[`);

const fixtures = (kind: 'valid' | 'invalid') =>
  readdirSync(join(CORPUS, kind)).filter((f) => f.endsWith('.yaml')).sort();

test('dlt corpus: valid configs load', async (t) => {
  for (const name of fixtures('valid')) {
    const file = join(CORPUS, 'valid', name);
    await t.test(name, { todo: GAPS[`valid/${name}`] }, () => {
      const { env } = readHeader(file);
      try {
        load(file, env);
      } catch (e) {
        if (e instanceof ConfigError) assert.fail(`dlt accepts this config, restload reports:\n${show(e.problems)}`);
        throw e;
      }
    });
  }
});

test('dlt corpus: invalid configs are rejected', async (t) => {
  for (const name of fixtures('invalid')) {
    const file = join(CORPUS, 'invalid', name);
    await t.test(name, { todo: GAPS[`invalid/${name}`] }, () => {
      const h = readHeader(file);
      assert.ok(h.expect, `${name} has no "# expect:" line`);
      let problems: readonly ConfigProblem[] | undefined;
      try {
        load(file, h.env);
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        problems = e.problems;
      }
      assert.ok(problems, 'dlt rejects this config, restload loads it without a problem');
      const text = (p: ConfigProblem) => `${p.message}${p.hint ? `\n${p.hint}` : ''}`;
      const matching = problems.filter((p) => h.expect!.test(text(p)));
      assert.ok(matching.length, `no problem mentions /${h.expect!.source}/:\n${show(problems)}`);
      const placed = h.path === undefined ? matching : matching.filter((p) => underPath(p.configPath, h.path!));
      assert.ok(placed.length, `no problem mentioning /${h.expect!.source}/ is at ${h.path}:\n${show(problems)}`);
      assert.ok(
        placed.some((p) => typeof p.line === 'number' && p.line > 0),
        `the problem has no line number:\n${show(placed)}`,
      );
      if (h.absent) {
        for (const p of problems) assert.doesNotMatch(`${p.configPath} ${text(p)}`, h.absent, 'a problem prints what it must not');
      }
    });
  }
});
