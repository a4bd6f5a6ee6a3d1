import type { Redis, Result } from 'ioredis';
import { deleteKeysMatching } from './delete-keys.js';
import { StoreKeys } from './store-keys.js';

/** An event to count: which article, which reader, when (ms), and the channels the article is in. */
export interface CountableEvent {
  articleId: string;
  readerId: string;
  at: number;
  channels: readonly string[];
}

/**
 * What became of one event: counted, a reader's second look within the hour, or part of a flood.
 * (`repeat` means the hour's HyperLogLog did not change: at thousands of readers an article's
 * new reader now and then changes none of its registers; the count, read by PFCOUNT, stays true.)
 */
export type CountOutcome = 'counted' | 'repeat' | 'flood';

/** Limits of what is kept about readers and counted from them; defaults in the config (`lists`). */
export interface ReaderActivitySettings {
  /** A reader's profile (what they read) is deleted after this long without activity. */
  profileTtlMs: number;
  /** Events one reader may send in a minute; past it, the rest of that minute is dropped. */
  maxEventsPerMinute: number;
  /** How many of a reader's reads the profile keeps (the newest). */
  profileSize: number;
}

/**
 * Sets an article's count in the hot sets of its channels to the distinct readers its hour's
 * HyperLogLog holds (within 1%): counting by PFCOUNT rather than by one increment per PFADD that
 * changed the HyperLogLog keeps the count true when thousands read one article in one hour.
 * KEYS[1] the article-hour HyperLogLog, KEYS[2..] the hot sets; ARGV[1] article id, ARGV[2] ttl s.
 */
const SET_HOT_COUNT_LUA = `
local readers = redis.call('PFCOUNT', KEYS[1])
for i = 2, #KEYS do
  redis.call('ZADD', KEYS[i], readers, ARGV[1])
  redis.call('EXPIRE', KEYS[i], ARGV[2])
end
return readers
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    setHotCount(numberOfKeys: number, ...keysAndArgs: (string | number)[]): Result<number, Context>;
  }
}

const HOUR_MS = 3_600_000;
/** Hourly hot counts are kept a day longer than the longest window (7 days). */
const HOT_HOUR_TTL_S = 8 * 24 * 3600;
/** A reader's once-per-hour set for an article lives out its hour, and a little more for late events. */
const READERS_TTL_S = 2 * 3600;

/** Returns the hour an instant falls in, as hours since the epoch: the bucket of counts. */
export function hourOf(ms: number): number {
  return Math.floor(ms / HOUR_MS);
}

/**
 * Counts reading events in Redis, in batches of two round trips and never one job per event:
 * a HyperLogLog per article and hour holds its distinct readers (a reader counts once per
 * article per hour), a sorted set per channel and hour holds each article's count of them, and a
 * per-reader counter over the current minute stops floods. Each reader's recent reads (for
 * 猜你喜欢) expire after a time without activity; no IP address is ever stored.
 */
export class ReaderActivityRepository {
  private readonly keys: StoreKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly settings: ReaderActivitySettings,
  ) {
    this.keys = new StoreKeys(prefix);
    redis.defineCommand('setHotCount', { lua: SET_HOT_COUNT_LUA });
  }

  /** Counts a batch of events and returns what became of each, in order. */
  async record(events: readonly CountableEvent[]): Promise<CountOutcome[]> {
    if (events.length === 0) return [];
    const first = this.redis.pipeline();
    for (const event of events) {
      const rate = this.keys.readerRate(event.readerId);
      const readers = this.keys.articleReaders(event.articleId, hourOf(event.at));
      // A fixed one-minute window: the counter is created with its expiry (SET NX EX works on Redis 6.2 too).
      first.set(rate, '0', 'EX', 60, 'NX').incr(rate).pfadd(readers, event.readerId).expire(readers, READERS_TTL_S);
    }
    const replies = (await first.exec()) ?? [];
    const outcomes = events.map((_, i): CountOutcome => {
      const [rateError, rate] = replies[4 * i + 1] ?? [];
      const [addError, added] = replies[4 * i + 2] ?? [];
      if (rateError || addError) throw new Error('store: counting events failed', { cause: rateError ?? addError });
      if (Number(rate) > this.settings.maxEventsPerMinute) return 'flood';
      return added === 1 ? 'counted' : 'repeat';
    });
    await this.write(events, outcomes);
    return outcomes;
  }

  /** The counts of one channel's articles in each of the given hours. */
  async hourlyCounts(channelId: string, hours: readonly number[]): Promise<Map<number, Map<string, number>>> {
    const pipeline = this.redis.pipeline();
    for (const hour of hours) pipeline.zrange(this.keys.hotHour(channelId, hour), '0', '-1', 'WITHSCORES');
    const replies = (await pipeline.exec()) ?? [];
    return new Map(hours.map((hour, i) => [hour, pairsOf((replies[i]?.[1] as string[] | undefined) ?? [])]));
  }

  /** The articles a reader read lately, newest first, with when. */
  async recentReads(readerId: string, limit: number): Promise<{ articleId: string; at: number }[]> {
    const flat = await this.redis.zrevrange(this.keys.readerReads(readerId), 0, limit - 1, 'WITHSCORES');
    return [...pairsOf(flat)].map(([articleId, at]) => ({ articleId, at }));
  }

  /** Deletes everything kept about one reader; returns how many keys went. */
  async deleteReader(readerId: string): Promise<number> {
    return deleteKeysMatching(this.redis, this.keys.readerKeys(readerId));
  }

  private async write(events: readonly CountableEvent[], outcomes: readonly CountOutcome[]): Promise<void> {
    const second = this.redis.pipeline();
    const ttlMs = this.settings.profileTtlMs;
    const recounted = new Set<string>();
    events.forEach((event, i) => {
      if (outcomes[i] === 'flood') return;
      const reads = this.keys.readerReads(event.readerId);
      second
        .zadd(reads, event.at, event.articleId)
        .zremrangebyrank(reads, 0, -this.settings.profileSize - 1)
        .pexpire(reads, ttlMs);
      const hour = hourOf(event.at);
      const readers = this.keys.articleReaders(event.articleId, hour);
      if (outcomes[i] !== 'counted' || recounted.has(readers)) return;
      recounted.add(readers);
      const hotSets = event.channels.map((channel) => this.keys.hotHour(channel, hour));
      second.setHotCount(1 + hotSets.length, readers, ...hotSets, event.articleId, HOT_HOUR_TTL_S);
    });
    if (second.length > 0) await second.exec();
  }
}

function pairsOf(flat: readonly string[]): Map<string, number> {
  const pairs = new Map<string, number>();
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.set(flat[i] ?? '', Number(flat[i + 1]));
  return pairs;
}
