import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/domain/article.js';
import { createRedisConnection } from '../../src/queues/redis-connection.js';
import { declareKeys } from '../../src/store/declared-keys.js';
import { ArticleListing, type ListingQuery } from '../../src/store/article-listing.js';
import { ArticleRepository } from '../../src/store/article-repository.js';
import { SearchIndex } from '../../src/store/search-index.js';
import { numberedArticle } from '../support/articles.js';
import { uniquePrefix } from '../support/redis.js';
import { HAS_REDIS_CLUSTER_TOOLS, keysPerMaster, startLocalCluster, type LocalCluster } from '../support/redis-cluster.js';

/**
 * The search index on a local Redis Cluster of three masters, where each term's postings lie in
 * a slot of their own: writes, the steps a dead writer leaves behind, and searches that filter
 * the feed indexes by postings in other slots, both ways (a posting read whole, or the feed
 * index read in order).
 */
describe.skipIf(!HAS_REDIS_CLUSTER_TOOLS)('the search index on a Redis Cluster of three masters (needs redis-server and redis-cli)', () => {
  const prefix = uniquePrefix('spread-search');
  let cluster: LocalCluster | undefined;
  let redis: Redis;
  let repo: ArticleRepository;
  let search: SearchIndex;
  let serial = 0;

  const stored = async (overrides: Partial<Article> = {}) => {
    const article = numberedArticle(++serial, overrides);
    await repo.save(article);
    return article;
  };
  const postings = (term: string) => redis.zrange(search.keys.searchPostings(term), 0, -1);
  const listed = (id: string) => redis.get(search.keys.searchTerms(id));

  /** What a writer that died after its first step leaves: its terms in the list, pending, one posting written, its lease running out in `leaseMs`. */
  async function diedAfterBegin(id: string, terms: string[], leaseMs: number): Promise<void> {
    const call = declareKeys({ listed: search.keys.searchTerms(id), article: search.keys.article(id), lease: search.keys.searchLease(id) });
    const [kind] = await redis.beginSearchTerms(...call.args, 'dead-writer', leaseMs, 'write', terms.join(','));
    expect(kind).toBe('held');
    await redis.zadd(search.keys.searchPostings(terms[0]!), 0, id);
  }

  beforeAll(async () => {
    cluster = await startLocalCluster(3);
    redis = createRedisConnection({ cluster: cluster.nodes }, 'spread-search-test');
    repo = new ArticleRepository(redis, prefix);
    search = new SearchIndex(redis, prefix);
  }, 60_000);
  afterAll(async () => {
    await redis.quit();
    await cluster?.stop();
  });

  it('posts an article under its terms, moves it between terms, and takes it out again', async () => {
    const article = await stored();
    expect(await search.write(article.id, ['泰山', '登山节'])).toBe(true);
    expect(await search.write(article.id, ['泰山', '桃花节'])).toBe(true);
    expect(await postings('泰山')).toEqual([article.id]);
    expect(await postings('桃花节')).toEqual([article.id]);
    expect(await postings('登山节')).toEqual([]);
    expect(await listed(article.id)).toBe('泰山,桃花节');
    expect(await search.ensure(article.id, ['别的'])).toBe(false);
    await search.remove(article.id);
    expect([...(await postings('泰山')), ...(await postings('桃花节'))]).toEqual([]);
    expect(await listed(article.id)).toBeNull();
    expect(await redis.zscore(search.keys.searchChanges(), article.id)).toBeNull();
  });

  it('does not index an article that is not stored', async () => {
    expect(await search.write('0123456789abcdef', ['幽灵'])).toBe(false);
    expect(await postings('幽灵')).toEqual([]);
    expect(await listed('0123456789abcdef')).toBeNull();
  });

  it('spreads the postings over the masters, the lists in the store slot', async () => {
    const article = await stored();
    const terms = Array.from({ length: 60 }, (_, i) => `词${String(i)}`);
    await search.write(article.id, terms);
    const perMaster = [...(await keysPerMaster(cluster!.nodes, `{${prefix}:search-*}:word:*`)).values()];
    expect(perMaster.filter((count) => count > 0).length).toBe(3);
    const lists = [...(await keysPerMaster(cluster!.nodes, `{${prefix}}:words:*`)).values()];
    expect(lists.filter((count) => count > 0)).toHaveLength(1);
  });

  it('after a writer died midway, ensure waits out its lease and leaves exactly the new terms', async () => {
    const article = await stored();
    await diedAfterBegin(article.id, ['残留', '旧词'], 300);
    expect(await listed(article.id)).toBe('!残留,旧词');
    expect(await search.ensure(article.id, ['新词'])).toBe(true);
    expect(await listed(article.id)).toBe('新词');
    expect(await postings('残留')).toEqual([]);
    expect(await postings('新词')).toEqual([article.id]);
    expect(await search.ensure(article.id, ['新词'])).toBe(false);
  });

  it('after a writer died midway, a remove reaches the postings it wrote', async () => {
    const article = await stored();
    await diedAfterBegin(article.id, ['孤儿'], 300);
    await search.remove(article.id);
    expect(await postings('孤儿')).toEqual([]);
    expect(await listed(article.id)).toBeNull();
  });

  it('lets one writer at a time change an article: concurrent writes end with one of them whole', async () => {
    const article = await stored();
    const sets = [['甲', '乙'], ['乙', '丙'], ['丁']];
    await Promise.all(sets.map((terms) => search.write(article.id, terms)));
    const final = (await listed(article.id))!.split(',');
    expect(sets).toContainEqual(final);
    for (const term of ['甲', '乙', '丙', '丁']) {
      expect(await postings(term)).toEqual(final.includes(term) ? [article.id] : []);
    }
  });

  describe.each([
    ['a posting read whole', 5_000],
    ['the feed index read in order', 0],
  ])('searches, %s', (_, readWholePosting) => {
    let listing: ArticleListing;
    beforeAll(() => {
      listing = new ArticleListing(redis, prefix, readWholePosting);
    });

    async function readAll(query: Omit<ListingQuery, 'after' | 'limit'>, limit: number): Promise<string[]> {
      const ids: string[] = [];
      let after: ListingQuery['after'];
      for (let pages = 0; pages < 100; pages++) {
        const { entries, more } = await listing.page({ ...query, after, limit });
        ids.push(...entries.map((entry) => entry.id));
        after = entries.at(-1) ?? after;
        if (!more) return ids;
      }
      throw new Error('listing never ended');
    }

    it('finds the articles holding every term within a channel and a source, in either order, page by page', async () => {
      const source = { id: `search-${String(readWholePosting)}`, name: '搜索' };
      const both = [1, 2, 3].map(() => numberedArticle(++serial, { source, publishedAt: '2024-03-12T09:15:00+08:00' }));
      const one = numberedArticle(++serial, { source });
      const elsewhere = numberedArticle(++serial, { source, channels: [{ id: 'feicheng', score: 3, evidence: [] }] });
      for (const a of [...both, one, elsewhere]) await repo.save(a);
      for (const a of [...both, elsewhere]) await search.write(a.id, ['东岳', '庙会']);
      await search.write(one.id, ['东岳']);
      const query = { feeds: ['channel:xintai', `source:${source.id}`] as const, terms: ['东岳', '庙会'] };
      const byId = both.map((a) => a.id).sort();
      expect(await readAll({ ...query, order: 'published' }, 1)).toEqual([...byId].reverse());
      expect(await readAll({ ...query, order: 'changed' }, 2)).toEqual(both.map((a) => a.id));
      expect(await readAll({ feeds: [`source:${source.id}`], terms: ['东岳'], order: 'published' }, 10)).toHaveLength(5);
      expect(await readAll({ feeds: [`source:${source.id}`], terms: ['没有'], order: 'published' }, 10)).toEqual([]);
    });
  });
});
