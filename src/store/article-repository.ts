import type { Redis } from 'ioredis';
import type { Article } from '../domain/article.js';
import type { Verdict } from '../domain/verdict.js';
import type { NearDuplicateCheck } from '../domain/near-duplicate-check.js';
import { ArticleDocuments } from './article-documents.js';
import { ArticleWriter } from './article-writer.js';
import { keyLayoutOf, StoreKeys } from './store-keys.js';
import { alsoPublishedSchema, decodeStored, storedArticleSchema } from './stored-values.js';

export { LSH_BUCKET_CAP } from './article-writer.js';

/** Stores articles in Redis and reads them back; the writes that dedupe are in ArticleWriter. */
export class ArticleRepository {
  readonly keys: StoreKeys;
  private readonly writer: ArticleWriter;
  private readonly documents: ArticleDocuments;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = new StoreKeys(prefix, keyLayoutOf(redis));
    this.documents = new ArticleDocuments(redis, this.keys);
    this.writer = new ArticleWriter(
      redis,
      this.keys,
      this.documents,
      (ids) => this.getMany(ids),
      (id) => this.get(id),
    );
  }

  /**
   * Stores an article unless a copy exists: the same item again (an update when its content
   * changed), the same article under another URL or with the same content, or the same story
   * reposted (`near`). Safe to call twice for one item, and from many workers.
   */
  async save(article: Article, near?: NearDuplicateCheck): Promise<Verdict> {
    return this.writer.save(article, near);
  }

  /**
   * Returns one article with the outlets that also ran it, or undefined. An id whose article was
   * replaced by an earlier-published copy answers with that copy.
   */
  async get(id: string): Promise<Article | undefined> {
    let current: string | null = id;
    // A story's canonical copy may have been replaced more than once: follow the chain a little way.
    for (let step = 0; current && step < 5; step++) {
      const article = (await this.getMany([current]))[0];
      if (article) return article;
      current = await this.redis.get(this.keys.merged(current));
    }
    return undefined;
  }

  /**
   * Returns articles by id, in the order asked, skipping ids with no article; one round trip (on
   * Redis Cluster two: the article store's slot, then the documents on their masters).
   */
  async getMany(ids: readonly string[]): Promise<Article[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.get(this.keys.article(id)).lrange(this.keys.alsoPublished(id), 0, -1);
    const replies = (await pipeline.exec()) ?? [];
    const failed = replies.find(([error]) => error);
    if (failed) throw new Error('store: reading articles failed', { cause: failed[0] });
    const documents = await this.documents.read(
      ids,
      ids.map((_, i) => (replies[2 * i]?.[1] as string | null | undefined) ?? null),
    );
    const articles: Article[] = [];
    for (const [i, id] of ids.entries()) {
      const json = documents[i];
      const also = replies[2 * i + 1]?.[1];
      if (typeof json !== 'string') continue;
      const records = (also as string[]).map((record) => decodeStored(alsoPublishedSchema, record, this.keys.alsoPublished(id)));
      articles.push({ ...decodeStored(storedArticleSchema, json, this.keys.article(id)), alsoPublishedBy: records });
    }
    return articles;
  }

  /** Returns the ids of a feed's newest articles, newest first. */
  async listFeed(feedId: string, limit: number, offset = 0): Promise<string[]> {
    return this.redis.zrevrange(this.keys.feedIndex(feedId), offset, offset + limit - 1);
  }

  /** Returns how many articles a feed holds. */
  async countFeed(feedId: string): Promise<number> {
    return this.redis.zcard(this.keys.feedIndex(feedId));
  }

  /** Returns, for each feed, when its newest article was published (ms; undefined for an empty feed) and how many were published since `sinceMs`. */
  async feedActivity(feedIds: readonly string[], sinceMs: number): Promise<{ newestMs: number | undefined; since: number }[]> {
    const pipeline = this.redis.pipeline();
    for (const id of feedIds)
      pipeline.zrevrange(this.keys.feedIndex(id), 0, 0, 'WITHSCORES').zcount(this.keys.feedIndex(id), sinceMs, '+inf');
    const replies = (await pipeline.exec()) ?? [];
    return feedIds.map((_, i) => {
      const [newestError, newest] = replies[2 * i] ?? [];
      const [countError, count] = replies[2 * i + 1] ?? [];
      if (newestError || countError) throw new Error('store: reading feed activity failed', { cause: newestError ?? countError });
      const score = (newest as string[] | undefined)?.[1];
      return { newestMs: score === undefined ? undefined : Number(score), since: Number(count) };
    });
  }
}
