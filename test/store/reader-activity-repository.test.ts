import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hourOf, ReaderActivityRepository, type CountableEvent } from '../../src/store/reader-activity-repository.js';
import { connectTestRedis, deletePrefix, uniquePrefix } from '../support/redis.js';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-12-04T12:30:00Z');
const SETTINGS = { profileTtlMs: 30 * 86_400_000, maxEventsPerMinute: 60, profileSize: 5 };

function event(articleId: string, readerId: string, at = NOW): CountableEvent {
  return { articleId, readerId, at, channels: ['xintai', 'all'] };
}

describe('ReaderActivityRepository against Redis', () => {
  const prefix = uniquePrefix('activity');
  let redis: Redis;
  let activity: ReaderActivityRepository;

  beforeAll(() => {
    redis = connectTestRedis();
    activity = new ReaderActivityRepository(redis, prefix, SETTINGS);
  });
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  async function countsAt(channel: string, at = NOW): Promise<Map<string, number> | undefined> {
    return (await activity.hourlyCounts(channel, [hourOf(at)])).get(hourOf(at));
  }

  it('counts a reader once per article per hour, in every channel of the article', async () => {
    const recorded = await activity.record([event('a1', 'r1'), event('a1', 'r1'), event('a1', 'r2'), event('a2', 'r1')]);
    expect(recorded).toEqual({ counted: 3, floods: 0, repeats: 1, changedChannels: new Set(['xintai', 'all']) });
    expect(await activity.record([event('a1', 'r1', NOW + 60_000)])).toMatchObject({ counted: 0, repeats: 1, changedChannels: new Set() });
    expect(await activity.record([event('a1', 'r1', NOW + HOUR)])).toMatchObject({ counted: 1 });
    for (const channel of ['xintai', 'all'])
      expect(await countsAt(channel)).toEqual(
        new Map([
          ['a1', 2],
          ['a2', 1],
        ]),
      );
    expect(await countsAt('xintai', NOW + HOUR)).toEqual(new Map([['a1', 1]]));
  });

  it('counts thousands of readers of one article in one hour within 2%, in batches of any size', async () => {
    const readers = Array.from({ length: 20_000 }, (_, i) => event('popular', `reader-${i}`));
    await activity.record(readers.slice(0, 50));
    await activity.record(readers.slice(50, 15_000));
    for (let i = 15_000; i < readers.length; i += 50) await activity.record(readers.slice(i, i + 50));
    const count = (await countsAt('all'))?.get('popular') ?? 0;
    expect(Math.abs(count - 20_000) / 20_000).toBeLessThan(0.02);
  });

  it('drops a reader’s flood past the per-minute limit, and their flood moves no count', async () => {
    const flood = Array.from({ length: 1000 }, (_, i) => event(`flooded-${i % 3}`, 'abuser'));
    const recorded = await Promise.all(Array.from({ length: 20 }, (_, i) => activity.record(flood.slice(i * 50, i * 50 + 50))));
    expect(recorded.reduce((sum, batch) => sum + batch.floods, 0)).toBe(1000 - SETTINGS.maxEventsPerMinute);
    expect(recorded.reduce((sum, batch) => sum + batch.counted, 0)).toBe(3);
    const counts = await countsAt('all');
    for (let i = 0; i < 3; i++) expect(counts?.get(`flooded-${i}`)).toBe(1);
  });

  it('keeps a reader’s newest reads, capped, with an expiry, and deletes every key of theirs', async () => {
    await activity.record(Array.from({ length: 8 }, (_, i) => event(`read-${i}`, 'kept', NOW - (8 - i) * 1000)));
    expect((await activity.recentReads('kept', 10)).map((read) => read.articleId)).toEqual([
      'read-7',
      'read-6',
      'read-5',
      'read-4',
      'read-3',
    ]);
    const keys = await redis.keys(`${prefix}:reader:kept:*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(await redis.pttl(key)).toBeGreaterThan(0);
    expect(await activity.deleteReader('kept')).toBe(keys.length);
    expect(await redis.keys(`${prefix}:*kept*`)).toEqual([]);
    expect(await activity.recentReads('kept', 10)).toEqual([]);
  });
});
