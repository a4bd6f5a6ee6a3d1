import { z } from 'zod';
import { FEED_FORMATS, type FeedFormat } from '../../domain/feed-format.js';
import { MAX_PAGE_LIMIT, type PageVariant } from '../../domain/feed-paging.js';

/** `?limit=&page=` of a feed request, validated (400 names the parameter); other parameters (cache busters) are ignored. */
export const feedQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).optional(),
});
export type FeedQuery = z.infer<typeof feedQuerySchema>;

/** The path of a feed file: `taian.atom`. */
export const feedFileParamsSchema = z.object({ file: z.string() });

const FEED_FILE = new RegExp(`^([a-z0-9][a-z0-9_-]*)\\.(${FEED_FORMATS.join('|')})$`);

/** Splits `taian.atom` into the feed name and format; undefined for anything else. */
export function parseFeedFile(file: string): { name: string; format: FeedFormat } | undefined {
  const match = FEED_FILE.exec(file);
  if (!match) return undefined;
  // FEED_FILE requires both groups, and its second admits only FEED_FORMATS.
  const [, name = '', format = ''] = match;
  return { name, format: format as FeedFormat };
}

/** Returns the page a query asks for: the default limit and the first page unless given. */
export function variantOf(query: FeedQuery, defaultLimit: number): PageVariant {
  return { limit: query.limit ?? defaultLimit, page: query.page ?? 1 };
}

/** The 404 body for a path that is not a feed file. */
export function notAFeedFile(pattern: string) {
  return { error: 'not_found', message: `expected ${pattern}.{rss|atom|json}` };
}
