import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleRepository } from '../../src/store/article-repository.js';
import { makeArticle } from '../support/articles.js';
import { connectTestRedis, deletePrefix, uniquePrefix } from '../support/redis.js';

const TEXT = '近日，新泰市青云街道12个老旧小区改造项目集中开工，涉及居民楼86栋、住户2300余户。';

describe('ArticleRepository against Redis', () => {
  const prefix = uniquePrefix('articles');
  let redis: Redis;
  let repo: ArticleRepository;

  beforeAll(() => {
    redis = connectTestRedis();
    repo = new ArticleRepository(redis, prefix);
  });
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('creates an article once; the same item again is unchanged', async () => {
    const article = makeArticle({ url: 'https://example.cn/a/1.html', contentText: TEXT });
    expect(await repo.save(article)).toEqual({ kind: 'created', articleId: article.id });
    expect(await repo.save(article)).toEqual({ kind: 'unchanged', articleId: article.id });
    expect(await repo.listFeed('channel:xintai', 10)).toEqual([article.id]);
    expect(await repo.listFeed('channel:all', 10)).toEqual([article.id]);
    expect(await repo.listFeed('source:test-source', 10)).toEqual([article.id]);
    expect((await repo.get(article.id))?.title).toBe(article.title);
  });

  it('updates in place when the same item comes back with new content, keeping id and publishedAt', async () => {
    const first = makeArticle({ url: 'https://example.cn/a/2.html', contentText: `${TEXT}第一版。` });
    await repo.save(first);
    const second = makeArticle({
      url: 'https://example.cn/a/2.html',
      contentText: `${TEXT}第二版，补充了开工时间。`,
      publishedAt: '2024-03-12T11:00:00+08:00',
      firstSeenAt: '2024-03-12T12:00:00+08:00',
      channels: [{ id: 'taian', score: 3, evidence: [{ name: '泰安市', where: 'title', weight: 3 }] }],
    });
    expect(await repo.save(second)).toEqual({ kind: 'updated', articleId: first.id, previousChannelIds: ['xintai'] });
    const stored = await repo.get(first.id);
    expect(stored?.contentText).toContain('第二版');
    expect(stored?.publishedAt).toBe(first.publishedAt);
    expect(stored?.updatedAt).toBe('2024-03-12T12:00:00+08:00');
    expect(await repo.listFeed('channel:xintai', 10)).not.toContain(first.id);
    expect(await repo.listFeed('channel:taian', 10)).toContain(first.id);
  });

  it('records a copy at another URL with the same content on the stored article', async () => {
    const original = makeArticle({ url: 'https://example.cn/a/3.html', contentText: `${TEXT}原文。` });
    const copy = makeArticle({
      url: 'https://mirror.example.cn/news/3.html',
      contentText: `${TEXT}  原文 。`,
      itemKey: 'mirror:3',
      source: { id: 'mirror', name: '转载站' },
    });
    await repo.save(original);
    expect(await repo.save(copy)).toEqual({ kind: 'duplicate', articleId: original.id, matchedBy: 'content' });
    const stored = await repo.get(original.id);
    expect(stored?.alsoPublishedBy).toEqual([{ url: copy.url, sourceId: 'mirror', sourceName: '转载站', publishedAt: copy.publishedAt }]);
    expect(await repo.get(copy.id)).toBeUndefined();
    expect(await repo.save(copy)).toEqual({ kind: 'unchanged', articleId: original.id });
    expect((await repo.get(original.id))?.alsoPublishedBy).toHaveLength(1);
  });

  it('matches a copy by canonical URL from another source', async () => {
    const original = makeArticle({ url: 'https://example.cn/a/4.html', contentText: `${TEXT}全文。` });
    const teaser = makeArticle({ url: original.url, contentText: '摘要而已', itemKey: 'feed:guid-4', source: { id: 'feed', name: 'RSS' } });
    await repo.save(original);
    expect(await repo.save(teaser)).toEqual({ kind: 'duplicate', articleId: original.id, matchedBy: 'url' });
  });

  it('makes an earlier-published copy canonical when it arrives after a later repost', async () => {
    const text = `${TEXT}先发后至的原稿。`;
    const repost = makeArticle({
      url: 'https://mirror.example.cn/news/5.html',
      itemKey: 'mirror:5',
      source: { id: 'mirror', name: '转载站' },
      contentText: text,
      publishedAt: '2024-03-12T15:00:00+08:00',
    });
    const original = makeArticle({ url: 'https://example.cn/a/5.html', contentText: text, publishedAt: '2024-03-12T09:15:00+08:00' });
    expect((await repo.save(repost)).kind).toBe('created');
    const verdict = await repo.save(original);
    expect(verdict).toEqual({ kind: 'created', articleId: original.id, supersedes: { articleId: repost.id, channelIds: ['xintai'] } });
    expect(await repo.listFeed('channel:xintai', 100)).toContain(original.id);
    expect(await repo.listFeed('channel:xintai', 100)).not.toContain(repost.id);
    expect(await repo.listFeed('source:mirror', 100)).not.toContain(repost.id);
    const stored = await repo.get(original.id);
    expect(stored?.alsoPublishedBy).toEqual([
      { url: repost.url, sourceId: 'mirror', sourceName: '转载站', publishedAt: repost.publishedAt },
    ]);
    expect((await repo.get(repost.id))?.id).toBe(original.id);
    expect(await repo.save(repost)).toEqual({ kind: 'unchanged', articleId: original.id });
    expect(await repo.save(original)).toEqual({ kind: 'unchanged', articleId: original.id });
  });

  it('does not let a copy take canonical status by backdating', async () => {
    const text = `${TEXT}今天上午首发的原稿，随后被一个声称发于2024年的站点搬运。`;
    const original = makeArticle({
      url: 'https://example.cn/a/6.html',
      contentText: text,
      publishedAt: '2026-12-04T10:00:00+08:00',
      firstSeenAt: '2026-12-04T10:05:00+08:00',
    });
    const backdated = makeArticle({
      url: 'https://scraper.example.cn/6.html',
      itemKey: 'scraper:6',
      source: { id: 'scraper', name: '搬运站' },
      contentText: text,
      publishedAt: '2024-01-01T08:00:00+08:00',
      firstSeenAt: '2026-12-04T11:00:00+08:00',
    });
    expect((await repo.save(original)).kind).toBe('created');
    expect(await repo.save(backdated)).toEqual({ kind: 'duplicate', articleId: original.id, matchedBy: 'content' });
    expect(await repo.listFeed('channel:xintai', 100)).toContain(original.id);
    expect(await repo.listFeed('source:test-source', 100)).toContain(original.id);
    expect((await repo.get(original.id))?.source.id).toBe('test-source');
  });

  it('refuses a corrupt stored article with an error naming its key and field', async () => {
    await redis.set(repo.keys.article('00000000deadbeef'), JSON.stringify({ id: '00000000deadbeef', title: 42 }));
    await expect(repo.getMany(['00000000deadbeef'])).rejects.toThrow(
      new RegExp(`^store: ${prefix}:article:00000000deadbeef is corrupt at url: `),
    );
    await redis.set(repo.keys.article('00000000deadbeef'), '{not json');
    await expect(repo.get('00000000deadbeef')).rejects.toThrow(/holds no JSON/);
    await redis.del(repo.keys.article('00000000deadbeef'));
  });

  it('keeps items without a URL, and title-only items, apart from each other', async () => {
    const first = makeArticle({ url: '', itemKey: 'wire:1', contentText: '近日，宁阳县磁窑镇组织开展春季植树活动，500余人参加。' });
    const second = makeArticle({ url: '', itemKey: 'wire:2', contentText: '3月15日，东平县州城街道举办春季就业招聘会，42家企业参加。' });
    expect((await repo.save({ ...first, id: 'aaaaaaaaaaaaaaa1' })).kind).toBe('created');
    expect((await repo.save({ ...second, id: 'aaaaaaaaaaaaaaa2' })).kind).toBe('created');
    const photoA = makeArticle({ url: 'https://example.cn/p/1.html', itemKey: 'p:1', contentText: '图片新闻' });
    const photoB = makeArticle({ url: 'https://example.cn/p/2.html', itemKey: 'p:2', contentText: '图片新闻' });
    expect((await repo.save(photoA)).kind).toBe('created');
    expect((await repo.save(photoB)).kind).toBe('created');
  });

  it('stores one article when many workers save copies of it at once', async () => {
    const copies = Array.from({ length: 20 }, (_, i) =>
      makeArticle({ url: `https://site${i}.example.cn/story.html`, itemKey: `s${i}:story`, contentText: `${TEXT}同一篇稿件。` }),
    );
    const verdicts = await Promise.all(copies.map((copy) => repo.save(copy)));
    const created = verdicts.filter((v) => v.kind === 'created');
    expect(created).toHaveLength(1);
    expect(verdicts.filter((v) => v.kind === 'duplicate')).toHaveLength(19);
    expect((await repo.get(created[0]!.articleId))?.alsoPublishedBy).toHaveLength(19);
  });
});
