import { sha256 } from '../../domain/sha256.js';
import type { Article } from '../../domain/article.js';
import type { FeedSpec } from '../../domain/feed-catalog.js';
import type { PageVariant } from '../../domain/feed-paging.js';

/** Bump when the rendering changes, so that every feed is rendered again after an upgrade. */
const RENDER_REVISION = 1;

/** Returns a hash over everything a feed's head depends on: its names, links, hub and policy. */
export function headHashOf(spec: FeedSpec): string {
  return sha256(JSON.stringify({ revision: RENDER_REVISION, spec }), 'base64url');
}

/** Returns `id@updatedAt` of each article: what identifies the version of the page's items. */
export function versionsOf(articles: readonly Article[]): string[] {
  return articles.map(versionOf);
}

/** Returns the version of one article: `id@updatedAt`. */
export function versionOf(article: Article): string {
  return `${article.id}@${article.updatedAt}`;
}

/**
 * Returns a hash over everything a page's bytes depend on: the head, the page, the feed's item
 * count (its last page, and what servers check page numbers against), and each article's
 * version and content. Equal signatures mean the stored bytes are still right: no render.
 */
export function signatureOf(headHash: string, variant: PageVariant, count: number, articles: readonly Article[]): string {
  const items = articles.map((a) => [a.id, a.updatedAt, a.firstSeenAt, a.contentHash, a.title, a.summary, a.url]);
  return sha256(JSON.stringify({ headHash, variant, count, items }), 'base64url');
}
