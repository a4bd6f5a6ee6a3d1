import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRoles, type RunningApp } from '../../src/app/start-roles.js';
import { parseConfig } from '../../src/config/load-config.js';
import { ArticleRepository } from '../../src/store/article-repository.js';
import { makeArticle } from '../support/articles.js';
import { connectTestRedis, deletePrefix, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';

const DAY = 86_400_000;

describe('the scheduled retention job', () => {
  const prefix = uniquePrefix('retention-job');
  let app: RunningApp | undefined;
  let redis: Redis;
  let publishQueue: Queue;
  const old = makeArticle({
    url: 'https://example.cn/ten-days-ago.html',
    title: '十天前入库的新泰新闻',
    contentText: '十天前入库的稿件，新泰市羊流镇开展春季植树。',
    firstSeenAt: new Date(Date.now() - 10 * DAY).toISOString(),
  });
  const recent = makeArticle({
    url: 'https://example.cn/today.html',
    title: '今天入库的新泰新闻',
    contentText: '今天入库的稿件，新泰市青云街道老旧小区改造。',
    firstSeenAt: new Date().toISOString(),
  });

  beforeAll(async () => {
    redis = connectTestRedis();
    publishQueue = new Queue('publish', { connection: redis, prefix });
    const repo = new ArticleRepository(redis, prefix);
    for (const article of [old, recent]) await repo.save(article);
    const yaml = `city: { name: 泰安市, code: "3709" }
retention: { keep: 7d, every: 1h }
channels: [{ id: xintai, name: 新泰新闻, divisions: ["370982"] }]
`;
    const config = parseConfig(yaml, '/test/retention.yaml', { port: 0, host: '127.0.0.1' });
    app = await startRoles(
      { ...config, redis: { ...config.redis, prefix } },
      { workers: ['publish'], scheduler: true, server: true },
      testRedisUrl(),
      pino({ level: 'silent' }),
    );
  });
  afterAll(async () => {
    await app?.close();
    await publishQueue.close();
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  const feedText = async (id: string) => (await fetch(`${app!.baseUrl}/feeds/${id}.json`)).text();

  it('runs every retention.every from the start, and the feeds lose what it deleted', async () => {
    const schedulers = await publishQueue.getJobSchedulers();
    expect(schedulers.find((scheduler) => scheduler.key === 'retention')).toMatchObject({ every: 3_600_000 });
    await waitFor(async () => !(await feedText('xintai')).includes(old.title) && (await feedText('xintai')).includes(recent.title), {
      what: 'the channel feed without the expired article',
    });
    expect(await feedText('all')).not.toContain(old.title);
    expect(await redis.exists(`${prefix}:article:${old.id}`)).toBe(0);
  });
});
