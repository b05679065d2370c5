// A few hundred generated broken configs (test/helpers/broken-configs.ts:
// dlt's valid corpus in YAML, JSON and TOML, mutated, seeded) through the
// config loader: each one either still loads, or fails with a ConfigError
// whose every problem has a line and a column inside the file. Never another
// exception ("a bug in restload"), never a stack trace in a message.
// The CLI side (`restload validate`, exit 2) is test/e2e/config-errors.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/config/errors.js';
import { loadConfig } from '../../src/config/load.js';
import { normalizeText } from '../../src/config/text.js';
import { baseConfigs, brokenConfigs, type BrokenConfig } from '../helpers/broken-configs.js';

const PER_FORMAT = 150;
const SEED = 14;

/** What loading `text` as `name` gives: 'ok', or the problems; anything but a ConfigError fails the test. */
export function checkBroken(cfg: BrokenConfig, name: string, cwd: string): 'ok' | 'error' {
  const why = `${name} from ${cfg.base.name}.${cfg.base.format} after ${cfg.mutations.join(', ')}:\n${JSON.stringify(cfg.text.slice(0, 600))}`;
  try {
    loadConfig(name, { text: cfg.text, cwd, env: {} });
    return 'ok';
  } catch (e) {
    assert.ok(e instanceof ConfigError, `not a ConfigError (${(e as Error)?.stack ?? String(e)})\n${why}`);
    // Lines as an editor counts them (a lone CR ends one too).
    const lines = normalizeText(cfg.text).split('\n');
    for (const p of e.problems) {
      const where = `${JSON.stringify(p)}\n${why}`;
      assert.ok(Number.isInteger(p.line) && p.line! >= 1 && p.line! <= lines.length, `line outside the file: ${where}`);
      assert.ok(Number.isInteger(p.column) && p.column! >= 1 && p.column! <= lines[p.line! - 1]!.length + 1, `column outside the line: ${where}`);
      assert.doesNotMatch(p.message, /\n\s+at |Maximum call stack|bug in restload/, where);
    }
    return 'error';
  }
}

test('the base configs load in every format (so a failure below is the mutation\'s doing)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'restload-corpus-'));
  try {
    const bases = baseConfigs();
    for (const f of ['yaml', 'json', 'toml'] as const) assert.ok(bases.filter((b) => b.format === f).length >= 20, f);
    for (const b of bases) assert.doesNotThrow(() => loadConfig(`${b.name}.${b.format}`, { text: b.text, cwd: dir, env: {} }), `${b.name}.${b.format}\n${b.text}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const format of ['yaml', 'json', 'toml'] as const) {
  test(`${PER_FORMAT} broken ${format} configs: a ConfigError with line and column, or a config that still loads`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'restload-corpus-'));
    try {
      const outcomes = brokenConfigs(format, PER_FORMAT, SEED).map((cfg, i) => checkBroken(cfg, `broken-${i}.${format}`, dir));
      const errors = outcomes.filter((o) => o === 'error').length;
      // Most mutations break a file; if almost none did, the generator broke.
      assert.ok(errors >= PER_FORMAT / 2, `only ${errors} of ${PER_FORMAT} were refused`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
