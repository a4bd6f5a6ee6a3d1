import type { Redis, Result } from 'ioredis';
import { deleteKeysMatching } from './delete-keys.js';
import { RECORD_EVENTS_LUA } from './scripts/record-events.js';
import { keyLayoutOf, StoreKeys } from './store-keys.js';

/** An event to count: which article, which reader, when (ms), and the channels the article is in. */
export interface CountableEvent {
  articleId: string;
  readerId: string;
  at: number;
  channels: readonly string[];
}

/**
 * What a batch of events did to the counts: by how much the distinct-reader counts grew, how
 * many events were a reader's flood, how many changed nothing (a reader's second look within
 * the hour), and the channels whose counts changed.
 */
export interface RecordedEvents {
  counted: number;
  floods: number;
  repeats: number;
  changedChannels: Set<string>;
}

/** Limits of what is kept about readers and counted from them; defaults in the config (`lists`). */
export interface ReaderActivitySettings {
  /** A reader's profile (what they read) is deleted after this long without activity. */
  profileTtlMs: number;
  /** Events one reader may send in a minute; past it, the rest of that minute is dropped. */
  maxEventsPerMinute: number;
  /** How many of a reader's reads the profile keeps (the newest). */
  profileSize: number;
}

declare module 'ioredis' {
  interface RedisCommander<Context> {
    recordEvents(...args: (string | number)[]): Result<number[], Context>;
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
 * Counts reading events in Redis, a batch in one Lua call and never one job per event:
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
    this.keys = new StoreKeys(prefix, keyLayoutOf(redis));
    // The number of keys varies with the batch: the caller gives it first.
    redis.defineCommand('recordEvents', { lua: RECORD_EVENTS_LUA });
  }

  /**
   * Counts a batch of events, in time order, in one Lua call however large the batch: the events
   * are grouped here by reader and by article-hour, so Redis does one PFADD and two PFCOUNTs per
   * article-hour and one profile update per reader, not a round of commands per event.
   */
  async record(events: readonly CountableEvent[]): Promise<RecordedEvents> {
    // The script takes every key from KEYS: the JSON names each key by its index there (1-based).
    const declared = new Map<string, number>();
    const declare = (key: string) => declared.get(key) ?? declared.set(key, declared.size + 1).size;
    const groups: [readersKey: number, articleId: string, hotKeys: number[]][] = [];
    const groupChannels: (readonly string[])[] = [];
    const groupIndex = new Map<string, number>();
    const readers = new Map<string, [readerId: string, rateKey: number, readsKey: number, events: [group: number, at: number][]]>();
    for (const event of events) {
      const hour = hourOf(event.at);
      const readersKey = this.keys.articleReaders(event.articleId, hour);
      let group = groupIndex.get(readersKey);
      if (group === undefined) {
        groups.push([declare(readersKey), event.articleId, event.channels.map((channel) => declare(this.keys.hotHour(channel, hour)))]);
        groupChannels.push(event.channels);
        group = groups.length; // Lua counts from 1
        groupIndex.set(readersKey, group);
      }
      let reader = readers.get(event.readerId);
      if (!reader) {
        reader = [event.readerId, declare(this.keys.readerRate(event.readerId)), declare(this.keys.readerReads(event.readerId)), []];
        readers.set(event.readerId, reader);
      }
      reader[3].push([group, event.at]);
    }
    if (events.length === 0) return { counted: 0, floods: 0, repeats: 0, changedChannels: new Set() };
    const { maxEventsPerMinute, profileTtlMs, profileSize } = this.settings;
    const batch = { max: maxEventsPerMinute, profileTtl: profileTtlMs, profileSize, hotTtl: HOT_HOUR_TTL_S, readersTtl: READERS_TTL_S };
    const [counted = 0, floods = 0, ...changed] = await this.redis.recordEvents(
      declared.size,
      ...declared.keys(),
      JSON.stringify({ ...batch, groups, readers: [...readers.values()] }),
    );
    return {
      counted,
      floods,
      repeats: Math.max(0, events.length - floods - counted),
      changedChannels: new Set(changed.flatMap((group) => groupChannels[group - 1] ?? [])),
    };
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
}

function pairsOf(flat: readonly string[]): Map<string, number> {
  const pairs = new Map<string, number>();
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.set(flat[i] ?? '', Number(flat[i + 1]));
  return pairs;
}
