import type { Redis, Result } from 'ioredis';
import { keyLayoutOf, StoreKeys } from './store-keys.js';

/**
 * Writes what a list showed and keeps the newest `limit` URLs. KEYS[1] the hash (URL →
 * signature), KEYS[2] the sorted set (URL by when last shown); ARGV: now (ms), limit, TTL (ms),
 * then URL and signature pairs. The URLs shown longest ago go first, from both keys.
 */
const REMEMBER_LISTED_LUA = `
for i = 4, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  redis.call('ZADD', KEYS[2], ARGV[1], ARGV[i])
end
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[2])
if excess > 0 then
  local dropped = redis.call('ZRANGE', KEYS[2], 0, excess - 1)
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, excess - 1)
  for _, url in ipairs(dropped) do redis.call('HDEL', KEYS[1], url) end
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return excess
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    rememberListed(entries: string, order: string, now: number, limit: number, ttlMs: number, ...pairs: string[]): Result<number, Context>;
  }
}

/** URLs remembered per list source: its pages show some tens each; a few polls' worth of them. */
export const LISTED_ENTRIES_KEPT = 2_000;
/** A source whose lists nobody read for this long is forgotten. */
export const LISTED_ENTRIES_TTL_MS = 30 * 86_400_000;

/**
 * What each list source's pages last showed for each article URL (a signature of its title and
 * time), so that a changed entry's page is fetched again. Bounded: the LISTED_ENTRIES_KEPT URLs
 * shown most recently, and nothing after LISTED_ENTRIES_TTL_MS without a poll.
 */
export class ListedEntriesRepository {
  private readonly keys: StoreKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly limit = LISTED_ENTRIES_KEPT,
  ) {
    this.keys = new StoreKeys(prefix, keyLayoutOf(redis));
    redis.defineCommand('rememberListed', { numberOfKeys: 2, lua: REMEMBER_LISTED_LUA });
  }

  /** Returns the signatures remembered for these URLs (those with one). */
  async recall(sourceId: string, urls: readonly string[]): Promise<Map<string, string>> {
    if (urls.length === 0) return new Map();
    const values = await this.redis.hmget(this.keys.listedEntries(sourceId), ...urls);
    const found = new Map<string, string>();
    urls.forEach((url, i) => {
      const value = values[i];
      if (typeof value === 'string') found.set(url, value);
    });
    return found;
  }

  /** Remembers what a list showed for each URL, now; the URLs shown longest ago past the limit are forgotten. */
  async remember(sourceId: string, signatures: ReadonlyMap<string, string>, now = Date.now()): Promise<void> {
    if (signatures.size === 0) return;
    const pairs = [...signatures].flat();
    await this.redis.rememberListed(
      this.keys.listedEntries(sourceId),
      this.keys.listedOrder(sourceId),
      now,
      this.limit,
      LISTED_ENTRIES_TTL_MS,
      ...pairs,
    );
  }
}
