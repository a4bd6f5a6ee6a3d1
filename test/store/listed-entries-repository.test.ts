import { afterAll, describe, expect, it } from 'vitest';
import { ListedEntriesRepository } from '../../src/store/listed-entries-repository.js';
import { StoreKeys } from '../../src/store/store-keys.js';
import { connectTestRedis, deletePrefix, uniquePrefix } from '../support/redis.js';

describe('ListedEntriesRepository', () => {
  const redis = connectTestRedis();
  const prefix = uniquePrefix('listed-entries');
  const keys = new StoreKeys(prefix);
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('recalls what was remembered for each URL, and nothing for others', async () => {
    const listed = new ListedEntriesRepository(redis, prefix);
    await listed.remember(
      'a',
      new Map([
        ['u1', 's1'],
        ['u2', 's2'],
      ]),
      1000,
    );
    await listed.remember('a', new Map([['u1', 's1-corrected']]), 2000);
    expect(await listed.recall('a', ['u1', 'u2', 'u3'])).toEqual(
      new Map([
        ['u1', 's1-corrected'],
        ['u2', 's2'],
      ]),
    );
    expect(await listed.recall('b', ['u1'])).toEqual(new Map());
    expect(await redis.pttl(keys.listedEntries('a'))).toBeGreaterThan(29 * 86_400_000);
  });

  it('keeps the URLs shown most recently, up to its limit, in both of its keys', async () => {
    const listed = new ListedEntriesRepository(redis, prefix, 3);
    await listed.remember('c', new Map([['old-1', 'x']]), 1000);
    await listed.remember('c', new Map([['old-2', 'x']]), 1500);
    await listed.remember('c', new Map([['new-1', 'y']]), 2000);
    // old-1 is shown again: old-2, now shown longest ago, goes when new-2 comes.
    await listed.remember(
      'c',
      new Map([
        ['old-1', 'z'],
        ['new-2', 'y'],
      ]),
      3000,
    );
    expect(await listed.recall('c', ['old-1', 'old-2', 'new-1', 'new-2'])).toEqual(
      new Map([
        ['old-1', 'z'],
        ['new-1', 'y'],
        ['new-2', 'y'],
      ]),
    );
    expect(await redis.zcard(keys.listedOrder('c'))).toBe(3);
    expect(await redis.hlen(keys.listedEntries('c'))).toBe(3);
  });
});
