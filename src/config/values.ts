import { registerSecret } from '../common/redact.js';
import { RestloadError } from '../common/errors.js';
import { ConfigProviders } from './secrets.js';

/**
 * `${secrets.KEY}` / `${config.KEY}` for library users: the same lookup
 * (environment, then .dlt/secrets.toml or .dlt/config.toml in the current
 * folder; most specific section first) with `source` as the source name.
 */
export function secrets(key: string, opts: { source?: string; cwd?: string } = {}): string {
  const v = lookup('secrets', key, opts);
  registerSecret(v);
  return v;
}

export function config(key: string, opts: { source?: string; cwd?: string } = {}): string {
  return lookup('config', key, opts);
}

function lookup(kind: 'secrets' | 'config', key: string, opts: { source?: string; cwd?: string }): string {
  const r = new ConfigProviders([opts.cwd ?? process.cwd()]).lookup(kind, key, opts.source ?? '');
  if (!r.found) {
    throw new RestloadError(`${kind}.${key} was not found; looked in: ${r.tried.join('; ')}`, {
      code: 'CONFIG', exitCode: 2,
      hint: `set ${key.toUpperCase().replace(/\./g, '__')} in the environment or add it to .dlt/${kind === 'secrets' ? 'secrets' : 'config'}.toml`,
    });
  }
  return String(r.value);
}
