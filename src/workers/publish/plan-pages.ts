import { lastPageOf, parseVariantKey, variantKey, type PageVariant } from '../../domain/feed-paging.js';

/**
 * Returns the pages to keep rendered: the default page (the newest `defaultLimit` items, which
 * nearly every reader asks for), then the pages readers asked for recently that still exist.
 * Rendering every `limit` and page on every change would cost far more than the few that are
 * read; see FeedDemandRepository for how a page comes to be asked for.
 */
export function planPages(defaultLimit: number, demanded: readonly string[], count: number): PageVariant[] {
  const defaultPage: PageVariant = { limit: defaultLimit, page: 1 };
  const pages = [defaultPage];
  const seen = new Set([variantKey(defaultPage)]);
  for (const key of demanded) {
    const variant = parseVariantKey(key);
    if (!variant || seen.has(key) || variant.page > lastPageOf(count, variant.limit)) continue;
    seen.add(key);
    pages.push(variant);
  }
  return pages;
}

/** Returns the article ids a page needs, as `[offset, limit]` into the feed's index. */
export function rangeOf(variant: PageVariant): [offset: number, limit: number] {
  return [(variant.page - 1) * variant.limit, variant.limit];
}
