import type { Redis, Result } from 'ioredis';
import { REMOVE_SEARCH_TERMS_LUA, WRITE_SEARCH_TERMS_LUA } from './scripts/search-terms.js';
import { keyLayoutOf, StoreKeys } from './store-keys.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    writeSearchTerms(...args: string[]): Result<0 | 1, Context>;
    removeSearchTerms(...args: string[]): Result<1, Context>;
  }
}

/**
 * The full-text index of stored articles: an inverted index in Redis from each term of an
 * article's title and text (domain/search-terms.ts) to the articles that hold it, written by the
 * process stage right after the article is stored and taken out when the article is replaced or
 * expires. Each write is one Lua script, so postings, an article's list of terms and its
 * search-changes time always agree. ArticleListing reads it.
 */
export class SearchIndex {
  readonly keys: StoreKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = new StoreKeys(prefix, keyLayoutOf(redis));
    redis.defineCommand('writeSearchTerms', { numberOfKeys: 1, lua: WRITE_SEARCH_TERMS_LUA });
    redis.defineCommand('removeSearchTerms', { numberOfKeys: 1, lua: REMOVE_SEARCH_TERMS_LUA });
  }

  /** Indexes a stored article under its terms, replacing the terms it had; returns false when the article is no longer stored. */
  async write(articleId: string, terms: readonly string[]): Promise<boolean> {
    return this.writeTerms(articleId, terms, 'write');
  }

  /**
   * Indexes a stored article unless it is indexed already: for an item seen again, whose first
   * processing may have stopped between storing the article and indexing it. Returns whether it wrote.
   */
  async ensure(articleId: string, terms: readonly string[]): Promise<boolean> {
    return this.writeTerms(articleId, terms, 'ensure');
  }

  private async writeTerms(articleId: string, terms: readonly string[], mode: 'write' | 'ensure'): Promise<boolean> {
    const written = await this.redis.writeSearchTerms(
      this.keys.searchTerms(articleId),
      this.keys.articlePrefix,
      articleId,
      terms.join(','),
      mode,
    );
    return written === 1;
  }

  /** Takes an article out of the index. */
  async remove(articleId: string): Promise<void> {
    await this.redis.removeSearchTerms(this.keys.searchTerms(articleId), this.keys.articlePrefix, articleId);
  }
}
