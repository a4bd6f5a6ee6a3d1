import type { Redis } from 'ioredis';
import { StoreKeys } from './store-keys.js';

/** The feed formats that are rendered and served. */
export const FEED_FORMATS = ['rss', 'atom', 'json'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

/** One rendered feed document with its HTTP validators. */
export interface RenderedFeed {
  body: Buffer;
  etag: string;
  lastModified: string;
}

/** Keeps the rendered bytes of every feed, so that a GET never renders. */
export class RenderedFeedRepository {
  private readonly keys: StoreKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = new StoreKeys(prefix);
  }

  /** Replaces all formats of one feed in one step. */
  async put(feedId: string, documents: Record<FeedFormat, RenderedFeed>): Promise<void> {
    const fields: Record<string, string | Buffer> = {};
    for (const format of FEED_FORMATS) {
      const doc = documents[format];
      fields[`${format}:body`] = doc.body;
      fields[`${format}:etag`] = doc.etag;
      fields[`${format}:lastModified`] = doc.lastModified;
    }
    await this.redis.hset(this.keys.rendered(feedId), fields);
  }

  /** Returns one rendered format of a feed, or undefined if it was never published. */
  async get(feedId: string, format: FeedFormat): Promise<RenderedFeed | undefined> {
    const [body, etag, lastModified] = await this.redis.hmgetBuffer(
      this.keys.rendered(feedId),
      `${format}:body`,
      `${format}:etag`,
      `${format}:lastModified`,
    );
    if (!body || !etag || !lastModified) return undefined;
    return { body, etag: etag.toString(), lastModified: lastModified.toString() };
  }
}
