import type { Redis, Result } from 'ioredis';
import { callDeclaring, declareKeys, type Undeclared } from './declared-keys.js';
import { REMOVE_SEARCH_TERMS_LUA, WRITE_SEARCH_TERMS_LUA } from './scripts/search-terms.js';
import { SpreadSearchWrites } from './spread-search-writes.js';
import { keyLayoutOf, StoreKeys } from './store-keys.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    writeSearchTerms(...args: (string | number)[]): Result<0 | 1 | Undeclared, Context>;
    removeSearchTerms(...args: (string | number)[]): Result<1 | Undeclared, Context>;
  }
}

/**
 * The full-text index of stored articles: an inverted index in Redis from each term of an
 * article's title and text (domain/search-terms.ts) to the articles that hold it, written by the
 * process stage right after the article is stored and taken out when the article is replaced or
 * expires. On one Redis each write is one Lua script, so postings, an article's list of terms and
 * its search-changes time always agree; on Redis Cluster the postings spread over the masters and
 * are written group by group, outside that script (SpreadSearchWrites). ArticleListing reads it.
 */
export class SearchIndex {
  readonly keys: StoreKeys;
  private readonly spread: SpreadSearchWrites | undefined;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = new StoreKeys(prefix, keyLayoutOf(redis));
    this.spread = this.keys.layout === 'cluster' ? new SpreadSearchWrites(redis, this.keys) : undefined;
    // The number of keys varies with the terms: the caller gives it first.
    redis.defineCommand('writeSearchTerms', { lua: WRITE_SEARCH_TERMS_LUA });
    redis.defineCommand('removeSearchTerms', { lua: REMOVE_SEARCH_TERMS_LUA });
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
    if (this.spread) return this.spread.write(articleId, terms, mode);
    const { keys } = this;
    const groups = {
      listed: keys.searchTerms(articleId),
      article: keys.article(articleId),
      changes: keys.searchChanges(),
      clock: keys.changeClock(),
      postings: terms.map(keys.searchPostings),
    };
    // The terms it had are known only to the script: it names those it lost, to be declared.
    const written = await callDeclaring(
      (lost) => {
        const call = declareKeys(groups, lost, { word: keys.searchPostings });
        return this.redis.writeSearchTerms(...call.args, articleId, terms.join(','), mode);
      },
      { script: 'write-search-terms' },
    );
    return written === 1;
  }

  /** Takes an article out of the index. */
  async remove(articleId: string): Promise<void> {
    if (this.spread) return this.spread.remove(articleId);
    const groups = { listed: this.keys.searchTerms(articleId), changes: this.keys.searchChanges() };
    await callDeclaring(
      (terms) => {
        const call = declareKeys(groups, terms, { word: this.keys.searchPostings });
        return this.redis.removeSearchTerms(...call.args, articleId);
      },
      { script: 'remove-search-terms' },
    );
  }
}
