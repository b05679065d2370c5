import { AUTH_EMPTY_ALLOWED, AUTH_REQUIRED_FIELDS, type AuthConfig, type AuthObjectConfig, type AuthType } from '../../config/schema/auth.js';
import type { HttpSender } from '../http-types.js';
import { ApiKeyAuth } from './api-key.js';
import type { Auth } from './auth.js';
import { BearerTokenAuth } from './bearer.js';
import { HttpBasicAuth } from './http-basic.js';
import { requireCredentials, type CredentialContext } from './missing.js';
import { normalizeAuthConfig } from './normalize.js';
import { OAuth2ClientCredentials } from './oauth2-client-credentials.js';
import { registerSecret } from '../../common/redact.js';

export type { Auth } from './auth.js';
export { ApiKeyAuth } from './api-key.js';
export { BearerTokenAuth } from './bearer.js';
export { HttpBasicAuth, basicCredentials } from './http-basic.js';
export { OAuth2ClientCredentials, REFRESH_MARGIN_MS, type OAuth2ClientCredentialsOptions } from './oauth2-client-credentials.js';
export { normalizeAuthConfig, isAuthType } from './normalize.js';

/** What `createAuth` needs besides the config. */
export interface CreateAuthOptions extends CredentialContext {
  /** dlt's `session` for oauth2_client_credentials: a sender for the token request (a Python object in dlt, so not in the file). */
  session?: HttpSender;
}

type Factory<K extends AuthType> = (config: Extract<AuthObjectConfig, { type: K }>, opts: CreateAuthOptions) => Auth;

/** dlt's AUTH_MAP. Keyed by every AuthType, so adding a type to AUTH_TYPES without a factory does not compile. */
const FACTORIES: { [K in AuthType]: Factory<K> } = {
  bearer: (c, opts) => {
    requireCredentials('bearer', c, AUTH_REQUIRED_FIELDS.bearer, opts);
    return new BearerTokenAuth(c.token);
  },
  api_key: (c, opts) => {
    requireCredentials('api_key', c, AUTH_REQUIRED_FIELDS.api_key, opts);
    return new ApiKeyAuth(c.api_key, c.name ?? 'Authorization', c.location ?? 'header');
  },
  http_basic: (c, opts) => {
    requireCredentials('http_basic', c, AUTH_REQUIRED_FIELDS.http_basic, opts, AUTH_EMPTY_ALLOWED);
    return new HttpBasicAuth(c.username, c.password);
  },
  oauth2_client_credentials: (c, opts) => {
    requireCredentials('oauth2_client_credentials', c, AUTH_REQUIRED_FIELDS.oauth2_client_credentials, opts);
    registerSecret(c.access_token);
    return new OAuth2ClientCredentials({
      accessTokenUrl: c.access_token_url,
      clientId: c.client_id,
      clientSecret: c.client_secret,
      accessTokenRequestData: c.access_token_request_data,
      defaultTokenExpiration: c.default_token_expiration,
      session: opts.session,
    });
  },
};

/**
 * dlt's create_auth: any auth config form (type name, `{token}`, typed
 * object) to an Auth. Throws AUTH_UNKNOWN_TYPE for a name not in AUTH_TYPES
 * and AUTH_MISSING when a required credential was neither in the config nor
 * in secrets; `opts.source` names the secrets section in that error.
 */
export function createAuth(config: AuthConfig, opts: CreateAuthOptions = {}): Auth {
  const typed = normalizeAuthConfig(config);
  // TypeScript cannot correlate FACTORIES[typed.type] with typed; the map's key type guarantees it.
  const factory = FACTORIES[typed.type] as (c: AuthObjectConfig, o: CreateAuthOptions) => Auth;
  return factory(typed, opts);
}
