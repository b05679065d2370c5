import { RestloadError, unknownValueMessage } from '../../common/errors.js';
import { didYouMean } from '../../common/did-you-mean.js';
import { AUTH_TYPES, type AuthType } from '../../config/schema/names.js';
import type { AuthConfig, AuthObjectConfig } from '../../config/schema/auth.js';

/** Type guard for the names in dlt's AUTH_MAP. */
export function isAuthType(value: unknown): value is AuthType {
  return typeof value === 'string' && (AUTH_TYPES as readonly string[]).includes(value);
}

/** The error dlt raises as ValueErrorWithKnownValues("auth_type", ...), with a did-you-mean. */
export function unknownAuthType(value: unknown): RestloadError {
  const name = String(value);
  const guess = didYouMean(name, AUTH_TYPES);
  return new RestloadError(unknownValueMessage('auth type', name, AUTH_TYPES), {
    code: 'AUTH_UNKNOWN_TYPE',
    exitCode: 2,
    hint: guess ? `did you mean "${guess}"?` : undefined,
  });
}

/**
 * Turns dlt's shorthands into the typed object form, as dlt's create_auth
 * does: `"bearer"` becomes `{type: "bearer"}` (credentials then come from
 * secrets) and a dict without `type` is bearer (`{token}`). The config layer
 * can merge secrets into the result before `createAuth`.
 */
export function normalizeAuthConfig(config: AuthConfig): AuthObjectConfig {
  if (typeof config === 'string') {
    if (!isAuthType(config)) throw unknownAuthType(config);
    return { type: config };
  }
  if (!('type' in config) || config.type === undefined) return { type: 'bearer', token: config.token };
  // Configs that did not go through the schema (library use) may still carry any type.
  if (!isAuthType(config.type)) throw unknownAuthType(config.type);
  return config;
}
