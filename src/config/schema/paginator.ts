import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { closed } from './common.js';

/**
 * dlt's `paginator` setting (rest_api `PaginatorConfig`): either the name of a
 * paginator (dlt's PAGINATOR_MAP shorthand, `paginator: header_link`) or an
 * object told apart by `type` whose other keys are the constructor arguments
 * of dlt's paginator class, with dlt's names and defaults.
 *
 * Param names and body paths carry no JSON Schema `default`: dlt picks the
 * default query parameter only when neither the parameter nor the body path
 * is given, so a filled-in default would make the pair contradict itself.
 */

import { PAGINATOR_TYPES, PAGINATOR_SHORTHANDS, type PaginatorType, type PaginatorShorthand } from './names.js';

export { PAGINATOR_TYPES, PAGINATOR_SHORTHANDS, type PaginatorType, type PaginatorShorthand };

const nonEmpty = (description: string) => Type.String({ minLength: 1, description });
const opt = <T extends TSchema>(t: T) => Type.Optional(t);
const tag = <K extends PaginatorType>(type: K, description: string) => Type.Literal(type, { description });

const stopAfterEmptyPage = (dflt: boolean) =>
  opt(
    Type.Boolean({
      default: dflt,
      description: `Stop when a page has no records (default ${dflt}).`,
    }),
  );
const hasMorePath = opt(
  nonEmpty('JSON path of a boolean (or "true"/"false", "yes"/"no", "1"/"0") in the response saying whether more pages follow; false stops.'),
);
/** `null` is meaningful here: dlt's default is "total", and `total_path: null` turns the total off. */
const totalPath = (what: string) =>
  opt(
    Type.Union([nonEmpty(`JSON path of the total number of ${what}.`), Type.Null()], {
      default: 'total',
      description: `JSON path of the total number of ${what} in the response (default "total"); pagination stops once it is reached. null: the response has no total.`,
    }),
  );

/** dlt JSONLinkPaginator. */
export const JsonLinkPaginatorSchema = Type.Object(
  {
    type: tag('json_link', 'The next page URL is in the JSON response body.'),
    next_url_path: opt(
      Type.String({
        default: 'next',
        minLength: 1,
        description: 'JSON path of the next page URL in the response body (default "next"); relative URLs are resolved against the response URL.',
      }),
    ),
  },
  { ...closed, description: 'Follow a next-page URL found in the JSON body (dlt JSONLinkPaginator).' },
);

/** dlt's deprecated alias of json_link, still in PAGINATOR_MAP. */
export const JsonResponsePaginatorSchema = Type.Object(
  {
    type: tag('json_response', 'Deprecated dlt alias of json_link.'),
    next_url_path: opt(
      Type.String({ default: 'next', minLength: 1, description: 'JSON path of the next page URL in the response body (default "next").' }),
    ),
  },
  { ...closed, description: 'Deprecated: use type json_link (same behaviour).' },
);

/** dlt HeaderLinkPaginator. */
export const HeaderLinkPaginatorSchema = Type.Object(
  {
    type: tag('header_link', 'The next page URL is in the Link response header.'),
    links_next_key: opt(
      Type.String({ default: 'next', minLength: 1, description: 'The rel of the next page link in the Link header (default "next").' }),
    ),
  },
  { ...closed, description: 'Follow the Link header, as GitHub does (dlt HeaderLinkPaginator).' },
);

/** dlt HeaderCursorPaginator. */
export const HeaderCursorPaginatorSchema = Type.Object(
  {
    type: tag('header_cursor', 'The next page cursor is in a response header.'),
    cursor_key: opt(
      Type.String({ default: 'next', minLength: 1, description: 'Name of the response header that holds the next cursor (default "next").' }),
    ),
    cursor_param: opt(
      Type.String({ default: 'cursor', minLength: 1, description: 'Query parameter that sends the cursor back (default "cursor").' }),
    ),
  },
  { ...closed, description: 'Send back a cursor read from a response header (dlt HeaderCursorPaginator).' },
);

/** dlt OffsetPaginator. */
export const OffsetPaginatorSchema = Type.Object(
  {
    type: tag('offset', 'Offset and limit pagination.'),
    limit: Type.Integer({ minimum: 1, description: 'Number of records per page; the offset grows by this much each page. Required.' }),
    offset: opt(Type.Integer({ default: 0, description: 'Offset of the first request (default 0).' })),
    offset_param: opt(nonEmpty('Query parameter for the offset (default "offset", unless offset_body_path is set).')),
    limit_param: opt(nonEmpty('Query parameter for the limit (default "limit", unless limit_body_path is set).')),
    offset_body_path: opt(nonEmpty('Dot-separated path in the JSON request body for the offset, instead of a query parameter.')),
    limit_body_path: opt(nonEmpty('Dot-separated path in the JSON request body for the limit, instead of a query parameter.')),
    total_path: totalPath('records'),
    maximum_offset: opt(Type.Integer({ description: 'Stop once the offset reaches this value, even if there is more data.' })),
    stop_after_empty_page: stopAfterEmptyPage(true),
    has_more_path: hasMorePath,
  },
  { ...closed, description: 'Offset and limit in the query or the JSON body (dlt OffsetPaginator).' },
);

/** dlt PageNumberPaginator. */
export const PageNumberPaginatorSchema = Type.Object(
  {
    type: tag('page_number', 'Page number pagination.'),
    base_page: opt(Type.Integer({ default: 0, description: 'Number the API gives its first page: 0 or 1 (default 0).' })),
    page: opt(Type.Integer({ description: 'Page number of the first request (default base_page).' })),
    page_param: opt(nonEmpty('Query parameter for the page number (default "page", unless page_body_path is set).')),
    page_body_path: opt(nonEmpty('Dot-separated path in the JSON request body for the page number, instead of a query parameter.')),
    total_path: totalPath('pages'),
    maximum_page: opt(Type.Integer({ description: 'Stop once the page number reaches this value (that page is not requested).' })),
    stop_after_empty_page: stopAfterEmptyPage(true),
    has_more_path: hasMorePath,
  },
  { ...closed, description: 'Page number in the query or the JSON body (dlt PageNumberPaginator).' },
);

/** dlt JSONResponseCursorPaginator. */
export const CursorPaginatorSchema = Type.Object(
  {
    type: tag('cursor', 'The next page cursor is in the JSON response body.'),
    cursor_path: opt(
      Type.String({ default: 'cursors.next', minLength: 1, description: 'JSON path of the next cursor in the response body (default "cursors.next"); a missing, null or empty cursor stops.' }),
    ),
    cursor_param: opt(nonEmpty('Query parameter that sends the cursor back (default "cursor", unless cursor_body_path is set).')),
    cursor_body_path: opt(nonEmpty('Dot-separated path in the JSON request body for the cursor, instead of a query parameter.')),
    stop_after_empty_page: stopAfterEmptyPage(false),
    has_more_path: hasMorePath,
  },
  { ...closed, description: 'Send back a cursor read from the JSON body (dlt JSONResponseCursorPaginator).' },
);

/** dlt SinglePagePaginator. */
export const SinglePagePaginatorSchema = Type.Object(
  { type: tag('single_page', 'Exactly one request.') },
  { ...closed, description: 'The endpoint is not paginated (dlt SinglePagePaginator).' },
);

/** dlt's `auto`: detect from the first response. */
export const AutoPaginatorSchema = Type.Object(
  { type: tag('auto', 'Detect the paginator from the first response.') },
  { ...closed, description: 'Detect the paginator from the first response, as dlt does when none is given.' },
);

/** A paginator by name alone. */
export const PaginatorShorthandSchema = Type.Unsafe<PaginatorShorthand>({
  type: 'string',
  enum: [...PAGINATOR_SHORTHANDS],
  description: 'A paginator by name, with its default options (offset needs an object: its limit is required).',
});

/** Every paginator object form. */
export const PaginatorObjectSchema = Type.Union([
  JsonLinkPaginatorSchema,
  JsonResponsePaginatorSchema,
  HeaderLinkPaginatorSchema,
  HeaderCursorPaginatorSchema,
  OffsetPaginatorSchema,
  PageNumberPaginatorSchema,
  CursorPaginatorSchema,
  SinglePagePaginatorSchema,
  AutoPaginatorSchema,
]);

/** dlt's `paginator`: a name or an object; leaving it out means auto. */
export const PaginatorConfigSchema = Type.Union([PaginatorShorthandSchema, ...PaginatorObjectSchema.anyOf], {
  description: 'How to get the next page (dlt paginator): a name such as header_link, or an object with a type. Default: auto-detect.',
});

/** `{type: json_link, ...}` as written in the config. */
export type JsonLinkPaginatorConfig = Static<typeof JsonLinkPaginatorSchema>;
/** `{type: json_response, ...}` (deprecated alias of json_link). */
export type JsonResponsePaginatorConfig = Static<typeof JsonResponsePaginatorSchema>;
/** `{type: header_link, ...}` as written in the config. */
export type HeaderLinkPaginatorConfig = Static<typeof HeaderLinkPaginatorSchema>;
/** `{type: header_cursor, ...}` as written in the config. */
export type HeaderCursorPaginatorConfig = Static<typeof HeaderCursorPaginatorSchema>;
/** `{type: offset, limit, ...}` as written in the config. */
export type OffsetPaginatorConfig = Static<typeof OffsetPaginatorSchema>;
/** `{type: page_number, ...}` as written in the config. */
export type PageNumberPaginatorConfig = Static<typeof PageNumberPaginatorSchema>;
/** `{type: cursor, ...}` as written in the config. */
export type CursorPaginatorConfig = Static<typeof CursorPaginatorSchema>;
/** `{type: single_page}`. */
export type SinglePagePaginatorConfig = Static<typeof SinglePagePaginatorSchema>;
/** `{type: auto}`. */
export type AutoPaginatorConfig = Static<typeof AutoPaginatorSchema>;
/** Any paginator object form. */
export type PaginatorObjectConfig = Static<typeof PaginatorObjectSchema>;
/** The `paginator` setting as written in the config. */
export type PaginatorConfig = Static<typeof PaginatorConfigSchema>;
