import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load-config.js';
import type { ProcessPayload } from '../../../src/queues/payloads.js';
import { startRoles, type RunningApp } from '../../../src/app/start-roles.js';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../../support/redis.js';

const KEY = 'test-key-0123456789abcdef';
const READER_KEY = 'reader-key-0123456789abcdef';
const article = (n: number) => ({
  url: `https://partner.example.cn/news/${n}.html`,
  title: `新泰市羊流镇新闻${n}`,
  contentText: '近日，新泰市羊流镇组织开展春季植树活动。',
  publishedAt: '2024-03-12 09:15',
  authors: ['张伟'],
});

describe('POST /api/articles', () => {
  const prefix = uniquePrefix('push');
  let app: RunningApp;
  let redis: Redis;
  let processQueue: Queue<ProcessPayload>;

  beforeAll(async () => {
    const yaml = `city: { name: 泰安市, code: "3709" }
channels: [{ id: xintai, name: 新泰新闻, divisions: ["370982"] }]
push: { maxBodyBytes: 4096, maxItems: 3 }
partners:
  - { id: daily, name: 新泰日报, keyEnv: DAILY_KEY, channels: [xintai], rate: { max: 20, per: 1m } }
  - { id: reader, name: 只读伙伴, key: ${READER_KEY}, push: false }
`;
    const config = parseConfig(yaml, '/test/push.yaml', { port: 0, host: '127.0.0.1', env: { DAILY_KEY: KEY } });
    app = await startRoles(
      { ...config, redis: { ...config.redis, prefix } },
      { workers: [], scheduler: false, server: true },
      testRedisUrl(),
      pino({ level: 'silent' }),
    );
    redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    processQueue = new Queue('process', { connection: redis, prefix });
  });
  afterAll(async () => {
    await app.close();
    await processQueue.close();
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  const post = (body: unknown, key: string | null = KEY, raw = false) =>
    fetch(`${app.baseUrl}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: raw ? (body as string) : JSON.stringify(body),
    });

  it('queues one article, and an array, for process under the partner as source', async () => {
    const one = await post(article(1));
    expect(one.status).toBe(202);
    expect(await one.json()).toMatchObject({ queued: [{ index: 0, url: article(1).url }] });
    const many = await post([article(2), article(3)]);
    expect(((await many.json()) as { queued: unknown[] }).queued).toHaveLength(2);
    const jobs = await processQueue.getJobs(['waiting']);
    expect(jobs).toHaveLength(3);
    expect(jobs[0]!.data.source).toEqual({ id: 'partner-daily', name: '新泰日报', channels: ['xintai'] });
    expect(jobs.map((job) => job.data.item.title).sort()).toEqual(['新泰市羊流镇新闻1', '新泰市羊流镇新闻2', '新泰市羊流镇新闻3']);
  });

  it('takes authors as plain names (role 作者) or with their roles, and several editors', async () => {
    const authors = ['张伟', { name: '李娜', role: '记者' }, { name: 'John Smith', role: '通讯员' }];
    const response = await post({ ...article(10), authors, editors: ['汤诗瑶', '丁涛'] });
    expect(response.status).toBe(202);
    const jobs = await processQueue.getJobs(['waiting']);
    const job = jobs.find((queued) => queued.data.item.url === article(10).url);
    expect(job?.data.item).toMatchObject({
      authors: [
        { name: '张伟', role: '作者' },
        { name: '李娜', role: '记者' },
        { name: 'John Smith', role: '通讯员' },
      ],
      editors: ['汤诗瑶', '丁涛'],
    });
  });

  it.each([
    ['no header', null, 401, /Authorization: Bearer/],
    ['an unknown key', 'wrong-key-0123456789abcdef', 401, /unknown API key/],
    ['a partner that may not push', READER_KEY, 403, /may not push/],
  ])('refuses %s', async (_case, key, status, message) => {
    const response = await post(article(9), key);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { message: string }).message).toMatch(message);
  });

  it.each([
    ['a missing title', { ...article(4), title: undefined }, /title: /],
    ['a bad URL', { ...article(4), url: 'ftp://x' }, /url: must be an http\(s\) URL/],
    ['no content', { ...article(4), contentText: undefined }, /contentHtml: give contentHtml or contentText/],
    ['an unknown field', { ...article(4), colour: 'red' }, /Unrecognized key: "colour"/],
    ['too many items', [article(4), article(5), article(6), article(7)], /^body: Too big: expected array to have <=3 items/],
    ['a bad item in an array', [article(4), { ...article(5), authors: 'x' }], /^1\.authors: /],
    ['an author role that is not 记者, 通讯员 or 作者', { ...article(4), authors: [{ name: '李娜', role: '编辑' }] }, /^authors\.0/],
  ])('answers 400 naming the field for %s', async (_case, body, message) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(message);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const response = await post('{"url": ', KEY, true);
    expect(response.status).toBe(400);
  });

  it('answers 413 over the size cap', async () => {
    const response = await post({ ...article(8), contentText: '字'.repeat(3000) });
    expect(response.status).toBe(413);
  });

  it('answers 429 with Retry-After once the partner is over its rate', async () => {
    let limited: Response | undefined;
    for (let i = 0; i < 30 && !limited; i++) {
      const response = await post(article(100 + i));
      if (response.status === 429) limited = response;
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
