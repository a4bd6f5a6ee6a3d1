import type { FetchFailure } from '../domain/fetch-outcome.js';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { keyLayoutOf, StoreKeys } from './store-keys.js';
import { checkStored } from './stored-values.js';

/** What operators see of a source's fetching, and the validators for the next conditional GET. */
export interface SourceState {
  etag?: string;
  lastModified?: string;
  lastFetchAt?: string;
  lastSuccessAt?: string;
  /** `ok`, `not-modified`, `error`, or `gone` (410: the source is polled no more). */
  lastStatus?: string;
  lastError?: string;
  /** The kind of the last error (timeout, refused, http-5xx…: see domain/fetch-outcome.ts). */
  lastErrorKind?: string;
  /** Failures since the last success; 0 when the source is healthy. */
  errorCount: number;
  /** Items read from the source since it was first fetched. */
  itemsSeen: number;
  /** The source is not polled before this time (backoff, Retry-After, the feed's ttl). */
  nextPollAt?: string;
  /** The URL that answered 410 Gone: while the source still points there, it is not polled. */
  goneUrl?: string;
  /** Items queued since the last poll that brought something new (its items, and those of the pages it linked). */
  recentItems?: number;
  /** How many of those failed to process (for good: no retry left, or a permanent error). */
  recentItemFailures?: number;
  /** Why the last item of this source that failed did (which item, and what was wrong), and when. */
  lastItemError?: string;
  lastItemErrorAt?: string;
  /** Pages of fullText entries that could not be read (their entries kept the feed's content), and the last reason. */
  fullTextFailures?: number;
  lastFullTextError?: string;
  lastFullTextErrorAt?: string;
}

/** A source state hash as Redis returns it: every field a string; counts default to 0. */
const sourceStateSchema = z.object({
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  lastFetchAt: z.string().optional(),
  lastSuccessAt: z.string().optional(),
  lastStatus: z.string().optional(),
  lastError: z.string().optional(),
  lastErrorKind: z.string().optional(),
  errorCount: z.coerce.number().int().min(0).default(0),
  itemsSeen: z.coerce.number().int().min(0).default(0),
  nextPollAt: z.string().optional(),
  goneUrl: z.string().optional(),
  recentItems: z.coerce.number().int().min(0).optional(),
  recentItemFailures: z.coerce.number().int().min(0).optional(),
  lastItemError: z.string().optional(),
  lastItemErrorAt: z.string().optional(),
  fullTextFailures: z.coerce.number().int().min(0).optional(),
  lastFullTextError: z.string().optional(),
  lastFullTextErrorAt: z.string().optional(),
});

/** Keeps each source's fetch state in a Redis hash. */
export class SourceStateRepository {
  private readonly keys: StoreKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = new StoreKeys(prefix, keyLayoutOf(redis));
  }

  /** Returns a source's state, checked field by field; a corrupt hash is an error naming its key. */
  async get(sourceId: string): Promise<SourceState> {
    const key = this.keys.sourceState(sourceId);
    return checkStored(sourceStateSchema, await this.redis.hgetall(key), key);
  }

  /**
   * Records a successful fetch: the validators to send next time; clears the error. A poll that
   * brought items or new pages starts the count of recent items (and of those that failed) afresh.
   */
  async recordSuccess(
    sourceId: string,
    at: string,
    result: {
      status: 'ok' | 'not-modified';
      etag?: string | undefined;
      lastModified?: string | undefined;
      items: number;
      /** Pages of a list source queued by this poll. */
      pages?: number;
      nextPollAt: string;
    },
  ): Promise<void> {
    const key = this.keys.sourceState(sourceId);
    const fields: Record<string, string> = {
      lastFetchAt: at,
      lastSuccessAt: at,
      lastStatus: result.status,
      errorCount: '0',
      nextPollAt: result.nextPollAt,
    };
    if (result.etag) fields.etag = result.etag;
    if (result.lastModified) fields.lastModified = result.lastModified;
    if (result.items > 0 || (result.pages ?? 0) > 0) Object.assign(fields, { recentItems: String(result.items), recentItemFailures: '0' });
    await this.redis
      .multi()
      .hset(key, fields)
      .hdel(key, 'lastError', 'lastErrorKind', 'goneUrl')
      .hincrby(key, 'itemsSeen', result.items)
      .exec();
  }

  /** Records that the source's URL answered 410 Gone (RFC 9110 §15.5.11): it is polled no more while it points there. */
  async recordGone(sourceId: string, at: string, url: string, message: string): Promise<void> {
    const key = this.keys.sourceState(sourceId);
    await this.redis
      .multi()
      .hincrby(key, 'errorCount', 1)
      .hset(key, { lastFetchAt: at, lastStatus: 'gone', lastError: message.slice(0, 1000), lastErrorKind: 'gone', goneUrl: url })
      .hdel(key, 'nextPollAt')
      .exec();
  }

  /**
   * Records a failed fetch of a kind and returns the number of failures since the last success;
   * `nextPollAt` computes the next poll time from that number.
   */
  async recordFailure(
    sourceId: string,
    at: string,
    failure: { message: string; kind: FetchFailure },
    nextPollAt?: (errorCount: number) => string,
  ): Promise<number> {
    const key = this.keys.sourceState(sourceId);
    const errorCount = await this.redis.hincrby(key, 'errorCount', 1);
    const fields: Record<string, string> = {
      lastFetchAt: at,
      lastStatus: 'error',
      lastError: failure.message.slice(0, 1000),
      lastErrorKind: failure.kind,
    };
    if (nextPollAt) fields.nextPollAt = nextPollAt(errorCount);
    await this.redis.hset(key, fields);
    return errorCount;
  }

  /** Counts the items read from a page that a list source linked to among the source's recent items. */
  async countListedItems(sourceId: string, items: number): Promise<void> {
    await this.redis.hincrby(this.keys.sourceState(sourceId), 'recentItems', items);
  }

  /** Records that an item of the source failed for good: why (the message names the item), and when. */
  async recordItemFailure(sourceId: string, at: string, message: string): Promise<void> {
    await this.countFailure(sourceId, 'recentItemFailures', { lastItemError: message.slice(0, 1000), lastItemErrorAt: at });
  }

  /** Records that the page a fullText entry links to could not be read (the entry went on with the feed's content). */
  async recordFullTextFailure(sourceId: string, at: string, message: string): Promise<void> {
    await this.countFailure(sourceId, 'fullTextFailures', { lastFullTextError: message.slice(0, 1000), lastFullTextErrorAt: at });
  }

  /** Counts one failure of a kind on the source and keeps what it said, in one transaction. */
  private async countFailure(sourceId: string, counter: string, last: Record<string, string>): Promise<void> {
    const key = this.keys.sourceState(sourceId);
    await this.redis.multi().hincrby(key, counter, 1).hset(key, last).exec();
  }

  /** Clears the source's backoff: its next poll is held back by no earlier failure, Retry-After or 410 Gone. */
  async clearBackoff(sourceId: string): Promise<void> {
    await this.redis.hdel(this.keys.sourceState(sourceId), 'nextPollAt', 'goneUrl');
  }

  /** Forgets the validators and the backoff of a source whose URL changed: they belonged to the old URL. */
  async forgetValidators(sourceId: string): Promise<void> {
    await this.redis.hdel(this.keys.sourceState(sourceId), 'etag', 'lastModified', 'nextPollAt', 'goneUrl');
  }

  /** Deletes everything kept about fetching a source (its state, the pages it linked to, what its lists showed). */
  async forget(sourceId: string): Promise<void> {
    const { keys } = this;
    await this.redis.del(keys.sourceState(sourceId), keys.seenPages(sourceId), keys.listedEntries(sourceId), keys.listedOrder(sourceId));
  }

  /** Marks a page of a list source as seen; true the first time only. */
  async markPageSeen(sourceId: string, pageUrl: string): Promise<boolean> {
    return (await this.redis.sadd(this.keys.seenPages(sourceId), pageUrl)) === 1;
  }

  /** Forgets that a page was seen, so that a failed fetch of it can be queued again. */
  async forgetPage(sourceId: string, pageUrl: string): Promise<void> {
    await this.redis.srem(this.keys.seenPages(sourceId), pageUrl);
  }
}
