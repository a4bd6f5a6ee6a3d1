import type { AlsoPublished, Article } from '../domain/article.js';
import { sha256 } from '../domain/sha256.js';

/** Returns the record an article leaves on its story's canonical article when it is a copy. */
export function copyRecordOf(article: Article): AlsoPublished {
  return { url: article.url, sourceId: article.source.id, sourceName: article.source.name, publishedAt: article.publishedAt };
}

/** Returns the hash that names an item key or URL in the store's claim keys. */
export function claimHash(text: string): string {
  return sha256(text, 'hex').slice(0, 32);
}
