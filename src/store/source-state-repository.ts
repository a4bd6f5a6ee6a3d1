import type { Redis } from 'ioredis';
import { StoreKeys } from './store-keys.js';

/** What operators see of a source's fetching, and the validators for the next conditional GET. */
export interface SourceState {
  etag?: string;
  lastModified?: string;
  lastFetchAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
  errorCount: number;
  itemsSeen: number;
}

/** Keeps each source's fetch state in a Redis hash. */
export class SourceStateRepository {
  private readonly keys: StoreKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = new StoreKeys(prefix);
  }

  async get(sourceId: string): Promise<SourceState> {
    const hash = await this.redis.hgetall(this.keys.sourceState(sourceId));
    const { errorCount, itemsSeen, ...rest } = hash;
    return { ...rest, errorCount: Number(errorCount ?? 0), itemsSeen: Number(itemsSeen ?? 0) };
  }

  /** Records a successful fetch: the validators to send next time, and clears the error. */
  async recordSuccess(
    sourceId: string,
    at: string,
    result: { etag?: string | undefined; lastModified?: string | undefined; items: number },
  ): Promise<void> {
    const key = this.keys.sourceState(sourceId);
    const fields: Record<string, string> = { lastFetchAt: at, lastSuccessAt: at, errorCount: '0' };
    if (result.etag) fields.etag = result.etag;
    if (result.lastModified) fields.lastModified = result.lastModified;
    await this.redis.multi().hset(key, fields).hdel(key, 'lastError').hincrby(key, 'itemsSeen', result.items).exec();
  }

  /** Records a failed fetch with its message, counting consecutive failures. */
  async recordFailure(sourceId: string, at: string, message: string): Promise<void> {
    const key = this.keys.sourceState(sourceId);
    await this.redis.multi().hset(key, { lastFetchAt: at, lastError: message }).hincrby(key, 'errorCount', 1).exec();
  }

  /** Marks a page of a list source as seen; true the first time only. */
  async markPageSeen(sourceId: string, pageUrl: string): Promise<boolean> {
    return (await this.redis.sadd(this.keys.seenPages(sourceId), pageUrl)) === 1;
  }
}
