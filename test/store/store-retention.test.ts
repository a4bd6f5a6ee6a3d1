import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/domain/article.js';
import type { NearDuplicateCheck } from '../../src/domain/near-duplicate-check.js';
import { ArticleRepository } from '../../src/store/article-repository.js';
import { CardRepository } from '../../src/store/card-repository.js';
import { StoreRetention } from '../../src/store/store-retention.js';
import { makeArticle } from '../support/articles.js';
import { cardWith } from '../support/cards.js';
import { connectTestRedis, deletePrefix, uniquePrefix } from '../support/redis.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-01T00:00:00Z');
const CUTOFF = NOW - 90 * DAY;
const LONG_AGO = '2026-06-01T08:00:00+08:00';
const LATELY = '2026-11-30T08:00:00+08:00';

/** Band keys shared with whatever else uses them; never the same story. */
const bands = (...keys: string[]): NearDuplicateCheck => ({ bandKeys: keys, isSameStory: () => false });

describe('StoreRetention against Redis', () => {
  const prefix = uniquePrefix('retention');
  let redis: Redis;
  let repo: ArticleRepository;
  let cards: CardRepository;
  let retention: StoreRetention;
  let old: Article;
  let copyOfOld: Article;
  let recent: Article;
  let archived: Article;

  /** Every key under the prefix of one kind (`item`, `lsh`…). */
  const keysOf = (kind: string) => redis.keys(`${prefix}:${kind}:*`);
  /** The ids in every LSH bucket. */
  async function bucketIds(): Promise<string[]> {
    const ids: string[] = [];
    for (const key of await keysOf('lsh')) for (const value of Object.values(await redis.hgetall(key))) ids.push(...value.split(','));
    return ids;
  }

  beforeAll(async () => {
    redis = connectTestRedis();
    repo = new ArticleRepository(redis, prefix);
    cards = new CardRepository(redis, prefix);
    retention = new StoreRetention(redis, repo.keys, repo, cards);
    old = makeArticle({
      url: 'https://example.cn/old.html',
      contentText: '九十多天前的旧闻，肥城市桃园镇举办桃花节。',
      firstSeenAt: LONG_AGO,
    });
    copyOfOld = makeArticle({
      url: 'https://mirror.example.cn/old.html',
      itemKey: 'mirror:old',
      source: { id: 'mirror', name: '转载站' },
      contentText: old.contentText,
      firstSeenAt: LONG_AGO,
    });
    recent = makeArticle({
      url: 'https://example.cn/recent.html',
      contentText: '昨天的新闻，新泰市青云街道老旧小区改造开工。',
      firstSeenAt: LATELY,
    });
    // Published long ago but stored lately (an imported archive): kept as long as anything stored lately.
    archived = makeArticle({
      url: 'https://example.cn/2017.html',
      contentText: '2017年的存档稿件，宁阳县磁窑镇科协获评先进。',
      publishedAt: '2017-07-05T10:39:00+08:00',
      firstSeenAt: LATELY,
    });
    expect((await repo.save(old, bands('0.0.shared', '1.0.old-only'))).kind).toBe('created');
    expect((await repo.save(copyOfOld)).kind).toBe('duplicate');
    expect((await repo.save(recent, bands('0.0.shared'))).kind).toBe('created');
    expect((await repo.save(archived)).kind).toBe('created');
    for (const article of [old, recent, archived]) await cards.write(cardWith(article.id, { 桃花节: 1, 改造: 1 }));
  });
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('deletes the articles first seen before the cutoff, with their copies, cards, claims and bucket entries', async () => {
    const summary = await retention.run(CUTOFF);
    expect(summary).toMatchObject({ expired: 1, channelIds: ['xintai'] });
    expect(summary.danglingKeys).toBeGreaterThanOrEqual(4); // its item, url and content claims, and the copy's item claim
    expect(summary.bucketEntries).toBe(2);
    expect(await repo.get(old.id)).toBeUndefined();
    expect(await redis.exists(repo.keys.alsoPublished(old.id))).toBe(0);
    for (const feed of ['channel:xintai', 'channel:all', 'source:test-source'])
      expect(await repo.listFeed(feed, 100)).not.toContain(old.id);
    expect(await cards.getMany([old.id])).toEqual([]);
    const claims = await Promise.all(['item', 'url', 'content'].map(async (kind) => redis.mget(...(await keysOf(kind)))));
    expect(claims.flat().join(' ')).not.toContain(old.id);
    expect(await bucketIds()).toEqual([recent.id]);
  });

  it('keeps what was stored lately, an imported archive included, in its feeds and findable again', async () => {
    expect((await repo.get(recent.id))?.title).toBe(recent.title);
    expect((await repo.get(archived.id))?.publishedAt).toBe(archived.publishedAt);
    expect(await repo.listFeed('channel:all', 100)).toEqual(expect.arrayContaining([recent.id, archived.id]));
    expect(await repo.save(recent)).toEqual({ kind: 'unchanged', articleId: recent.id });
    expect((await cards.getMany([recent.id, archived.id])).map((card) => card.id)).toEqual([recent.id, archived.id]);
  });

  it('does nothing the second time', async () => {
    expect(await retention.run(CUTOFF)).toEqual({ expired: 0, channelIds: [], danglingKeys: 0, bucketEntries: 0, orphanDocuments: 0 });
  });

  it('enters articles stored before the retention index existed, once, by when they were first seen', async () => {
    await redis.del(repo.keys.stored(), repo.keys.marker('stored-backfilled'));
    expect((await retention.run(NOW)).expired).toBe(2);
    expect(await repo.countFeed('channel:all')).toBe(0);
  });
});

describe('StoreRetention and replaced articles', () => {
  const prefix = uniquePrefix('retention-merged');
  let redis: Redis;
  let repo: ArticleRepository;
  const sameStory = (...keys: string[]): NearDuplicateCheck => ({ bandKeys: keys, isSameStory: () => true });

  beforeAll(() => {
    redis = connectTestRedis();
    repo = new ArticleRepository(redis, prefix);
  });
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('keeps the claims of articles replaced by earlier copies while the earliest is stored: the same item again is no new article', async () => {
    const text = '泰安市岱岳区满庄镇举办樱桃采摘节，吸引游客三万余人次，带动农户增收一千二百万元。';
    const copy = (site: string, hour: string, extra: string) =>
      makeArticle({
        url: `https://${site}.example.cn/a.html`,
        itemKey: `${site}:a`,
        source: { id: site, name: site },
        contentText: `${text}${extra}`,
        firstSeenAt: LATELY,
        publishedAt: `2026-11-30T${hour}:00:00+08:00`,
      });
    // Each arrives after the last and was published before it: two replacements, a chain later → middle → earliest.
    const [later, middle, earliest] = [
      copy('later', '10', ''),
      copy('middle', '09', '（完）'),
      copy('earliest', '08', '（来源：泰安日报）'),
    ];
    expect((await repo.save(later, sameStory('0.0.cherry'))).kind).toBe('created');
    expect(await repo.save(middle, sameStory('0.0.cherry'))).toMatchObject({ kind: 'created', supersedes: { articleId: later.id } });
    const last = await repo.save(earliest, sameStory('0.0.cherry'));
    expect(last).toMatchObject({ kind: 'created', supersedes: { articleId: middle.id } });
    const expiring = makeArticle({ url: 'https://example.cn/gone.html', contentText: '九十多天前的旧闻。', firstSeenAt: LONG_AGO });
    expect((await repo.save(expiring)).kind).toBe('created');

    expect((await new StoreRetention(redis, repo.keys, repo, new CardRepository(redis, prefix)).run(CUTOFF)).expired).toBe(1);

    for (const again of [later, middle]) {
      const verdict = await repo.save(again, { bandKeys: [], isSameStory: () => false });
      expect(verdict.kind).not.toBe('created');
      expect(verdict.articleId).toBe(last.articleId);
    }
  });
});
