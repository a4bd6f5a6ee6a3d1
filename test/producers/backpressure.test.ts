import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRoles, type RunningApp } from '../../src/app/start-roles.js';
import { parseConfig } from '../../src/config/load-config.js';
import { ProcessBacklog } from '../../src/queues/process-backlog.js';
import { FaultServer } from '../support/fault-server.js';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';

const KEY = 'backpressure-key-0123456789';
const LIMIT = 3;
const article = (n: number) => ({
  url: `https://partner.example.cn/bp/${n}.html`,
  title: `新泰市新闻${n}`,
  contentText: '新泰市羊流镇开展植树活动。',
});

describe('a ProcessBacklog', () => {
  const prefix = uniquePrefix('backlog');
  let redis: Redis;
  let queue: Queue;

  beforeAll(() => {
    redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    queue = new Queue('process', { connection: redis, prefix });
  });
  afterAll(async () => {
    await queue.close();
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('counts the waiting items at most once per refresh, and is full at its limit', async () => {
    let now = 0;
    const backlog = new ProcessBacklog(queue, 2, 1_000, () => now);
    expect(await backlog.full()).toBe(false);
    await queue.addBulk([
      { name: 'item', data: {} },
      { name: 'item', data: {} },
    ]);
    now = 999;
    expect(await backlog.depth()).toBe(0); // counted at 0, not yet again
    now = 1_000;
    expect(await backlog.depth()).toBe(2);
    expect(await backlog.full()).toBe(true);
  });
});

describe(`intake past a full backlog (limit ${LIMIT} waiting in process, no process worker)`, () => {
  const prefix = uniquePrefix('backpressure');
  const faults = new FaultServer();
  let app: RunningApp | undefined;
  let redis: Redis;
  let processQueue: Queue;
  let fetchQueue: Queue;

  beforeAll(async () => {
    const origin = await faults.start();
    redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    processQueue = new Queue('process', { connection: redis, prefix });
    fetchQueue = new Queue('fetch', { connection: redis, prefix });
    // The backlog is full before the app starts: its first poll finds it so.
    await processQueue.addBulk(Array.from({ length: LIMIT }, (_, n) => ({ name: 'item', data: { n } })));
    const yaml = `city: { name: 泰安市, code: "3709" }
workers: { processBacklogLimit: ${LIMIT} }
channels: [{ id: xintai, name: 新泰新闻, divisions: ["370982"] }]
sources:
  - { id: good, name: good, kind: feed, url: "${origin}/good.rss", interval: 1h, allowOrigins: ["${origin}"] }
partners:
  - { id: daily, name: 新泰日报, key: ${KEY}, channels: [xintai] }
`;
    const config = parseConfig(yaml, '/test/backpressure.yaml', { port: 0, host: '127.0.0.1' });
    app = await startRoles(
      { ...config, redis: { ...config.redis, prefix } },
      { workers: ['fetch'], scheduler: true, server: true },
      testRedisUrl(),
      pino({ level: 'silent' }),
    );
  });
  afterAll(async () => {
    await app?.close();
    await faults.stop();
    await processQueue.close();
    await fetchQueue.close();
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  const push = () =>
    fetch(`${app!.baseUrl}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify([article(1)]),
    });

  it('answers a push 503 with Retry-After, naming the full backlog, and queues nothing', async () => {
    const response = await push();
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(((await response.json()) as { message: string }).message).toMatch(/processing backlog is full \(3 items waiting\)/);
    expect(await processQueue.getWaitingCount()).toBe(LIMIT);
  });

  it('holds the poll back, delayed, without fetching the source', async () => {
    await waitFor(async () => (await fetchQueue.getDelayedCount()) > 0, { what: 'the poll delayed' });
    expect(faults.hits.get('/good.rss') ?? 0).toBe(0);
  });

  it('takes input again once process has caught up: the poll fetches and a push is queued', async () => {
    await processQueue.drain();
    await waitFor(() => (faults.hits.get('/good.rss') ?? 0) > 0, { what: 'the held poll made', timeoutMs: 20_000 });
    await waitFor(async () => (await push()).status === 202, { what: 'a push accepted' });
  });
});
