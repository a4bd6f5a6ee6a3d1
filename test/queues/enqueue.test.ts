import { Queue, QueueEvents, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Source } from '../../src/domain/source.js';
import { enqueuePublish, scheduleSources, sourceSchedulerId } from '../../src/queues/enqueue.js';
import type { FetchPayload, PublishPayload } from '../../src/queues/payloads.js';
import { QUEUE } from '../../src/queues/queue-names.js';
import { connectTestRedis, deletePrefix, uniquePrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';

const source = (id: string, intervalMs: number): Source => ({
  id,
  name: id,
  kind: 'feed',
  url: `file:///tmp/${id}.rss`,
  intervalMs,
  channels: [],
  allowOrigins: [],
});

describe('queue helpers against Redis', () => {
  const prefix = uniquePrefix('queues');
  let redis: Redis;

  beforeAll(() => {
    redis = connectTestRedis();
  });
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('keeps one job scheduler per configured source and drops those no longer configured', async () => {
    const fetch = new Queue<FetchPayload>(QUEUE.fetch, { connection: redis, prefix });
    await scheduleSources(fetch, [source('a', 60_000), source('b', 300_000)]);
    await scheduleSources(fetch, [source('b', 120_000), source('c', 60_000)]);
    const schedulers = await fetch.getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual([sourceSchedulerId('b'), sourceSchedulerId('c')]);
    expect(schedulers.find((s) => s.key === sourceSchedulerId('b'))?.every).toBe(120_000);
    await fetch.close();
  });

  it('coalesces a burst of publish requests for one channel into at most two rebuilds', async () => {
    const publish = new Queue<PublishPayload>(QUEUE.publish, { connection: redis, prefix });
    const events = new QueueEvents(QUEUE.publish, { connection: redis.duplicate(), prefix });
    await events.waitUntilReady();
    const rebuilt: string[] = [];
    let release!: () => void;
    const firstRunning = new Promise<void>((resolve) => (release = resolve));
    const worker = new Worker<PublishPayload>(
      QUEUE.publish,
      async (job) => {
        rebuilt.push(job.data.channelId);
        if (rebuilt.length === 1) await firstRunning;
      },
      { connection: redis.duplicate(), prefix, concurrency: 1 },
    );
    await enqueuePublish(publish, ['taian']);
    await waitFor(() => rebuilt.length === 1);
    // While the first rebuild runs, a burst of 100 requests keeps exactly one follow-up.
    for (let i = 0; i < 100; i++) await enqueuePublish(publish, ['taian', 'xintai']);
    release();
    // Settled once nothing waits, runs or is delayed: no rebuild can come after that.
    await waitFor(async () => {
      const counts = await publish.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(counts).every((count) => count === 0) && rebuilt.length >= 3;
    });
    expect(rebuilt.filter((c) => c === 'taian')).toHaveLength(2);
    expect(rebuilt.filter((c) => c === 'xintai')).toHaveLength(1);
    await worker.close();
    await events.close();
    await publish.close();
  });
});
