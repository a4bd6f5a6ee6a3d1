import { Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import type { ProcessPayload, PublishPayload } from '../../../src/queues/payloads.js';
import { CoalescingRequests } from '../../../src/queues/coalescing-requests.js';
import { enqueuePublish } from '../../../src/queues/enqueue.js';
import { ArticleRepository } from '../../../src/store/article-repository.js';
import { CardRepository } from '../../../src/store/card-repository.js';
import { createProcessProcessor } from '../../../src/workers/process/process.processor.js';
import { exampleGazetteer, exampleSegmenter } from '../../support/example-config.js';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../../support/redis.js';
import { shuffled } from '../../support/shuffled.js';
import { repostsOf, syntheticItems } from '../../support/synthetic-items.js';

const UNIQUE = 667;
const COPIES = 333;
const WORKERS = 8;

describe(`${WORKERS} process workers, ${UNIQUE + COPIES} items of which ${COPIES} are copies, in random order`, () => {
  const prefix = uniquePrefix('dedupe-race');
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const articles = new ArticleRepository(redis, prefix);
  const workers: Worker[] = [];
  const connections: Redis[] = [];
  let publisher: CoalescingRequests;
  let queue: Queue<ProcessPayload>;

  beforeAll(async () => {
    const config = loadConfig({});
    queue = new Queue<ProcessPayload>('process', { connection: redis, prefix });
    const publishQueue = new Queue<PublishPayload>('publish', { connection: redis, prefix });
    publisher = new CoalescingRequests((ids) => enqueuePublish(publishQueue, ids));
    const processor = createProcessProcessor({
      settings: { channels: config.channels, gazetteer: exampleGazetteer(), dedupe: config.dedupe, hostAliases: config.urls.hostAliases },
      articles,
      cards: new CardRepository(redis, prefix),
      segment: exampleSegmenter(),
      publisher,
      log: pino({ level: 'silent' }),
    });
    for (let i = 0; i < WORKERS; i++) {
      const connection = redis.duplicate();
      connections.push(connection);
      workers.push(new Worker('process', processor, { connection, prefix, concurrency: 4 }));
    }
    const eventsConnection = redis.duplicate();
    connections.push(eventsConnection);
    const events = new QueueEvents('process', { connection: eventsConnection, prefix });
    await events.waitUntilReady();
    const originals = syntheticItems(UNIQUE);
    const jobs = await queue.addBulk(
      shuffled([...originals, ...repostsOf(originals, COPIES)], 7).map((data) => ({ name: 'process-item', data })),
    );
    await Promise.all(jobs.map((job) => job.waitUntilFinished(events)));
    await events.close();
    await publishQueue.close();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await Promise.all(connections.map((connection) => connection.quit()));
    await publisher.close();
    await queue.close();
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('stores exactly the unique stories', async () => {
    expect(await articles.countFeed('channel:all')).toBe(UNIQUE);
  });

  it('puts each story once in every feed', async () => {
    const all = await articles.getMany(await articles.listFeed('channel:all', 2 * UNIQUE));
    const stories = all.map((article) => article.title);
    expect(new Set(stories).size).toBe(UNIQUE);
    for (const channel of ['taian', 'xintai', 'feicheng', 'ningyang', 'dongping']) {
      const ids = await articles.listFeed(`channel:${channel}`, 2 * UNIQUE);
      const titles = (await articles.getMany(ids)).map((article) => article.title);
      expect(new Set(titles).size, channel).toBe(titles.length);
    }
  });

  it('records every copy on the stored story', async () => {
    const all = await articles.getMany(await articles.listFeed('channel:all', 2 * UNIQUE));
    expect(all.reduce((sum, article) => sum + article.alsoPublishedBy.length, 0)).toBe(COPIES);
  });

  it('keeps the first-published copy as the canonical one', async () => {
    const all = await articles.getMany(await articles.listFeed('channel:all', 2 * UNIQUE));
    expect(all.filter((article) => article.source.id !== 'bench-feed')).toEqual([]);
    expect(await articles.countFeed('source:bench-feed')).toBe(UNIQUE);
  });
});
