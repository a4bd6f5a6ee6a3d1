import type { Redis } from 'ioredis';
import { z } from 'zod';
import { feedId } from '../domain/feed-id.js';
import type { ListItem } from '../domain/recommendation-list.js';
import { keyLayoutOf, StoreKeys } from './store-keys.js';
import { decodeStored } from './stored-values.js';

const itemsSchema = z.array(
  z.object({
    id: z.string(),
    title: z.string(),
    url: z.string(),
    publishedAt: z.string(),
    channels: z.array(z.string()),
    score: z.number(),
  }),
) satisfies z.ZodType<ListItem[]>;

/** A stored list: its items, best first, and the version every change increments. */
export interface StoredList {
  version: number;
  items: ListItem[];
}

/**
 * Keeps the precomputed recommendation lists: per list a hash of its items (JSON) and a version
 * that changes only when the items do, so servers tell in one HGET whether their copy is
 * current; and the list as an article index, which its feeds are published from like any feed.
 */
export class ListRepository {
  private readonly keys: StoreKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = new StoreKeys(prefix, keyLayoutOf(redis));
  }

  /** Stores a list's items, best first; returns whether they changed. */
  async write(listId: string, items: readonly ListItem[]): Promise<boolean> {
    const key = this.keys.list(listId);
    const json = JSON.stringify(items);
    if ((await this.redis.hget(key, 'items')) === json) return false;
    const index = this.keys.feedIndex(feedId.list(listId));
    const multi = this.redis.multi().hset(key, 'items', json).hincrby(key, 'version', 1).del(index);
    // The index orders by rank: the feed of a list shows its items in the list's order.
    if (items.length > 0) multi.zadd(index, ...items.flatMap((item, i) => [items.length - i, item.id]));
    await multi.exec();
    return true;
  }

  /** Returns a list's version only (0 before its first write). */
  async version(listId: string): Promise<number> {
    return Number((await this.redis.hget(this.keys.list(listId), 'version')) ?? 0);
  }

  /** Returns a list with its version, or undefined before its first write. */
  async read(listId: string): Promise<StoredList | undefined> {
    const key = this.keys.list(listId);
    const [json, version] = await this.redis.hmget(key, 'items', 'version');
    if (json === null || json === undefined) return undefined;
    return { version: Number(version ?? 0), items: decodeStored(itemsSchema, json, key) };
  }
}
