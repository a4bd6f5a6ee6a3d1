import { Queue, QueueEvents, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../../src/domain/channel.js';
import type { ProcessPayload, PublishPayload } from '../../../src/queues/payloads.js';
import { QUEUE } from '../../../src/queues/queue-names.js';
import { DEFAULT_JOB_OPTIONS } from '../../../src/queues/queue-set.js';
import { ArticleRepository } from '../../../src/store/article-repository.js';
import { CardRepository } from '../../../src/store/card-repository.js';
import { CoalescingRequests } from '../../../src/queues/coalescing-requests.js';
import { enqueuePublish } from '../../../src/queues/enqueue.js';
import { DEFAULT_DEDUPE_SETTINGS } from '../../../src/config/config-schema.js';
import { createProcessProcessor } from '../../../src/workers/process/process.processor.js';
import { exampleConfig, exampleGazetteer, exampleSegmenter } from '../../support/example-config.js';
import { createPreparePool } from '../../../src/workers/process/prepare-pool.js';
import { connectTestRedis, deletePrefix, uniquePrefix } from '../../support/redis.js';
import { testChannel } from '../../support/channels.js';

const CHANNELS: Channel[] = [
  testChannel('taian', '泰安新闻', ['370902', '370911'], { cityWide: true }),
  testChannel('ningyang', '宁阳新闻', ['370921']),
];

const payload = (guid: string, text: string): ProcessPayload => ({
  source: { id: 'ningyang-rss', name: '宁阳 RSS', channels: [] },
  item: {
    guid,
    url: `https://www.example.cn/ningyang/${guid}.html`,
    title: '宁阳县磁窑镇启动春季植树活动',
    html: `<p>${text}</p>`,
    published: '2024-03-12 09:15',
    authors: ['记者 王晓东'],
    categories: [],
    images: [],
    placeHints: [],
  },
  fetchedAt: '2024-03-12T02:00:00.000Z',
});

describe.each([
  { how: 'preparing on the main thread', threads: 0 },
  { how: 'preparing on a pool of 2 threads', threads: 2 },
])('the process worker against Redis, $how', ({ threads }) => {
  const prefix = uniquePrefix('process');
  const preparer = threads > 0 ? createPreparePool(exampleConfig, threads) : undefined;
  let redis: Redis;
  let processQueue: Queue<ProcessPayload>;
  let publishQueue: Queue<PublishPayload>;
  let worker: Worker;
  let events: QueueEvents;
  let articles: ArticleRepository;
  let publisher: CoalescingRequests;
  const itemFailures: [string, string][] = [];

  beforeAll(async () => {
    redis = connectTestRedis();
    // The job options the app gives every job (retries with backoff), so the test sees what production does.
    processQueue = new Queue(QUEUE.process, { connection: redis, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
    publishQueue = new Queue(QUEUE.publish, { connection: redis, prefix });
    articles = new ArticleRepository(redis, prefix);
    events = new QueueEvents(QUEUE.process, { connection: redis.duplicate(), prefix });
    await events.waitUntilReady();
    publisher = new CoalescingRequests((ids) => enqueuePublish(publishQueue, ids), 20);
    const processor = createProcessProcessor({
      settings: { channels: CHANNELS, gazetteer: exampleGazetteer(), dedupe: DEFAULT_DEDUPE_SETTINGS, hostAliases: {} },
      articles,
      cards: new CardRepository(redis, prefix),
      segment: exampleSegmenter(),
      preparer,
      publisher,
      log: pino({ level: 'silent' }),
      onItemFailed: (sourceId, message) => {
        itemFailures.push([sourceId, message]);
        return Promise.resolve();
      },
    });
    worker = new Worker(QUEUE.process, processor, { connection: redis.duplicate(), prefix, concurrency: 4 });
  });
  afterAll(async () => {
    await worker.close();
    await preparer?.close();
    await publisher.close();
    await events.close();
    await processQueue.close();
    await publishQueue.close();
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('makes one article of an item added three times, and asks for its channels to be rebuilt', async () => {
    const jobs = await Promise.all(
      [1, 2, 3].map(() => processQueue.add('process-item', payload('g1', '磁窑镇组织干部群众500余人参加义务植树。'))),
    );
    const verdicts = await Promise.all(jobs.map((job) => job.waitUntilFinished(events)));
    expect(verdicts.map((v: { kind: string }) => v.kind).sort()).toEqual(['created', 'unchanged', 'unchanged']);
    expect(await articles.countFeed('channel:ningyang')).toBe(1);
    await publisher.flush();
    const waiting = await publishQueue.getJobs(['waiting', 'delayed']);
    expect(waiting.map((job) => job.data.channelId).sort()).toEqual(['all', 'ningyang']);
  });

  it('fails an item with neither title nor text without retrying it', async () => {
    const empty = payload('g2', '');
    const job = await processQueue.add('process-item', { ...empty, item: { ...empty.item, title: '', html: '' } }, { attempts: 3 });
    const message =
      'normalize: item https://www.example.cn/ningyang/g2.html has neither a title nor any text: title empty; text missing; html empty';
    await expect(job.waitUntilFinished(events)).rejects.toThrow(message);
    expect((await processQueue.getJob(job.id!))?.attemptsMade).toBe(1);
    // Its source is told, once, so that it shows unhealthy.
    expect(itemFailures).toEqual([['ningyang-rss', message]]);
  });

  it('fails a malformed payload at once, naming the field, although the queue allows retries', async () => {
    expect(DEFAULT_JOB_OPTIONS.attempts).toBeGreaterThan(1);
    const job = await processQueue.add('process-item', { source: { id: 'x' } } as unknown as ProcessPayload);
    await expect(job.waitUntilFinished(events)).rejects.toThrow(/process: invalid job payload at source\.name/);
    const failed = await processQueue.getJob(job.id!);
    expect(failed?.attemptsMade).toBe(1);
    expect(await failed?.getState()).toBe('failed');
  });
});
