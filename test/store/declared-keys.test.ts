import type { Redis, Result } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ArticleRepository } from '../../src/store/article-repository.js';
import { callDeclaring, declareKeys, UndeclaredKeysError, type Undeclared } from '../../src/store/declared-keys.js';
import { readAheadMerged } from '../../src/store/script-keys.js';
import { CURRENT_ARTICLE_ID_LUA } from '../../src/store/scripts/current-article.js';
import { StoreKeys } from '../../src/store/store-keys.js';
import { numberedArticle } from '../support/articles.js';
import { connectTestRedis, deletePrefix, uniquePrefix } from '../support/redis.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    testCurrentArticleId(...args: (string | number)[]): Result<string | null | Undeclared, Context>;
  }
}

/** Scripts that meet ids whose keys were not declared, and the caller's loop that declares them. */
describe('declared keys against Redis', () => {
  const prefix = uniquePrefix('declared');
  const keys = new StoreKeys(prefix);
  let redis: Redis;

  beforeAll(() => {
    redis = connectTestRedis();
    redis.defineCommand('testCurrentArticleId', { lua: CURRENT_ARTICLE_ID_LUA });
  });
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  /** Resolves an id with the current-article script, counting its calls and the read-ahead's reads. */
  async function currentOf(id: string) {
    const calls = { script: 0, readAhead: 0 };
    const current = await callDeclaring(
      (ids) => {
        calls.script++;
        const call = declareKeys({}, ids, { article: keys.article, merged: keys.merged });
        return redis.testCurrentArticleId(call.keys.length, ...call.keys, call.layout, id);
      },
      {
        script: 'current-article',
        ids: [id],
        readAhead: (ids) => {
          calls.readAhead++;
          return readAheadMerged(redis, keys, ids);
        },
      },
    );
    return { current, calls };
  }

  it('declares the ids a merged chain leads to and finds its end', async () => {
    await redis.set(keys.article('d'), '{}');
    await redis.mset(keys.merged('a'), 'b', keys.merged('b'), 'c', keys.merged('c'), 'd');
    expect(await currentOf('d')).toEqual({ current: 'd', calls: { script: 1, readAhead: 0 } });
    // a → b (undeclared) → c (undeclared; from here the chain is read ahead: c → d) → d
    expect(await currentOf('a')).toEqual({ current: 'd', calls: { script: 3, readAhead: 1 } });
    // The chain was pointed at its end: now one hop.
    expect(await redis.get(keys.merged('b'))).toBe('d');
    expect(await currentOf('b')).toEqual({ current: 'd', calls: { script: 2, readAhead: 0 } });
    expect(await currentOf('nothing')).toEqual({ current: null, calls: { script: 1, readAhead: 0 } });
  });

  it('gives up with a clear error after the round limit when every call meets new ids', async () => {
    let round = 0;
    const endless = () => Promise.resolve(['undeclared', `id-${String(++round)}`] as Undeclared);
    await expect(callDeclaring(endless, { script: 'endless' })).rejects.toThrow(
      new UndeclaredKeysError('store: endless still met undeclared keys after 10 calls (ids id-10)'),
    );
    expect(round).toBe(10);
  });

  it('costs a claim one call for a new article and one for an item seen again', async () => {
    const repo = new ArticleRepository(redis, prefix);
    const claims = vi.spyOn(redis, 'claimArticle');
    const first = numberedArticle(1);
    expect((await repo.save(first)).kind).toBe('created');
    expect(claims).toHaveBeenCalledTimes(1);
    claims.mockClear();
    expect((await repo.save(first)).kind).toBe('unchanged');
    expect(claims).toHaveBeenCalledTimes(1);
  });
});
