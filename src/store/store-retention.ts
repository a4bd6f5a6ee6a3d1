import type { Redis } from 'ioredis';
import { feedIdsOf } from '../domain/feed-id.js';
import { ArticleDocuments } from './article-documents.js';
import type { ArticleRepository } from './article-repository.js';
import type { CardRepository } from './card-repository.js';
import type { SearchIndex } from './search-index.js';
import { scanKeys } from './scan-keys.js';
import type { StoreKeys } from './store-keys.js';

/** What one retention run removed. */
export interface RetentionSummary {
  /** Articles first seen before the cutoff, deleted with their copies' records, cards and index entries. */
  expired: number;
  /** The channels whose feeds lost articles (to publish again). */
  channelIds: string[];
  /** Claim keys (item, url, content, merged) that pointed at articles no longer stored. */
  danglingKeys: number;
  /** Article ids taken out of LSH buckets because their articles are gone. */
  bucketEntries: number;
  /** On Redis Cluster: article documents no article named, left by a worker stopped between writing one and its claim. */
  orphanDocuments: number;
}

/** Articles expired per round trip. */
const BATCH = 500;
/** How far a chain of replaced articles is followed (the claim shortens chains as it reads them). */
const MAX_MERGE_HOPS = 8;
/** Set once every article stored before the `stored` index existed has been entered in it. */
const BACKFILLED = 'stored-backfilled';

/**
 * Keeps the store bounded (Redis runs with `noeviction`): deletes the articles first seen before
 * a cutoff — by when they were stored, not when they were published, so an imported archive is
 * kept as long as anything else — with their index entries, copy records and cards, then the
 * claim keys and LSH bucket entries that pointed at them. Only articles in the `stored` index are
 * expired, and claims are atomic Lua scripts that write an article and its claim keys together,
 * so a key is dangling only when its article is gone for good — and, for an article replaced as
 * its story's canonical copy, when its successor is gone too.
 */
export class StoreRetention {
  constructor(
    private readonly redis: Redis,
    private readonly keys: StoreKeys,
    private readonly articles: Pick<ArticleRepository, 'getMany'>,
    private readonly cards: Pick<CardRepository, 'remove'>,
    /** The full-text index, which loses the expired articles too. */
    private readonly search?: Pick<SearchIndex, 'remove'>,
  ) {
    this.documents = new ArticleDocuments(redis, keys);
  }

  private readonly documents: ArticleDocuments;

  async run(cutoffMs: number): Promise<RetentionSummary> {
    await this.backfillStoredIndex();
    const { expired, channelIds } = await this.expireArticles(cutoffMs);
    const danglingKeys = expired > 0 ? await this.deleteDanglingClaims() : 0;
    const bucketEntries = expired > 0 ? await this.pruneBuckets() : 0;
    const orphanDocuments = await this.documents.deleteOrphans();
    return { expired, channelIds, danglingKeys, bucketEntries, orphanDocuments };
  }

  private async expireArticles(cutoffMs: number): Promise<{ expired: number; channelIds: string[] }> {
    const channelIds = new Set<string>();
    let expired = 0;
    for (;;) {
      const ids = await this.redis.zrangebyscore(this.keys.stored(), '-inf', `(${cutoffMs}`, 'LIMIT', 0, BATCH);
      if (ids.length === 0) break;
      const found = await this.articles.getMany(ids);
      // On Redis Cluster the article keys name the documents to delete after them.
      const versions = this.documents.separate && found.length > 0 ? await this.redis.mget(found.map((a) => this.keys.article(a.id))) : [];
      const multi = this.redis.multi().zrem(this.keys.stored(), ...ids);
      for (const article of found) {
        for (const feed of feedIdsOf(
          article.channels.map((c) => c.id),
          article.source.id,
        ))
          multi.zrem(this.keys.feedIndex(feed), article.id).zrem(this.keys.feedChanges(feed), article.id);
        multi.unlink(this.keys.article(article.id), this.keys.alsoPublished(article.id));
        article.channels.forEach((c) => channelIds.add(c.id));
      }
      await multi.exec();
      for (const [i, article] of found.entries()) {
        await this.documents.remove(article.id, versions[i]);
        await this.cards.remove(article.id);
        await this.search?.remove(article.id);
      }
      expired += found.length;
    }
    return { expired, channelIds: [...channelIds] };
  }

  /** Deletes item, url, content and merged keys that lead to no stored article any more. */
  private async deleteDanglingClaims(): Promise<number> {
    let deleted = 0;
    for (const kind of ['item', 'url', 'content', 'merged'] as const) {
      await this.scan(this.keys.every(kind), async (keys) => {
        const values = await this.redis.mget(...keys);
        const ids = values.map((value) => value?.split('|')[0] ?? '');
        const live = await this.existing(ids);
        const dangling = keys.filter((_, i) => !live.has(ids[i] ?? ''));
        if (dangling.length > 0) deleted += await this.redis.unlink(...dangling);
      });
    }
    return deleted;
  }

  /** Takes the ids of articles no longer stored out of every LSH bucket, and drops emptied buckets. */
  private async pruneBuckets(): Promise<number> {
    let removed = 0;
    await this.scan(this.keys.every('lsh'), async (bandKeys) => {
      for (const bandKey of bandKeys) {
        const buckets = await this.redis.hgetall(bandKey);
        const live = await this.existing(Object.values(buckets).flatMap((ids) => ids.split(',')));
        const multi = this.redis.multi();
        for (const [field, value] of Object.entries(buckets)) {
          const ids = value.split(',');
          const kept = ids.filter((id) => live.has(id));
          if (kept.length === ids.length) continue;
          removed += ids.length - kept.length;
          if (kept.length === 0) multi.hdel(bandKey, field);
          else multi.hset(bandKey, field, kept.join(','));
        }
        await multi.exec();
      }
    });
    return removed;
  }

  /** Enters articles stored before the `stored` index existed, once, at the time they were first seen. */
  private async backfillStoredIndex(): Promise<void> {
    if (await this.redis.exists(this.keys.marker(BACKFILLED))) return;
    const articleKey = this.keys.article('');
    await this.scan(this.keys.every('article'), async (keys) => {
      const found = await this.articles.getMany(keys.map((key) => key.slice(articleKey.length)));
      const multi = this.redis.multi();
      for (const article of found) multi.zadd(this.keys.stored(), 'NX', Date.parse(article.firstSeenAt), article.id);
      await multi.exec();
    });
    await this.redis.set(this.keys.marker(BACKFILLED), new Date().toISOString());
  }

  /**
   * The ids among `ids` that still lead to a stored article: their own, or — for an article
   * replaced as its story's canonical copy — the one its `merged` chain ends at. A key naming a
   * replaced article still finds the story (the claim follows the chain), so it is not dangling.
   */
  private async existing(ids: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(ids)].filter((id) => id !== '');
    /** Where each asked id's chain has got to, while it is still followed. */
    let reached = new Map(unique.map((id) => [id, id]));
    const live = new Set<string>();
    for (let hop = 0; hop < MAX_MERGE_HOPS && reached.size > 0; hop++) {
      const at = [...new Set(reached.values())];
      const pipeline = this.redis.pipeline();
      for (const id of at) pipeline.exists(this.keys.article(id)).get(this.keys.merged(id));
      const replies = (await pipeline.exec()) ?? [];
      const stored = new Set(at.filter((_, i) => replies[2 * i]?.[1] === 1));
      const successor = new Map(at.map((id, i) => [id, replies[2 * i + 1]?.[1] as string | null | undefined]));
      const next = new Map<string, string>();
      for (const [asked, current] of reached) {
        const then = successor.get(current);
        if (stored.has(current)) live.add(asked);
        else if (then) next.set(asked, then);
      }
      reached = next;
    }
    return live;
  }

  /** Calls `each` with the keys matching `pattern`, a scan batch at a time (every master of a cluster). */
  private async scan(pattern: string, each: (keys: string[]) => Promise<void>): Promise<void> {
    await scanKeys(this.redis, pattern, each);
  }
}
