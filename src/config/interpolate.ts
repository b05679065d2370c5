import { registerSecret } from '../common/redact.js';
import type { ConfigProblem } from './errors.js';
import { formatConfigPath } from './errors.js';
import type { ConfigProviders } from './secrets.js';

/** The value `restload init` leaves in secrets.toml for the user to replace. */
export const SECRET_PLACEHOLDER = '...';

const PLACEHOLDER = /\$\{\s*(secrets|config|env)\.([A-Za-z0-9_.\-]+)\s*\}/g;

export interface InterpolateContext {
  file: string;
  sourceName: string;
  providers: ConfigProviders;
  env?: NodeJS.ProcessEnv;
  locate(path: readonly (string | number)[]): { line: number; column: number } | undefined;
  /**
   * Where a secret still equal to SECRET_PLACEHOLDER is reported. Given
   * (`validate`), the placeholder stays in the config and the problem is a
   * warning; absent (`run`, the library), it is an error like any other.
   */
  placeholderSecrets?: ConfigProblem[];
}

/**
 * Replaces `${secrets.KEY}`, `${config.KEY}` and `${env.NAME}` in every string
 * of the config. A string that is exactly one placeholder takes the value's
 * own type (a TOML number stays a number). Secrets are registered for masking.
 */
export function interpolate(value: unknown, ctx: InterpolateContext, problems: ConfigProblem[], path: (string | number)[] = []): unknown {
  if (typeof value === 'string') return interpolateString(value, ctx, problems, path);
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, ctx, problems, [...path, i]));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolate(v, ctx, problems, [...path, k]);
    return out;
  }
  return value;
}

function interpolateString(s: string, ctx: InterpolateContext, problems: ConfigProblem[], path: (string | number)[]): unknown {
  if (!s.includes('${')) return s;
  const env = ctx.env ?? process.env;
  const resolveOne = (kind: string, key: string): unknown => {
    if (kind === 'env') {
      const v = env[key];
      if (v === undefined) {
        problems.push({ file: ctx.file, ...ctx.locate(path), configPath: formatConfigPath(path), message: `environment variable ${key} is not set`, hint: `export ${key}=...` });
      }
      return v ?? '';
    }
    const r = ctx.providers.lookup(kind as 'secrets' | 'config', key, ctx.sourceName);
    if (!r.found) {
      const file = kind === 'secrets' ? 'secrets.toml' : 'config.toml';
      problems.push({
        file: ctx.file, ...ctx.locate(path), configPath: formatConfigPath(path),
        message: `\${${kind}.${key}} was not found; looked in: ${r.tried.join('; ')}`,
        hint: `add ${key.split('.').pop()} = "..." under [sources.rest_api.${ctx.sourceName}] in .dlt/${file}, or set SOURCES__REST_API__${ctx.sourceName.toUpperCase()}__${key.toUpperCase().replace(/\./g, '__')}`,
      });
      return '';
    }
    if (kind === 'secrets' && r.value === SECRET_PLACEHOLDER) {
      // The last place looked in is where the placeholder was found.
      const where = r.tried[r.tried.length - 1]!;
      (ctx.placeholderSecrets ?? problems).push({
        file: ctx.file, ...ctx.locate(path), configPath: formatConfigPath(path),
        message: `\${secrets.${key}} is still the placeholder "${SECRET_PLACEHOLDER}" (found in ${where.startsWith('env ') ? `environment variable ${where.slice(4)}` : where})`,
        hint: `replace "${SECRET_PLACEHOLDER}" there with the real value, or set SOURCES__REST_API__${ctx.sourceName.toUpperCase()}__${key.toUpperCase().replace(/\./g, '__')}; for a public API you can remove this setting`,
      });
      return ctx.placeholderSecrets ? r.value : '';
    }
    if (kind === 'secrets') registerSecret(String(r.value));
    return r.value;
  };
  const whole = /^\$\{\s*(secrets|config|env)\.([A-Za-z0-9_.\-]+)\s*\}$/.exec(s);
  if (whole) return resolveOne(whole[1]!, whole[2]!);
  return s.replace(PLACEHOLDER, (_m, kind: string, key: string) => String(resolveOne(kind, key)));
}
