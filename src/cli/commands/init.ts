import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError, unknownValueMessage } from '../../common/errors.js';
import { err } from '../output.js';
import { CONFIG_TOML, GITHUB_YAML, GITIGNORE, SECRETS_TOML } from '../templates.js';

const SOURCES = ['rest_api'];
const DESTINATIONS = ['duckdb'];

export async function initCommand(source: string, destination: string, opts: { force?: boolean }): Promise<void> {
  if (!SOURCES.includes(source)) throw new UsageError(unknownValueMessage('source', source, SOURCES), 'run: restload init rest_api duckdb');
  if (!DESTINATIONS.includes(destination)) throw new UsageError(unknownValueMessage('destination', destination, DESTINATIONS), 'run: restload init rest_api duckdb');
  const files: [string, string][] = [
    ['github.yaml', GITHUB_YAML],
    [join('.dlt', 'config.toml'), CONFIG_TOML],
    [join('.dlt', 'secrets.toml'), SECRETS_TOML],
    ['.gitignore', GITIGNORE],
  ];
  const existing = files.filter(([f]) => existsSync(f)).map(([f]) => f);
  if (existing.length && !opts.force) {
    throw new UsageError(`not overwriting existing files: ${existing.join(', ')}`, 'use --force to overwrite them');
  }
  for (const [file, text] of files) {
    mkdirSync(dirname(file) || '.', { recursive: true });
    writeFileSync(file, text);
    process.stderr.write(`${err.green('created')} ${file}\n`);
  }
  process.stdout.write(
    [
      '',
      'Next steps:',
      '  1. replace "..." in .dlt/secrets.toml with a GitHub token (or delete the two `auth` lines in github.yaml:',
      '     without a token GitHub allows 60 requests an hour)',
      '  2. npx restload validate github.yaml',
      '  3. npx restload run github.yaml',
      '  4. npx restload pipeline github show',
      '',
    ].join('\n'),
  );
}

// The CLI reports a command's errors with the reportError of the module that threw them (one bundle each).
export { reportError } from '../output.js';
