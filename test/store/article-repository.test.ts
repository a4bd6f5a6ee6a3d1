import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleRepository } from '../../src/store/article-repository.js';
import { makeArticle } from '../support/articles.js';
import { connectTestRedis, deletePrefix, uniquePrefix } from '../support/redis.js';

const TEXT = '近日，新泰市青云街道12个老旧小区改造项目集中开工，涉及居民楼86栋、住户2300余户。';

/** One story as a repost at 15:00 and its original at 09:15, `n` naming their URLs. */
function repostAndOriginal(n: number, text: string) {
  const repost = makeArticle({
    url: `https://mirror.example.cn/news/${n}.html`,
    itemKey: `mirror:${n}`,
    source: { id: 'mirror', name: '转载站' },
    contentText: text,
    publishedAt: '2024-03-12T15:00:00+08:00',
  });
  const original = makeArticle({ url: `https://example.cn/a/${n}.html`, contentText: text, publishedAt: '2024-03-12T09:15:00+08:00' });
  return { repost, original };
}

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
      publishedAt: '2024-03-12T10:00:00+08:00',
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
    const { repost, original } = repostAndOriginal(5, `${TEXT}先发后至的原稿。`);
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

  it('stores one article when many workers save copies of it at once, the smallest id of equally old copies', async () => {
    const copies = Array.from({ length: 20 }, (_, i) =>
      makeArticle({ url: `https://site${i}.example.cn/story.html`, itemKey: `s${i}:story`, contentText: `${TEXT}同一篇稿件。` }),
    );
    const verdicts = await Promise.all(copies.map((copy) => repo.save(copy)));
    // One claim creates the story; a copy with a smaller id may then take its place (created, superseding).
    expect(verdicts.filter((v) => v.kind === 'created' && !v.supersedes)).toHaveLength(1);
    const [first] = copies.map((copy) => copy.id).sort();
    const stored = await repo.get(first!);
    expect(stored?.id).toBe(first);
    expect(stored?.alsoPublishedBy).toHaveLength(19);
    const xintai = await repo.listFeed('channel:xintai', 1000);
    expect(copies.filter((copy) => xintai.includes(copy.id)).map((copy) => copy.id)).toEqual([first]);
    // An id that was stored for a while answers with the story's article; the others were never stored.
    for (const copy of copies) expect([first, undefined]).toContain((await repo.get(copy.id))?.id);
  });

  it('finds a story through a chain of replacements: a key that names a replaced article leads to the one that stands now', async () => {
    const text = `${TEXT}被多次转载、先发的稿件最后才到。`;
    const copyAt = (site: string, publishedAt: string) =>
      makeArticle({
        url: `https://${site}.example.cn/7.html`,
        itemKey: `${site}:7`,
        source: { id: site, name: site },
        contentText: text,
        publishedAt,
      });
    const aggregator = {
      ...copyAt('origin', '2024-03-12T15:00:00+08:00'),
      itemKey: 'aggregator:7',
      source: { id: 'aggregator', name: '聚合' },
    };
    const original = copyAt('origin', '2024-03-12T08:00:00+08:00');
    expect((await repo.save(aggregator)).kind).toBe('created');
    expect((await repo.save(copyAt('mirror-b', '2024-03-12T12:00:00+08:00'))).kind).toBe('created');
    expect((await repo.save(copyAt('mirror-a', '2024-03-12T10:00:00+08:00'))).kind).toBe('created');
    // The original's URL key still names the aggregator's entry, replaced twice since.
    expect(await repo.save(original)).toMatchObject({ kind: 'created', articleId: original.id });
    const stored = await repo.get(original.id);
    expect(stored?.source.id).toBe('origin');
    expect(stored?.alsoPublishedBy.map((c) => c.sourceId).sort()).toEqual(['aggregator', 'mirror-a', 'mirror-b']);
  });

  it('lets a retried copy take over when its first attempt failed between being recorded and deciding', async () => {
    const { repost, original } = repostAndOriginal(9, `${TEXT}首次处理在记录副本之后中断。`);
    expect((await repo.save(repost)).kind).toBe('created');
    const failing = connectTestRedis();
    try {
      const failingRepo = new ArticleRepository(failing, prefix);
      Object.assign(failing, { replaceCanonical: () => Promise.reject(new Error('connection lost')) });
      await expect(failingRepo.save(original)).rejects.toThrow('connection lost');
    } finally {
      await failing.quit();
    }
    expect(await repo.save(original)).toEqual({
      kind: 'created',
      articleId: original.id,
      supersedes: { articleId: repost.id, channelIds: ['xintai'] },
    });
    expect(await repo.save(original)).toEqual({ kind: 'unchanged', articleId: original.id });
  });

  it('lets an item take its URL’s article back from an aggregator’s later entry of it, under the same id', async () => {
    const text = `${TEXT}聚合站先抓到了原文链接。`;
    const original = makeArticle({ url: 'https://example.cn/a/8.html', contentText: text, publishedAt: '2024-03-12T09:00:00+08:00' });
    const aggregator = {
      ...original,
      itemKey: 'aggregator:8',
      source: { id: 'aggregator', name: '聚合' },
      publishedAt: '2024-03-12T14:00:00+08:00',
      channels: [{ id: 'taian', score: 3, evidence: [{ name: '泰安市', where: 'title' as const, weight: 3 }] }],
    };
    expect(await repo.save(aggregator)).toEqual({ kind: 'created', articleId: original.id });
    expect(await repo.save(original)).toEqual({ kind: 'updated', articleId: original.id, previousChannelIds: ['taian'] });
    const stored = await repo.get(original.id);
    expect(stored).toMatchObject({ source: { id: 'test-source' }, publishedAt: original.publishedAt });
    expect(stored?.alsoPublishedBy.map((c) => c.sourceId)).toEqual(['aggregator']);
    expect(await repo.listFeed('source:aggregator', 100)).not.toContain(original.id);
    expect(await repo.listFeed('channel:taian', 100)).not.toContain(original.id);
    expect(await repo.listFeed('channel:xintai', 100)).toContain(original.id);
    expect(await repo.save(aggregator)).toEqual({ kind: 'unchanged', articleId: original.id });
  });

  it('reads an article stored before authors had roles: names as 作者, its one editor as a list, nothing lost', async () => {
    const article = makeArticle({ url: 'https://example.cn/a/legacy.html', contentText: `${TEXT}旧版存储。` });
    await repo.save(article);
    const legacy: Record<string, unknown> = { ...article, authors: ['张伟', 'IT之家'], editor: '孙静', alsoPublishedBy: [] };
    delete legacy.editors;
    await redis.set(repo.keys.article(article.id), JSON.stringify(legacy));
    expect(await repo.get(article.id)).toEqual({
      ...article,
      authors: [
        { name: '张伟', role: '作者' },
        { name: 'IT之家', role: '作者' },
      ],
      editors: ['孙静'],
    });
    await redis.set(repo.keys.article(article.id), JSON.stringify({ ...legacy, authors: [], editor: null }));
    expect(await repo.get(article.id)).toMatchObject({ authors: [], editors: [] });
  });
});
