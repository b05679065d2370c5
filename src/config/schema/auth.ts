import { Type, type Static } from '@sinclair/typebox';
import { closed } from './common.js';

/**
 * dlt's `client.auth` / `endpoint.auth`. The object forms are told apart by
 * `type`, as dlt's AUTH_MAP does. Credentials are optional in every form
 * because dlt fills missing ones from secrets
 * (`[sources.rest_api.<source>.credentials]`); `createAuth` says which one is
 * still missing at run time.
 */

/** dlt's AuthType, in AUTH_MAP order (dlt lists valid names in this order too). */
import { AUTH_TYPES, API_KEY_LOCATIONS, type AuthType, type ApiKeyLocation } from './names.js';

export { AUTH_TYPES, API_KEY_LOCATIONS, type AuthType, type ApiKeyLocation };

export const BearerAuthSchema = Type.Object(
  {
    type: Type.Literal('bearer', { description: 'Bearer token in the Authorization header.' }),
    token: Type.Optional(Type.String({ description: 'The token, sent as `Authorization: Bearer <token>`. Keep it in secrets.' })),
  },
  { ...closed, description: 'Bearer token authentication (dlt BearerTokenAuth).' },
);

/** dlt's shortcut `auth: {token: ...}`: a dict without `type` is bearer. */
export const TokenShorthandSchema = Type.Object(
  {
    token: Type.String({ description: 'The bearer token; `{token: ...}` without `type` means bearer auth.' }),
  },
  { ...closed, description: 'Shorthand for bearer auth: `{token: ...}`.' },
);

export const ApiKeyAuthSchema = Type.Object(
  {
    type: Type.Literal('api_key', { description: 'An API key in a header, query parameter or cookie.' }),
    name: Type.Optional(
      Type.String({ default: 'Authorization', description: 'Name of the header, query parameter or cookie (default Authorization).' }),
    ),
    api_key: Type.Optional(Type.String({ description: 'The key, sent as is (no prefix). Keep it in secrets.' })),
    location: Type.Optional(
      Type.Unsafe<ApiKeyLocation>({
        type: 'string',
        enum: [...API_KEY_LOCATIONS],
        default: 'header',
        description: 'Where the key goes: header (default), query (or its dlt alias param) or cookie.',
      }),
    ),
  },
  { ...closed, description: 'API key authentication (dlt APIKeyAuth).' },
);

export const HttpBasicAuthSchema = Type.Object(
  {
    type: Type.Literal('http_basic', { description: 'HTTP basic authentication.' }),
    username: Type.Optional(Type.String({ description: 'User name; may be empty (some APIs put the key here).' })),
    password: Type.Optional(Type.String({ description: 'Password; may be empty. Keep it in secrets.' })),
  },
  { ...closed, description: 'HTTP basic authentication (dlt HttpBasicAuth).' },
);

export const OAuth2ClientCredentialsSchema = Type.Object(
  {
    type: Type.Literal('oauth2_client_credentials', { description: 'OAuth 2.0 client credentials flow (machine to machine).' }),
    access_token_url: Type.Optional(Type.String({ description: 'URL the access token is POSTed for.' })),
    client_id: Type.Optional(Type.String({ description: 'Client id, sent in the form body. Keep it in secrets.' })),
    client_secret: Type.Optional(Type.String({ description: 'Client secret, sent in the form body. Keep it in secrets.' })),
    access_token_request_data: Type.Optional(
      Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()]), {
        description: 'Extra form fields for the token request (e.g. scope, audience); they override the standard ones.',
      }),
    ),
    default_token_expiration: Type.Optional(
      Type.Integer({ minimum: 0, default: 3600, description: 'Token lifetime in seconds when the response has no expires_in (default 3600).' }),
    ),
    access_token: Type.Optional(
      Type.String({ description: 'Accepted for dlt compatibility; as in dlt, a fresh token is fetched before the first request anyway.' }),
    ),
  },
  { ...closed, description: 'OAuth 2.0 client credentials authentication (dlt OAuth2ClientCredentials).' },
);

/** dlt's string shorthand `auth: bearer`: the type only, every credential from secrets. */
export const AuthTypeShorthandSchema = Type.Unsafe<AuthType>({
  type: 'string',
  enum: [...AUTH_TYPES],
  description: 'An auth type; all its credentials come from secrets ([sources.rest_api.<source>.credentials]).',
});

/** The typed object forms, i.e. what a shorthand normalizes to. */
export const AuthObjectSchema = Type.Union([BearerAuthSchema, ApiKeyAuthSchema, HttpBasicAuthSchema, OAuth2ClientCredentialsSchema]);

export const AuthConfigSchema = Type.Union([AuthTypeShorthandSchema, TokenShorthandSchema, ...AuthObjectSchema.anyOf], {
  description: 'Authentication: a type name, `{token: ...}` (bearer), or an object with `type`.',
});

export type BearerAuthConfig = Static<typeof BearerAuthSchema>;
export type TokenShorthandConfig = Static<typeof TokenShorthandSchema>;
export type ApiKeyAuthConfig = Static<typeof ApiKeyAuthSchema>;
export type HttpBasicAuthConfig = Static<typeof HttpBasicAuthSchema>;
export type OAuth2ClientCredentialsConfig = Static<typeof OAuth2ClientCredentialsSchema>;
/** An auth config with `type`: what every shorthand becomes. */
export type AuthObjectConfig = Static<typeof AuthObjectSchema>;
/** Any auth config the file may hold. */
export type AuthConfig = Static<typeof AuthConfigSchema>;

/**
 * The credentials each auth type needs, as dlt requires them (in the order of
 * dlt's fields, which its "missing" messages follow). The config
 * layer looks the missing ones up as secrets (`credentials.<field>`) and
 * reports those still missing; `createAuth` refuses to build an auth without
 * them. One table for both, so they cannot disagree.
 */
export const AUTH_REQUIRED_FIELDS = {
  bearer: ['token'],
  api_key: ['api_key'],
  http_basic: ['username', 'password'],
  oauth2_client_credentials: ['access_token_url', 'client_id', 'client_secret'],
} as const satisfies { [K in AuthType]: readonly string[] };

/** Required fields where '' is a real value (basic auth with an empty user or password), not an unset variable. */
export const AUTH_EMPTY_ALLOWED = ['username', 'password'] as const;
