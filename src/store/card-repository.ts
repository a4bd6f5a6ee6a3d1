import type { Redis, Result } from 'ioredis';
import { z } from 'zod';
import type { ArticleCard, TermStatistics } from '../domain/article-card.js';
import { callDeclaring, declareKeys, type Undeclared } from './declared-keys.js';
import { WRITE_CARD_LUA } from './scripts/write-card.js';
import { keyLayoutOf, StoreKeys } from './store-keys.js';
import { decodeStored } from './stored-values.js';

/** How many articles each term's postings keep: the newest, which is what recommendations look at. */
export const POSTINGS_CAP = 1_000;
/** The field of the frequency hash that counts the articles themselves (N of IDF). */
const ARTICLE_COUNT = '*';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    writeCard(...args: (string | number)[]): Result<1 | Undeclared, Context>;
  }
}

const cardSchema = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string(),
  publishedAt: z.string(),
  channels: z.array(z.string()),
  sourceId: z.string(),
  contentHash: z.string(),
  keywords: z.array(z.object({ term: z.string(), count: z.number() })),
  places: z.array(z.string()),
}) satisfies z.ZodType<ArticleCard>;

/**
 * Keeps the cards of stored articles and an inverted index of their terms (postings by time,
 * document frequencies): what related articles, for-you and search read instead of whole articles.
 */
export class CardRepository {
  private readonly keys: StoreKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = new StoreKeys(prefix, keyLayoutOf(redis));
    // The number of keys varies with the card's terms: the caller gives it first.
    redis.defineCommand('writeCard', { lua: WRITE_CARD_LUA });
  }

  /**
   * Stores a card, moving the term index and the frequencies from the card it replaces, if any,
   * in one script (scripts/write-card.ts).
   */
  async write(card: ArticleCard): Promise<void> {
    const terms = [...new Set(card.keywords.map((keyword) => keyword.term))];
    const groups = { card: this.keys.card(card.id), frequencies: this.keys.termFrequencies(), postings: terms.map(this.keys.termPostings) };
    const published = String(Date.parse(card.publishedAt) || 0);
    // The terms of the card it replaces are known only to the script: it names those lost, to be declared.
    await callDeclaring(
      (lost) => {
        const call = declareKeys(groups, lost, { term: this.keys.termPostings });
        return this.redis.writeCard(...call.args, card.id, JSON.stringify(card), published, POSTINGS_CAP, ...terms);
      },
      { script: 'write-card' },
    );
  }

  /** Removes a card (an article that another copy replaced) from the cards and the term index. */
  async remove(articleId: string): Promise<void> {
    const card = (await this.getMany([articleId]))[0];
    if (!card) return;
    const multi = this.redis.multi().del(this.keys.card(articleId)).hincrby(this.keys.termFrequencies(), ARTICLE_COUNT, -1);
    for (const { term } of card.keywords)
      multi.zrem(this.keys.termPostings(term), articleId).hincrby(this.keys.termFrequencies(), term, -1);
    await multi.exec();
  }

  /** Returns the cards of the ids that have one, in the order asked. */
  async getMany(ids: readonly string[]): Promise<ArticleCard[]> {
    if (ids.length === 0) return [];
    const values = await this.redis.mget(ids.map((id) => this.keys.card(id)));
    return values.flatMap((value, i) => (value === null ? [] : [decodeStored(cardSchema, value, this.keys.card(ids[i] ?? ''))]));
  }

  /** Returns, for each term, the ids of the newest articles that hold it (at most `perTerm`). */
  async postings(terms: readonly string[], perTerm: number): Promise<Map<string, string[]>> {
    const pipeline = this.redis.pipeline();
    for (const term of terms) pipeline.zrevrange(this.keys.termPostings(term), 0, perTerm - 1);
    const replies = (await pipeline.exec()) ?? [];
    return new Map(terms.map((term, i) => [term, (replies[i]?.[1] as string[] | undefined) ?? []]));
  }

  /** Returns the document frequency of each term and the number of articles, for IDF. */
  async statistics(terms: readonly string[]): Promise<TermStatistics> {
    const values = await this.redis.hmget(this.keys.termFrequencies(), ARTICLE_COUNT, ...terms);
    const [count, ...frequencies] = values;
    return {
      articleCount: Number(count ?? 0),
      documentFrequency: new Map(terms.map((term, i) => [term, Number(frequencies[i] ?? 0)])),
    };
  }
}
