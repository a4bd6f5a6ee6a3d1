import type { Redis } from 'ioredis';
import { feedId } from '../domain/feed-id.js';
import { keyLayoutOf, StoreKeys } from './store-keys.js';

/** An article that never reaches the newest page of a channel (an old story) is forgotten after a day. */
const FORGET_AFTER_MS = 86_400_000;

/**
 * Measures how long items take from their fetch to their channel feeds: the process worker notes
 * each new article's fetch time under each of its channels; after a channel's feeds are rebuilt,
 * the publish worker takes the noted articles that are now on the feed's newest page, and their
 * delays are the end-to-end latency. A sorted set per channel, scored by fetch time.
 */
export class FeedArrivals {
  private readonly keys: StoreKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = new StoreKeys(prefix, keyLayoutOf(redis));
  }

  /** Notes that an article fetched at `fetchedAt` is on its way to these channels' feeds. */
  async expect(articleId: string, fetchedAt: string, channelIds: readonly string[]): Promise<void> {
    const fetchedMs = Date.parse(fetchedAt);
    if (!Number.isFinite(fetchedMs) || channelIds.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const channelId of channelIds) pipeline.zadd(this.keys.feedArrivals(channelId), fetchedMs, articleId);
    await pipeline.exec();
  }

  /** Returns the delays (s) of the noted articles now among a channel feed's newest `pageSize`, and forgets them. */
  async arrived(channelId: string, pageSize: number, now: number): Promise<number[]> {
    const key = this.keys.feedArrivals(channelId);
    const onPage = await this.redis.zrevrange(this.keys.feedIndex(feedId.channel(channelId)), 0, pageSize - 1);
    if (onPage.length === 0) return [];
    const fetched = await this.redis.zmscore(key, ...onPage);
    const arrived = onPage.filter((_, i) => fetched[i] !== null);
    await this.redis
      .multi()
      .zrem(key, ...(arrived.length > 0 ? arrived : ['']))
      .zremrangebyscore(key, '-inf', now - FORGET_AFTER_MS)
      .exec();
    return fetched.flatMap((ms) => (ms === null ? [] : [Math.max(0, (now - Number(ms)) / 1000)]));
  }
}
