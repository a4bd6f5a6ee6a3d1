import type { AlsoPublished, Article } from '../domain/article.js';
import { feedIdsOf } from '../domain/feed-id.js';
import { sha256 } from '../domain/sha256.js';

/** Returns the record an article leaves on its story's canonical article when it is a copy. */
export function copyRecordOf(article: Article): AlsoPublished {
  return { url: article.url, sourceId: article.source.id, sourceName: article.source.name, publishedAt: article.publishedAt };
}

/** Returns the hash that names an item key or URL in the store's claim keys. */
export function claimHash(text: string): string {
  return sha256(text, 'hex').slice(0, 32);
}

/** Returns the feed ids an article is indexed under, joined by ',' as the store's scripts take them. */
export function joinedFeedIdsOf(article: Pick<Article, 'channels' | 'source'>): string {
  return feedIdsOf(
    article.channels.map((c) => c.id),
    article.source.id,
  ).join(',');
}
