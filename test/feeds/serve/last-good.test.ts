import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedFormat } from '../../../src/domain/feed-format.js';
import type { ListItem } from '../../../src/domain/recommendation-list.js';
import { redisReady } from '../../../src/queues/redis-ready.js';
import { ServedFeedCache } from '../../../src/feeds/serve/served-feed-cache.js';
import { ServedListCache } from '../../../src/feeds/serve/served-list-cache.js';
import { ListRepository } from '../../../src/store/list-repository.js';
import { RenderedFeedRepository, type StoredDocument } from '../../../src/store/rendered-feed-repository.js';
import { compressDocument, etagOf } from '../../../src/store/stored-document.js';
import { toServedDocument } from '../../../src/feeds/serve/served-document.js';

/**
 * A cached feed or list must never make a reader wait for Redis: a version check that went out
 * just before Redis went away sits in ioredis' offline queue until Redis is back. These caches
 * run on a client whose Redis is gone for good (a port nothing listens on), after a first read
 * from a repository that answered.
 */
const DEADLINE_MS = 200;
const TTL_MS = 50;
const gone: Redis[] = [];

/** A client of a Redis that is not there: it reconnects for ever and queues every command. */
function clientOfGoneRedis(): Redis {
  const redis = new Redis({ port: 1, lazyConnect: false, retryStrategy: () => 100, maxRetriesPerRequest: null });
  redis.on('error', () => undefined);
  gone.push(redis);
  return redis;
}

afterEach(() => {
  for (const redis of gone.splice(0)) redis.disconnect();
});

function documentOf(text: string): StoredDocument {
  const body = Buffer.from(text);
  return compressDocument({ body, etag: etagOf(body), lastModified: new Date(0).toUTCString() });
}

const decorate = (_feedId: string, _variant: string, _format: FeedFormat, doc: StoredDocument, count: number) =>
  toServedDocument(doc, count, { contentType: 'application/atom+xml', cacheControl: 'public, max-age=60' });

const item: ListItem = {
  id: 'a1',
  title: '泰山景区今起延长开放时间',
  url: 'https://news.example.cn/a1.html',
  publishedAt: '2026-12-01T08:00:00Z',
  channels: ['taian'],
  score: 3,
};

describe('served feeds while Redis is away', () => {
  it('serves the last good bytes within the deadline when the due version check hangs', async () => {
    const redis = clientOfGoneRedis();
    const repository = new RenderedFeedRepository(redis, 'test-last-good');
    // The first read answered; every read after it goes to the Redis that is gone.
    const first = { version: 1, doc: { document: documentOf('<feed>v1</feed>'), count: 1 } };
    let answered = false;
    const reads = {
      version: async (feedId: string) => (answered ? repository.version(feedId) : first.version),
      getDocument: async (feedId: string, variant: string, format: FeedFormat) => {
        if (answered) return repository.getDocument(feedId, variant, format);
        answered = true;
        return first.doc;
      },
    };
    let now = 0;
    // Redis counts as reachable: the check goes out, as it does in the moment before a client notices.
    const cache = new ServedFeedCache(
      reads,
      decorate,
      TTL_MS,
      () => now,
      () => true,
      DEADLINE_MS,
    );
    expect((await cache.get('channel:taian', 'default', 'atom'))?.responses.identity.body.toString()).toBe('<feed>v1</feed>');
    now += TTL_MS * 2;
    const started = performance.now();
    const served = await cache.get('channel:taian', 'default', 'atom');
    expect(served?.responses.identity.body.toString()).toBe('<feed>v1</feed>');
    expect(performance.now() - started).toBeLessThan(DEADLINE_MS + 500);
  });

  it('issues no check while the client is not ready, and serves what it has at once', async () => {
    const redis = clientOfGoneRedis();
    expect(redisReady(redis)).toBe(false);
    let checks = 0;
    const reads = {
      version: () => {
        checks++;
        return Promise.resolve(1);
      },
      getDocument: () => Promise.resolve({ document: documentOf('<rss>v1</rss>'), count: 1 }),
    };
    let now = 0;
    const cache = new ServedFeedCache(
      reads,
      decorate,
      TTL_MS,
      () => now,
      () => redisReady(redis),
      DEADLINE_MS,
    );
    await cache.get('all', 'default', 'rss'); // the first read of a feed has nothing to fall back on
    now += TTL_MS * 2;
    expect((await cache.get('all', 'default', 'rss'))?.responses.identity.body.toString()).toBe('<rss>v1</rss>');
    expect(checks).toBe(1);
  });

  it('serves the last good bytes when the check fails', async () => {
    let fail = false;
    const reads = {
      version: () => (fail ? Promise.reject(new Error('Connection is closed.')) : Promise.resolve(1)),
      getDocument: () => Promise.resolve({ document: documentOf('<rss>kept</rss>'), count: 1 }),
    };
    let now = 0;
    const cache = new ServedFeedCache(
      reads,
      decorate,
      TTL_MS,
      () => now,
      () => true,
      DEADLINE_MS,
    );
    await cache.get('all', 'default', 'rss');
    fail = true;
    now += TTL_MS * 2;
    expect((await cache.get('all', 'default', 'rss'))?.responses.identity.body.toString()).toBe('<rss>kept</rss>');
  });

  it('still takes a new version the check finds in time', async () => {
    let version = 1;
    const reads = {
      version: () => Promise.resolve(version),
      getDocument: () => Promise.resolve({ document: documentOf(`<rss>v${version}</rss>`), count: 1 }),
    };
    let now = 0;
    const cache = new ServedFeedCache(
      reads,
      decorate,
      TTL_MS,
      () => now,
      () => true,
      DEADLINE_MS,
    );
    await cache.get('all', 'default', 'rss');
    version = 2;
    now += TTL_MS * 2;
    expect((await cache.get('all', 'default', 'rss'))?.responses.identity.body.toString()).toBe('<rss>v2</rss>');
  });
});

describe('served lists while Redis is away', () => {
  it('serves the last good list within the deadline when the due check hangs', async () => {
    const redis = clientOfGoneRedis();
    const repository = new ListRepository(redis, 'test-last-good');
    let answered = false;
    const reads = {
      version: async (listId: string) => repository.version(listId),
      read: async (listId: string) => {
        if (answered) return repository.read(listId);
        answered = true;
        return { version: 1, items: [item] };
      },
    };
    let now = 0;
    const cache = new ServedListCache(
      reads,
      TTL_MS,
      () => now,
      () => true,
      DEADLINE_MS,
    );
    expect(await cache.items('hot:taian:24h')).toEqual([item]);
    now += TTL_MS * 2;
    const started = performance.now();
    expect(await cache.items('hot:taian:24h')).toEqual([item]);
    expect(performance.now() - started).toBeLessThan(DEADLINE_MS + 500);
  });

  it('issues no check while the client is not ready', async () => {
    const redis = clientOfGoneRedis();
    let checks = 0;
    const reads = {
      version: () => {
        checks++;
        return Promise.resolve(1);
      },
      read: () => Promise.resolve({ version: 1, items: [item] }),
    };
    let now = 0;
    const cache = new ServedListCache(
      reads,
      TTL_MS,
      () => now,
      () => redisReady(redis),
      DEADLINE_MS,
    );
    await cache.items('hot:all:24h');
    now += TTL_MS * 2;
    expect(await cache.items('hot:all:24h')).toEqual([item]);
    expect(checks).toBe(0);
  });
});
