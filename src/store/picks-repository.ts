import type { Redis } from 'ioredis';
import { z } from 'zod';
import { keyLayoutOf, StoreKeys } from './store-keys.js';
import { decodeStored } from './stored-values.js';

/** An editor's pin of an article on a channel's 新闻推荐 list, until a time. */
export interface Pick {
  articleId: string;
  pinnedAt: number;
  until: number;
}

const pinSchema = z.object({ pinnedAt: z.number(), until: z.number() });

/** Keeps editors' picks: one hash per channel, article id → when it was pinned and until when. */
export class PicksRepository {
  private readonly keys: StoreKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = new StoreKeys(prefix, keyLayoutOf(redis));
  }

  /** Pins an article on a channel until `until` (ms); pinning it again moves its expiry. */
  async pin(channelId: string, articleId: string, until: number, now: number): Promise<void> {
    await this.redis.hset(this.keys.picks(channelId), articleId, JSON.stringify({ pinnedAt: now, until }));
  }

  /** Unpins an article; false when it was not pinned. */
  async unpin(channelId: string, articleId: string): Promise<boolean> {
    return (await this.redis.hdel(this.keys.picks(channelId), articleId)) === 1;
  }

  /** Returns the live pins of a channel in the order they were pinned; expired ones are removed. */
  async live(channelId: string, now: number): Promise<Pick[]> {
    const key = this.keys.picks(channelId);
    const entries = Object.entries(await this.redis.hgetall(key)).map(([articleId, json]) => ({
      articleId,
      ...decodeStored(pinSchema, json, `${key} ${articleId}`),
    }));
    const expired = entries.filter((pick) => pick.until <= now).map((pick) => pick.articleId);
    if (expired.length > 0) await this.redis.hdel(key, ...expired);
    return entries.filter((pick) => pick.until > now).sort((a, b) => a.pinnedAt - b.pinnedAt);
  }
}
