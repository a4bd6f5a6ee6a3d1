import type { FeedFormat } from '../domain/feed-format.js';

/** One page of a feed: `limit` items from item `(page - 1) * limit` on, newest first. */
export interface PageVariant {
  limit: number;
  page: number;
}

/** The URLs a feed document names (RFC 4287 §4.2.7.2 self; RFC 5005 §3 first/last/next/previous). */
export interface PageLinks {
  self: string;
  first: string;
  last: string;
  next?: string;
  previous?: string;
}

/** The most items one page may hold (`?limit=` at most this). */
export const MAX_PAGE_LIMIT = 200;

/** Returns the storage key of a variant, e.g. `50x1`. */
export function variantKey(variant: PageVariant): string {
  return `${variant.limit}x${variant.page}`;
}

/** Parses a key made by `variantKey`; undefined for anything else. */
export function parseVariantKey(key: string): PageVariant | undefined {
  const match = /^(\d{1,3})x(\d{1,6})$/.exec(key);
  if (!match) return undefined;
  const variant = { limit: Number(match[1]), page: Number(match[2]) };
  return variant.limit >= 1 && variant.limit <= MAX_PAGE_LIMIT && variant.page >= 1 ? variant : undefined;
}

/** Returns the number of the last page of a feed of `count` items (1 for an empty feed). */
export function lastPageOf(count: number, limit: number): number {
  return Math.max(1, Math.ceil(count / limit));
}

/**
 * Returns the URL of one page of a feed: `{base}.{format}`, with `limit` when it is not the
 * default and `page` when it is not the first, so the common URL stays the plain one.
 */
export function pageUrl(base: string, format: FeedFormat, variant: PageVariant, defaultLimit: number): string {
  const query: string[] = [];
  if (variant.limit !== defaultLimit) query.push(`limit=${variant.limit}`);
  if (variant.page !== 1) query.push(`page=${variant.page}`);
  return `${base}.${format}${query.length > 0 ? `?${query.join('&')}` : ''}`;
}

/** Returns the self and paging links of one page in one format (RFC 5005 §3 paged feeds). */
export function pageLinks(base: string, format: FeedFormat, variant: PageVariant, lastPage: number, defaultLimit: number): PageLinks {
  const at = (page: number) => pageUrl(base, format, { limit: variant.limit, page }, defaultLimit);
  return {
    self: at(variant.page),
    first: at(1),
    last: at(lastPage),
    ...(variant.page < lastPage ? { next: at(variant.page + 1) } : {}),
    ...(variant.page > 1 ? { previous: at(Math.min(variant.page - 1, lastPage)) } : {}),
  };
}
