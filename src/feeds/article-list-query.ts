import { z } from 'zod';
import { ALL_CHANNEL_ID } from '../domain/channel.js';
import { feedId } from '../domain/feed-id.js';
import { queryTermsOf, type SegmentText } from '../domain/search-terms.js';
import type { ListingOrder, ListingPosition, ListingQuery } from '../store/article-listing.js';
import { decodeCursor, type ArticleCursor } from './article-cursor.js';

/** The query of `GET /api/articles`: what validates requests, and what the OpenAPI document says of them. */
export const articleListQuerySchema = z.strictObject({
  channel: z.string().optional().describe('A channel id (`taian`, `xintai` …); default `all`, every article.'),
  source: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'a source id is lower-case letters, digits, - and _')
    .optional()
    .describe("Only this source's articles (a configured source id, or `partner-<id>` for a partner's pushed articles)."),
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe(
      'Full-text search over title and text: articles holding every word of it (segmented as Chinese; words of one character on their own are not searched).',
    ),
  since: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('Only articles stored or changed after this time (ISO 8601 with offset); implies `order=changed`.'),
  order: z
    .enum(['published', 'changed'])
    .optional()
    .describe(
      '`published`: newest publication first (the default). `changed`: oldest change first, the order to sync by (the default with `since`).',
    ),
  cursor: z.string().max(1_000).optional().describe('The `next` of the previous page: the page after it, with the same filters.'),
  limit: z.coerce.number().int().min(1).max(200).default(20).describe('Articles per page, 1–200.'),
});

export type ArticleListQuery = z.infer<typeof articleListQuerySchema>;

/** What one request lists: the store's query, and the cursor that stands for its filters. */
export interface ArticleListPlan {
  cursor: ArticleCursor;
  listing: ListingQuery;
}

/** A request that cannot be listed: which parameter and why (answered 400). */
export interface ArticleListError {
  message: string;
}

/**
 * Returns what a request asks for, or why it cannot be answered: the filters from its cursor
 * (when it has one; repeating them is allowed, changing them is not), the order (`changed` with
 * `since`), where to start (the later of the cursor and `since`), and the search terms of `q`.
 */
export function planArticleList(query: ArticleListQuery, segment: SegmentText): ArticleListPlan | ArticleListError {
  const given = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  if (query.cursor !== undefined && !given) return { message: 'cursor: not a cursor of this API (pass back the `next` of a page)' };
  const order: ListingOrder = given?.order ?? query.order ?? (query.since ? 'changed' : 'published');
  const wanted = { order: query.order, channel: query.channel, source: query.source, q: query.q };
  if (given) {
    const conflict = (Object.keys(wanted) as (keyof typeof wanted)[]).find(
      (key) => wanted[key] !== undefined && wanted[key] !== given[key],
    );
    if (conflict) return { message: `${conflict}: the cursor was made for ${conflict} ${JSON.stringify(given[conflict] ?? null)}` };
  }
  if (query.since && order === 'published') return { message: 'since: lists by change, so not with order=published' };
  const cursor: ArticleCursor = given ?? { order, channel: query.channel ?? ALL_CHANNEL_ID, source: query.source, q: query.q };
  const terms = cursor.q === undefined ? [] : queryTermsOf(segment(cursor.q));
  if (cursor.q !== undefined && terms.length === 0) return { message: 'q: no word of two or more characters to search for' };
  const start = laterOf(cursor.position, query.since === undefined ? undefined : sincePosition(query.since));
  const feeds: [string, ...string[]] = [feedId.channel(cursor.channel)];
  if (cursor.source !== undefined) feeds.push(feedId.source(cursor.source));
  return { cursor: { ...cursor, position: start }, listing: { order, feeds, terms, after: start, limit: query.limit } };
}

/**
 * The position just past a time in the changed order, whose scores are µs: past every change
 * in or before the millisecond `since` names.
 */
export function sincePosition(since: string): ListingPosition {
  return { score: Date.parse(since) * 1000 + 999 };
}

/** The position further on in the changed order (the only one `since` applies to). */
function laterOf(a: ListingPosition | undefined, b: ListingPosition | undefined): ListingPosition | undefined {
  if (!a || !b) return a ?? b;
  return b.score >= a.score ? b : a;
}
