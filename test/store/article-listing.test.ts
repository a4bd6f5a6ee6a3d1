import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/domain/article.js';
import { ArticleListing, isPast, type ListingEntry, type ListingQuery } from '../../src/store/article-listing.js';
import { ArticleRepository } from '../../src/store/article-repository.js';
import { SearchIndex } from '../../src/store/search-index.js';
import { numberedArticle } from '../support/articles.js';
import { connectTestRedis, deletePrefix, uniquePrefix } from '../support/redis.js';

describe('isPast', () => {
  const at = (score: number, id: string): ListingEntry => ({ score, id });
  it.each([
    ['published: an older score', at(1, 'b'), { score: 2, id: 'a' }, 'published', true],
    ['published: a newer score', at(3, 'a'), { score: 2, id: 'b' }, 'published', false],
    ['published: the same score, a smaller id', at(2, 'a'), { score: 2, id: 'b' }, 'published', true],
    ['published: the same score, a larger id', at(2, 'c'), { score: 2, id: 'b' }, 'published', false],
    ['published: the position itself', at(2, 'b'), { score: 2, id: 'b' }, 'published', false],
    ['changed: a later score', at(3, 'a'), { score: 2, id: 'b' }, 'changed', true],
    ['changed: an earlier score', at(1, 'z'), { score: 2, id: 'b' }, 'changed', false],
    ['changed: the same score, a larger id', at(2, 'c'), { score: 2, id: 'b' }, 'changed', true],
    ['changed: the same score, a smaller id', at(2, 'a'), { score: 2, id: 'b' }, 'changed', false],
    ['a position without id passes its whole score', at(2, 'z'), { score: 2 }, 'changed', false],
  ] as const)('%s', (_, entry, after, order, expected) => {
    expect(isPast(entry, after, order)).toBe(expected);
  });
  it('takes every entry when there is no position', () => {
    expect(isPast(at(0, 'a'), undefined, 'published')).toBe(true);
  });
});

describe('ArticleListing against Redis', () => {
  const prefix = uniquePrefix('listing');
  let redis: Redis;
  let repo: ArticleRepository;
  let listing: ArticleListing;
  let search: SearchIndex;
  let serial = 0;

  /** A new article; equal publication times by default, so that paging must break ties by id. */
  const article = (overrides: Partial<Article> = {}) => numberedArticle(++serial, overrides);

  /**
   * Every id of a listing, read `limit` at a time, with `between` run after each page; a page
   * that says no more ends it once `between` has nothing left to write (returns false).
   */
  async function readAll(
    query: Omit<ListingQuery, 'after' | 'limit'>,
    limit: number,
    between: () => Promise<boolean> = () => Promise.resolve(false),
  ): Promise<string[]> {
    const ids: string[] = [];
    let after: ListingQuery['after'];
    for (let pages = 0; pages < 1_000; pages++) {
      const { entries, more } = await listing.page({ ...query, after, limit });
      ids.push(...entries.map((entry) => entry.id));
      const last = entries.at(-1);
      if (last) after = last;
      if (!(await between()) && !more) return ids;
    }
    throw new Error('listing never ended');
  }

  /** A `between` that saves the next of some articles, and says whether it did. */
  const saveNextOf = (arriving: Article[]) => async () => {
    const next = arriving.shift();
    if (next) await repo.save(next);
    return next !== undefined;
  };

  beforeAll(() => {
    redis = connectTestRedis();
    repo = new ArticleRepository(redis, prefix);
    listing = new ArticleListing(redis, prefix);
    search = new SearchIndex(redis, prefix);
  });
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('pages the published order newest first, ties by id, without a repeat or a gap while articles arrive', async () => {
    const source = { id: 'tie-source', name: '同一时刻' };
    const stored = Array.from({ length: 7 }, () => article({ source, publishedAt: '2024-03-12T09:15:00+08:00' }));
    const older = article({ source, publishedAt: '2024-03-11T09:15:00+08:00' });
    for (const a of [...stored, older]) await repo.save(a);
    const arriving = [article({ source, publishedAt: '2024-03-13T09:15:00+08:00' }), article({ source })];
    const ids = await readAll({ order: 'published', feeds: ['source:tie-source'], terms: [] }, 2, saveNextOf(arriving));
    const byTie = [...stored]
      .map((a) => a.id)
      .sort()
      .reverse();
    // The newer arrival sorts before the first page and is not seen; the tie arrives among the ties, wherever its id falls.
    expect(ids.filter((id) => byTie.includes(id))).toEqual(byTie);
    expect(ids.at(-1)).toBe(older.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('pages the changed order oldest write first and reaches every article written while it reads', async () => {
    const source = { id: 'sync-source', name: '同步' };
    const first = Array.from({ length: 5 }, () => article({ source, publishedAt: '2024-03-12T09:15:00+08:00' }));
    for (const a of first) await repo.save(a);
    // Arrivals published long ago: a cursor by publication or update time would have passed them.
    const late = Array.from({ length: 4 }, () => article({ source, publishedAt: '2020-01-01T00:00:00+08:00' }));
    const ids = await readAll({ order: 'changed', feeds: ['source:sync-source'], terms: [] }, 2, saveNextOf([...late]));
    expect(ids).toEqual([...first, ...late].map((a) => a.id));
  });

  it('intersects a channel with a source', async () => {
    const source = { id: 'mixed-source', name: '混合' };
    const inXintai = article({ source });
    const elsewhere = article({ source, channels: [{ id: 'feicheng', score: 3, evidence: [] }] });
    await repo.save(inXintai);
    await repo.save(elsewhere);
    for (const order of ['published', 'changed'] as const) {
      const query = { order, feeds: ['channel:feicheng', 'source:mixed-source'] as const, terms: [] };
      expect(await readAll(query, 5)).toEqual([elsewhere.id]);
    }
    expect(await redis.keys(`${prefix}:listing:*`)).toEqual([]);
  });

  it('finds the articles holding every term, in either order, within a channel', async () => {
    const source = { id: 'search-source', name: '搜索' };
    const both = [1, 2].map(() => article({ source, publishedAt: '2024-03-12T09:15:00+08:00' }));
    const one = article({ source });
    const elsewhere = article({ source, channels: [{ id: 'feicheng', score: 3, evidence: [] }] });
    for (const a of [...both, one, elsewhere]) await repo.save(a);
    for (const a of [...both, elsewhere]) await search.write(a.id, ['泰山', '登山节']);
    await search.write(one.id, ['泰山']);
    const query = { feeds: ['channel:xintai', 'source:search-source'] as const, terms: ['泰山', '登山节'] };
    expect(await readAll({ ...query, order: 'published' }, 1)).toEqual(
      both
        .map((a) => a.id)
        .sort()
        .reverse(),
    );
    expect(await readAll({ ...query, order: 'changed' }, 1)).toEqual(both.map((a) => a.id));
  });

  it('syncs a search by when articles became searchable: one stored before a page but indexed after it still comes', async () => {
    const source = { id: 'search-sync', name: '搜索同步' };
    const [early, late] = [article({ source }), article({ source })];
    await repo.save(early);
    await repo.save(late);
    await search.write(late.id, ['东平湖']);
    const query = { order: 'changed' as const, feeds: ['source:search-sync'] as const, terms: ['东平湖'] };
    const first = await listing.page({ ...query, limit: 10 });
    expect(first.entries.map((e) => e.id)).toEqual([late.id]);
    await search.write(early.id, ['东平湖']);
    const next = await listing.page({ ...query, limit: 10, after: first.entries.at(-1) });
    expect(next.entries.map((e) => e.id)).toEqual([early.id]);
  });
});
