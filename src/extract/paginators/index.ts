import { didYouMean } from '../../common/did-you-mean.js';
import { RestloadError, unknownValueMessage } from '../../common/errors.js';
import { PAGINATOR_TYPES, type PaginatorType } from '../../config/schema/names.js';
import type { PaginatorConfig, PaginatorObjectConfig } from '../../config/schema/paginator.js';
import { AutoPaginator } from './auto.js';
import { CursorPaginator } from './cursor.js';
import { HeaderCursorPaginator } from './header-cursor.js';
import { HeaderLinkPaginator } from './header-link.js';
import { JsonLinkPaginator } from './json-link.js';
import { OffsetPaginator } from './offset.js';
import { PageNumberPaginator } from './page-number.js';
import type { Paginator } from './paginator.js';
import { SinglePagePaginator } from './single-page.js';

export type { Paginator } from './paginator.js';
export { AutoPaginator } from './auto.js';
export { CursorPaginator, type CursorOptions } from './cursor.js';
export { DETECTORS, detectPaginator, isSingleEntityPath, type Detection, type Detector } from './detect.js';
export { HeaderCursorPaginator } from './header-cursor.js';
export { HeaderLinkPaginator } from './header-link.js';
export { JsonLinkPaginator } from './json-link.js';
export { OffsetPaginator, type OffsetOptions } from './offset.js';
export { PageNumberPaginator, type PageNumberOptions } from './page-number.js';
export { SinglePagePaginator } from './single-page.js';

/** The object config of one paginator type. */
type ConfigOf<K extends PaginatorType> = Extract<PaginatorObjectConfig, { type: K }>;

/**
 * One factory per type, keyed by every PaginatorType: adding a type to the
 * schema without a factory here is a compile error.
 */
const FACTORIES: { [K in PaginatorType]: (config: ConfigOf<K>) => Paginator } = {
  json_link: (c) => new JsonLinkPaginator(c.next_url_path),
  json_response: (c) => new JsonLinkPaginator(c.next_url_path),
  header_link: (c) => new HeaderLinkPaginator(c.links_next_key),
  header_cursor: (c) => new HeaderCursorPaginator(c.cursor_key, c.cursor_param),
  auto: () => new AutoPaginator(),
  single_page: () => new SinglePagePaginator(),
  cursor: (c) => new CursorPaginator(c),
  offset: (c) => new OffsetPaginator(c),
  page_number: (c) => new PageNumberPaginator(c),
};

/**
 * A fresh paginator for an endpoint's `paginator` setting (paginators hold
 * state, so every resource run and child request needs its own). Nothing
 * configured, or `auto`, gives the auto-detecting paginator, as in dlt; an
 * object without `type` is auto too, as dlt reads it. An unknown type throws,
 * listing the valid names.
 */
export function createPaginator(config: PaginatorConfig | null | undefined): Paginator {
  if (config === undefined || config === null) return new AutoPaginator();
  const object = typeof config === 'string' ? { type: config } : config;
  const type: unknown = (object as { type?: unknown }).type ?? 'auto';
  if (!isPaginatorType(type)) {
    const name = String(type);
    const guess = didYouMean(name, PAGINATOR_TYPES);
    throw new RestloadError(unknownValueMessage('paginator type', name, PAGINATOR_TYPES), {
      code: 'PAGINATOR_TYPE',
      hint: guess ? `did you mean "${guess}"?` : undefined,
      exitCode: 2,
    });
  }
  const factory = FACTORIES[type] as (config: PaginatorObjectConfig) => Paginator;
  return factory(object as PaginatorObjectConfig);
}

function isPaginatorType(value: unknown): value is PaginatorType {
  return (PAGINATOR_TYPES as readonly unknown[]).includes(value);
}
