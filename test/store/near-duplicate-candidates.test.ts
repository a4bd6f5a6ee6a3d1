import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NearDuplicateCheck } from '../../src/domain/near-duplicate-check.js';
import { ArticleRepository } from '../../src/store/article-repository.js';
import { makeArticle } from '../support/articles.js';
import { connectTestRedis, deletePrefix, uniquePrefix } from '../support/redis.js';

/** Band keys `band.shard.field` of bands 0 … n−1, the same for every article that has them. */
const firstBands = (n: number) => Array.from({ length: n }, (_, band) => `${band}.s.f`);

/** A check that tells no story apart, noting the ids it was asked about in order. */
function recordingCheck(bandKeys: string[], compared: string[], maxCandidates?: number, same = new Set<string>()): NearDuplicateCheck {
  return {
    bandKeys,
    maxCandidates,
    isSameStory: (candidate) => {
      compared.push(candidate.id);
      return same.has(candidate.id);
    },
  };
}

describe('the claim’s near-duplicate candidates, against Redis', () => {
  let redis: Redis;
  let prefix: string;
  let repo: ArticleRepository;
  /** Stored articles sharing 1, 2, … 5 of bands 0–4 with the item, by how many they share. */
  let idsBySharedBands: string[];

  beforeAll(() => {
    redis = connectTestRedis();
  });
  afterAll(async () => {
    await redis.quit();
  });
  beforeEach(async () => {
    prefix = uniquePrefix('near-candidates');
    repo = new ArticleRepository(redis, prefix);
    idsBySharedBands = [];
    for (let shared = 1; shared <= 5; shared++) {
      const article = makeArticle({
        url: `https://example.cn/t/${shared}.html`,
        contentText: `第${shared}篇稿件的正文，内容各不相同，编号${shared}。`,
      });
      await repo.save(article, recordingCheck(firstBands(shared), []));
      idsBySharedBands.push(article.id);
    }
  });
  afterEach(async () => {
    await deletePrefix(redis, prefix);
  });

  // Published after the stored ones: a copy of one of them stays a copy (an earlier one would take its place).
  const item = makeArticle({
    url: 'https://example.cn/t/new.html',
    contentText: '新来的一篇稿件，与已存的几篇共享若干个LSH分带。',
    publishedAt: '2024-03-12T15:00:00+08:00',
  });

  it('compares the candidates sharing the most bands first, and only as many as maxCandidates', async () => {
    const compared: string[] = [];
    expect((await repo.save(item, recordingCheck(firstBands(5), compared, 2))).kind).toBe('created');
    expect(compared).toEqual([idsBySharedBands[4], idsBySharedBands[3]]);
  });

  it('compares every candidate, best first, without maxCandidates', async () => {
    const compared: string[] = [];
    expect((await repo.save(item, recordingCheck(firstBands(5), compared))).kind).toBe('created');
    expect(compared).toEqual([...idsBySharedBands].reverse());
  });

  it('records the item as a copy of the best-ranked candidate that tells its story', async () => {
    const compared: string[] = [];
    const same = new Set([idsBySharedBands[3]!, idsBySharedBands[2]!]);
    const verdict = await repo.save(item, recordingCheck(firstBands(5), compared, 3, same));
    expect(verdict).toMatchObject({ kind: 'duplicate', articleId: idsBySharedBands[3], matchedBy: 'near' });
    expect(compared).toEqual([idsBySharedBands[4], idsBySharedBands[3]]);
  });
});
