import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/domain/article.js';
import { ArticleRepository } from '../../src/store/article-repository.js';
import { StoreRetention } from '../../src/store/store-retention.js';
import { makeArticle, numberedArticle } from '../support/articles.js';
import { connectTestRedis, deletePrefix, uniquePrefix } from '../support/redis.js';

/** The change indexes (changes:<feed>): what the store's scripts write beside the feed indexes. */
describe('change indexes against Redis', () => {
  const prefix = uniquePrefix('changes');
  let redis: Redis;
  let repo: ArticleRepository;
  let serial = 0;

  const article = (overrides: Partial<Article> = {}) => numberedArticle(++serial, overrides);

  /** A feed's change index, oldest write first. */
  const changesOf = (feed: string) => redis.zrange(repo.keys.feedChanges(feed), 0, -1);

  beforeAll(() => {
    redis = connectTestRedis();
    repo = new ArticleRepository(redis, prefix);
  });
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('gives every write a later change time than any before it, by the Redis clock in µs', async () => {
    const before = Date.now() * 1000;
    const articles = [article(), article(), article({ publishedAt: '2020-01-01T00:00:00+08:00' })];
    for (const a of articles) await repo.save(a);
    const times = (await Promise.all(articles.map((a) => redis.zscore(repo.keys.feedChanges('channel:all'), a.id)))).map(Number);
    expect(times[0]).toBeGreaterThan(before - 5_000_000);
    expect(times[0]).toBeLessThan(before + 5_000_000);
    expect(times[1]).toBeGreaterThan(times[0] ?? Infinity);
    expect(times[2]).toBeGreaterThan(times[1] ?? Infinity);
    expect(Number(await redis.get(repo.keys.changeClock()))).toBe(times[2]);
    for (const feed of ['channel:xintai', 'source:test-source']) expect(await changesOf(feed)).toEqual(articles.map((a) => a.id));
  });

  it('keeps its times increasing when the clock it last gave out is ahead of the server', async () => {
    const ahead = (Date.now() + 60_000) * 1000;
    await redis.set(repo.keys.changeClock(), String(ahead));
    const a = article();
    await repo.save(a);
    expect(Number(await redis.zscore(repo.keys.feedChanges('channel:all'), a.id))).toBe(ahead + 1);
  });

  it('moves an updated article to the end, out of the feeds it left', async () => {
    const source = { id: 'update-source', name: '更新' };
    const [a, b] = [article({ source }), article({ source })];
    await repo.save(a);
    await repo.save(b);
    const text = `${a.contentText}补充：项目预计年底完工。`;
    const changed = { ...a, contentText: text, contentHash: makeArticle({ url: a.url, contentText: text }).contentHash, channels: [] };
    expect((await repo.save(changed)).kind).toBe('updated');
    expect(await changesOf('source:update-source')).toEqual([b.id, a.id]);
    expect(await redis.zscore(repo.keys.feedChanges('channel:xintai'), a.id)).toBeNull();
  });

  it('puts an earlier-published copy that takes over its story at the end, and takes the old one out', async () => {
    const source = { id: 'takeover', name: '转载' };
    const text = '宁阳县伏山镇举行春季植树活动，干部群众一千余人参加，栽植苗木两万株。';
    const repost = article({
      source,
      contentText: text,
      url: 'https://mirror.example.cn/a.html',
      publishedAt: '2024-03-12T15:00:00+08:00',
    });
    const original = article({ source, contentText: text, url: 'https://example.cn/a.html', itemKey: 'takeover:original' });
    await repo.save(repost);
    expect((await repo.save(original)).kind).toBe('created');
    expect(await changesOf('source:takeover')).toEqual([original.id]);
  });

  it('loses expired articles with retention', async () => {
    const source = { id: 'expiring', name: '过期' };
    const expiring = article({ source, firstSeenAt: '2020-01-01T00:00:00+08:00' });
    await repo.save(expiring);
    await new StoreRetention(redis, repo.keys, repo, { remove: () => Promise.resolve() }).run(Date.parse('2021-01-01T00:00:00Z'));
    expect(await changesOf('source:expiring')).toEqual([]);
    expect(await redis.zscore(repo.keys.feedChanges('channel:all'), expiring.id)).toBeNull();
  });
});
