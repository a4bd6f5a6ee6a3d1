import type { Redis } from 'ioredis';
import { z } from 'zod';
import { sha256 } from '../domain/sha256.js';
import { rawItemSchema } from '../queues/payloads.js';
import type { RawItem } from '../domain/raw-item.js';
import { StoreKeys } from './store-keys.js';
import { decodeStored } from './stored-values.js';

/** What is kept of one page a fullText source's entry links to: its extraction, or why it could not be read. */
export interface CachedPage {
  /** When the page was last fetched or confirmed unchanged (ms). */
  fetchedAt: number;
  /** The feed entry's stamp at that time (its time and title): a changed entry reads its page again. */
  stamp: string;
  /** Where the page was read from, after redirects: what its relative links resolve against. */
  pageUrl: string;
  /** The validators of the page, for a conditional GET when it is read again. */
  etag?: string | undefined;
  lastModified?: string | undefined;
  /** The article extracted from the page; absent when the fetch or the extraction failed. */
  page?: RawItem | undefined;
  /** Why it failed, when it did. */
  error?: string | undefined;
}

const cachedPageSchema = z.object({
  fetchedAt: z.number(),
  stamp: z.string(),
  pageUrl: z.string(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  page: rawItemSchema.optional(),
  error: z.string().optional(),
}) satisfies z.ZodType<CachedPage>;

/**
 * The pages fullText sources link to, by URL, as extracted (not their bytes), each kept for a
 * TTL: a page is not fetched again on every poll, nor after a worker restarts, and its
 * validators make the fetch that refreshes it a conditional GET.
 */
export class FullTextCache {
  private readonly keys: StoreKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = new StoreKeys(prefix);
  }

  /** Returns what is kept of the page at this URL, or undefined; a corrupt value is an error naming its key. */
  async get(url: string): Promise<CachedPage | undefined> {
    const key = this.keyOf(url);
    const json = await this.redis.get(key);
    return json === null ? undefined : decodeStored(cachedPageSchema, json, key);
  }

  /** Returns what is kept of each of these pages, in order. */
  async getMany(urls: readonly string[]): Promise<(CachedPage | undefined)[]> {
    if (urls.length === 0) return [];
    const keys = urls.map((url) => this.keyOf(url));
    const values = await this.redis.mget(...keys);
    return values.map((json, i) => (json === null ? undefined : decodeStored(cachedPageSchema, json, keys[i] ?? '')));
  }

  /** Keeps a page's extraction (or its failure) for `ttlMs`. */
  async put(url: string, cached: CachedPage, ttlMs: number): Promise<void> {
    await this.redis.set(this.keyOf(url), JSON.stringify(cached), 'PX', Math.max(1, Math.round(ttlMs)));
  }

  private keyOf(url: string): string {
    return this.keys.fullTextPage(sha256(url, 'base64url'));
  }
}
