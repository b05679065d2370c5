import { RestloadError } from '../../common/errors.js';

/**
 * dlt resolves auth credentials missing from the config from secrets and
 * refuses to run when one is still missing. The config layer does the
 * resolving here; this is the refusal, naming where the value belongs.
 */

/** Where `createAuth` says missing credentials go; `source` defaults to a placeholder. */
export interface CredentialContext {
  source?: string;
}

/** Values that count as "not given": absent, or empty where an empty value can only be an unset variable. */
function isMissing(value: unknown, allowEmpty: boolean): boolean {
  return value === undefined || value === null || (!allowEmpty && value === '');
}

/**
 * Throws AUTH_MISSING listing every field of `required` that has no value.
 * `allowEmpty` names fields where '' is a real value (basic auth with an empty password).
 */
export function requireCredentials<T extends object, K extends keyof T & string>(
  authType: string,
  config: T,
  required: readonly K[],
  ctx: CredentialContext = {},
  allowEmpty: readonly K[] = [],
): asserts config is T & { [P in K]-?: NonNullable<T[P]> } {
  const missing = required.filter((k) => isMissing(config[k], allowEmpty.includes(k)));
  if (missing.length === 0) return;
  const source = ctx.source ?? '<source>';
  const envPrefix = `SOURCES__REST_API__${ctx.source ? ctx.source.toUpperCase() : '<SOURCE>'}__CREDENTIALS__`;
  throw new RestloadError(`auth "${authType}" is missing ${missing.map((k) => `"${k}"`).join(', ')}`, {
    code: 'AUTH_MISSING',
    exitCode: 2,
    hint:
      `put ${missing.map((k) => `${k} = "..."`).join(', ')} under [sources.rest_api.${source}.credentials] in .dlt/secrets.toml, ` +
      `or set ${missing.map((k) => envPrefix + k.toUpperCase()).join(', ')}`,
  });
}
