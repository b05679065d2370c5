/**
 * The fixed name lists of the config vocabulary, `as const`, with no schema
 * library attached: the extract stage imports these at run time, while the
 * TypeBox schemas (built from the same lists) are only needed to write the
 * JSON Schema and to explain errors. Importing TypeBox cost ~0.15 s of every
 * start-up in the profile.
 */

/** dlt's PaginatorType, in PAGINATOR_MAP order (dlt lists valid names in this order too). */
export const PAGINATOR_TYPES = [
  'json_link',
  'json_response',
  'header_link',
  'header_cursor',
  'auto',
  'single_page',
  'cursor',
  'offset',
  'page_number',
] as const;
/** A paginator `type` (or shorthand name) dlt knows. */
export type PaginatorType = (typeof PAGINATOR_TYPES)[number];

/**
 * The names usable on their own. dlt accepts every PAGINATOR_MAP name but
 * `offset` then fails at run time (its `limit` is required), so the schema
 * rejects it up front.
 */
export const PAGINATOR_SHORTHANDS = PAGINATOR_TYPES.filter(
  (t): t is Exclude<PaginatorType, 'offset'> => t !== 'offset',
);
/** A paginator name usable on its own. */
export type PaginatorShorthand = Exclude<PaginatorType, 'offset'>;

export const AUTH_TYPES = ['bearer', 'api_key', 'http_basic', 'oauth2_client_credentials'] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

/** dlt's TApiKeyLocation: `param` is dlt's alias of `query`. */
export const API_KEY_LOCATIONS = ['header', 'query', 'param', 'cookie'] as const;
export type ApiKeyLocation = (typeof API_KEY_LOCATIONS)[number];
