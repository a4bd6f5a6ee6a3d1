import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/domain/article.js';
import { ArticleRepository } from '../../src/store/article-repository.js';
import { SearchIndex } from '../../src/store/search-index.js';
import { StoreRetention } from '../../src/store/store-retention.js';
import { numberedArticle } from '../support/articles.js';
import { connectTestRedis, deletePrefix, uniquePrefix } from '../support/redis.js';

describe('SearchIndex against Redis', () => {
  const prefix = uniquePrefix('search');
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
  const changedAt = async (id: string) => Number(await redis.zscore(search.keys.searchChanges(), id));

  beforeAll(() => {
    redis = connectTestRedis();
    repo = new ArticleRepository(redis, prefix);
    search = new SearchIndex(redis, prefix);
  });
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('posts a stored article under each of its terms, with a search-changes time after its store time', async () => {
    const article = await stored();
    expect(await search.write(article.id, ['新泰', '小区'])).toBe(true);
    expect(await postings('新泰')).toEqual([article.id]);
    expect(await postings('小区')).toEqual([article.id]);
    expect(await changedAt(article.id)).toBeGreaterThan(Number(await redis.zscore(repo.keys.feedChanges('channel:all'), article.id)));
  });

  it('moves an article from the terms it lost to the ones it gained, and later in search-changes', async () => {
    const article = await stored();
    await search.write(article.id, ['泰山', '登山节']);
    const first = await changedAt(article.id);
    await search.write(article.id, ['泰山', '桃花节']);
    expect(await postings('登山节')).toEqual([]);
    expect(await postings('桃花节')).toEqual([article.id]);
    expect(await postings('泰山')).toEqual([article.id]);
    expect(await changedAt(article.id)).toBeGreaterThan(first);
  });

  it('moves an article of hundreds of terms to an overlapping set: out of exactly the lost ones', async () => {
    const article = await stored();
    const terms = Array.from({ length: 600 }, (_, i) => `词条${String(i)}`);
    const next = [...terms.slice(300), ...Array.from({ length: 300 }, (_, i) => `新词${String(i)}`)];
    await search.write(article.id, terms);
    expect(await search.write(article.id, next)).toBe(true);
    const held = await Promise.all([...terms, ...next].map((term) => redis.zscore(search.keys.searchPostings(term), article.id)));
    const holding = [...terms, ...next].filter((_, i) => held[i] !== null);
    expect(new Set(holding)).toEqual(new Set(next));
    expect(await redis.get(search.keys.searchTerms(article.id))).toBe(next.join(','));
  });

  it('ensures an article is indexed without writing again when it is', async () => {
    const article = await stored();
    expect(await search.ensure(article.id, ['肥城'])).toBe(true);
    expect(await search.ensure(article.id, ['宁阳'])).toBe(false);
    expect(await postings('肥城')).toEqual([article.id]);
    expect(await postings('宁阳')).toEqual([]);
  });

  it('does not index an article that is no longer stored', async () => {
    expect(await search.write('0123456789abcdef', ['幽灵'])).toBe(false);
    expect(await postings('幽灵')).toEqual([]);
    expect(await redis.exists(search.keys.searchTerms('0123456789abcdef'))).toBe(0);
  });

  it('takes an article out of every posting and of search-changes', async () => {
    const article = await stored();
    await search.write(article.id, ['东平', '湖区']);
    await search.remove(article.id);
    expect([...(await postings('东平')), ...(await postings('湖区'))]).toEqual([]);
    expect(await redis.zscore(search.keys.searchChanges(), article.id)).toBeNull();
    expect(await redis.exists(search.keys.searchTerms(article.id))).toBe(0);
  });

  it('loses expired articles with retention', async () => {
    const article = await stored({ firstSeenAt: '2020-01-01T00:00:00+08:00' });
    await search.write(article.id, ['旧闻']);
    await new StoreRetention(redis, repo.keys, repo, { remove: () => Promise.resolve() }, search).run(Date.parse('2021-01-01T00:00:00Z'));
    expect(await postings('旧闻')).toEqual([]);
    expect(await redis.zscore(search.keys.searchChanges(), article.id)).toBeNull();
  });
});
