import type { Redis } from 'ioredis';
import { keyLayoutOf, StoreKeys } from './store-keys.js';

/** How long a page stays rendered after it was last asked for. */
export const DEMAND_TTL_MS = 60 * 60_000;
/** At most this many pages besides the default one are kept rendered per feed. */
export const MAX_DEMANDED_VARIANTS = 16;

/**
 * Remembers which pages of a feed (other than the default one) readers asked for recently, so
 * that the publish job renders them too: one sorted set per feed, page key by time of last request.
 */
export class FeedDemandRepository {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(feedId: string): string {
    return new StoreKeys(this.prefix, keyLayoutOf(this.redis)).feedDemand(feedId);
  }

  /** Notes that a reader asked for a page of a feed now; only the most recent pages are kept, whatever a client asks. */
  async record(feedId: string, variant: string, now = Date.now()): Promise<void> {
    const key = this.key(feedId);
    await this.redis
      .multi()
      .zadd(key, now, variant)
      .zremrangebyrank(key, 0, -(MAX_DEMANDED_VARIANTS + 1))
      .pexpire(key, DEMAND_TTL_MS)
      .exec();
  }

  /** Returns the pages asked for within the TTL, most recent first, at most the cap. */
  async list(feedId: string, now = Date.now()): Promise<string[]> {
    const key = this.key(feedId);
    const [, recent] =
      (await this.redis
        .multi()
        .zremrangebyscore(key, '-inf', `(${now - DEMAND_TTL_MS}`)
        .zrevrange(key, 0, MAX_DEMANDED_VARIANTS - 1)
        .exec()) ?? [];
    return (recent?.[1] as string[] | undefined) ?? [];
  }
}
