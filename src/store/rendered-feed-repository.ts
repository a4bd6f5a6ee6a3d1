import type { Redis } from 'ioredis';
import { z } from 'zod';
import { keyLayoutOf, StoreKeys } from './store-keys.js';
import { decodeStored } from './stored-values.js';

import { FEED_FORMATS, type FeedFormat } from '../domain/feed-format.js';

/** One rendered feed document with its HTTP validators. */
export interface RenderedFeed {
  body: Buffer;
  etag: string;
  lastModified: string;
}

/** A rendered document with its gzip and brotli encodings, made once when it is published. */
export interface StoredDocument extends RenderedFeed {
  gzip: Buffer;
  br: Buffer;
}

/** What the publisher remembers of a rendered page, to tell whether it must render it again. */
export interface VariantState {
  /** Hash over everything the page's bytes depend on. */
  signature: string;
  /** Hash over the feed's own description (title, links, policy). */
  headHash: string;
  /** Items the whole feed held when the page was rendered (for the last page). */
  count: number;
  /** `id@updatedAt` of the page's articles, newest first. */
  versions: string[];
}

/** One page of a feed in every format, ready to store. */
export interface RenderedVariant {
  key: string;
  state: VariantState;
  documents: Record<FeedFormat, StoredDocument>;
}

const variantStateSchema = z.object({
  signature: z.string(),
  headHash: z.string(),
  count: z.number().int().min(0),
  versions: z.array(z.string()),
}) satisfies z.ZodType<VariantState>;

const DOCUMENT_PARTS = ['body', 'etag', 'lm', 'gz', 'br'] as const;
const VERSION = 'version';
/** Fields of the one-page layout stored before paging; removed by the first write of a feed. */
const LEGACY_FIELDS = FEED_FORMATS.flatMap((format) => ['body', 'etag', 'lastModified'].map((part) => `${format}:${part}`));

/**
 * Keeps the rendered pages of every feed, so that a GET never renders: one Redis hash per feed
 * with each page's documents and state, and a version number that every write increments, which
 * servers check (cheaply) to know when their in-process copies are stale.
 */
export class RenderedFeedRepository {
  private readonly keys: StoreKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = new StoreKeys(prefix, keyLayoutOf(redis));
  }

  /** Returns the feed's version: 0 until it is first published, then higher with every change. */
  async version(feedId: string): Promise<number> {
    return Number((await this.redis.hget(this.keys.rendered(feedId), VERSION)) ?? 0);
  }

  /** Returns one page in one format with the feed's item count, or undefined if it is not rendered. */
  async getDocument(feedId: string, variant: string, format: FeedFormat): Promise<{ document: StoredDocument; count: number } | undefined> {
    const fields = [...DOCUMENT_PARTS.map((part) => `${variant}:${format}:${part}`), `${variant}:count`];
    const [body, etag, lm, gz, br, count] = await this.redis.hmgetBuffer(this.keys.rendered(feedId), ...fields);
    if (!body || !etag || !lm || !gz || !br || !count) return undefined;
    return { document: { body, etag: etag.toString(), lastModified: lm.toString(), gzip: gz, br }, count: Number(count.toString()) };
  }

  /** Returns the stored state of each page asked for (undefined where the page is not rendered). */
  async getStates(feedId: string, variants: readonly string[]): Promise<(VariantState | undefined)[]> {
    if (variants.length === 0) return [];
    const values = await this.redis.hmget(this.keys.rendered(feedId), ...variants.map((key) => `${key}:state`));
    const key = this.keys.rendered(feedId);
    return variants.map((variant, i) => {
      const value = values[i];
      return value ? decodeStored(variantStateSchema, value, `${key} ${variant}:state`) : undefined;
    });
  }

  /** Returns the keys of the pages that are stored. */
  async storedVariants(feedId: string): Promise<string[]> {
    const fields = await this.redis.hkeys(this.keys.rendered(feedId));
    return fields.filter((field) => field.endsWith(':state')).map((field) => field.slice(0, -':state'.length));
  }

  /** Stores pages and removes others in one step, and increments the version if anything changed. */
  async write(feedId: string, put: readonly RenderedVariant[], remove: readonly string[] = []): Promise<void> {
    if (put.length === 0 && remove.length === 0) return;
    const key = this.keys.rendered(feedId);
    const fields: Record<string, string | Buffer> = {};
    for (const variant of put) Object.assign(fields, variantFields(variant));
    const multi = this.redis.multi();
    if (put.length > 0) multi.hset(key, fields);
    const removed = [...remove.flatMap(fieldsOf), ...LEGACY_FIELDS];
    multi.hdel(key, ...removed);
    await multi.hincrby(key, VERSION, 1).exec();
  }
}

function variantFields({ key, state, documents }: RenderedVariant): Record<string, string | Buffer> {
  const fields: Record<string, string | Buffer> = { [`${key}:state`]: JSON.stringify(state), [`${key}:count`]: String(state.count) };
  for (const [format, doc] of Object.entries(documents)) {
    Object.assign(fields, {
      [`${key}:${format}:body`]: doc.body,
      [`${key}:${format}:etag`]: doc.etag,
      [`${key}:${format}:lm`]: doc.lastModified,
      [`${key}:${format}:gz`]: doc.gzip,
      [`${key}:${format}:br`]: doc.br,
    });
  }
  return fields;
}

function fieldsOf(variant: string): string[] {
  return [
    `${variant}:state`,
    `${variant}:count`,
    ...FEED_FORMATS.flatMap((format) => DOCUMENT_PARTS.map((part) => `${variant}:${format}:${part}`)),
  ];
}
