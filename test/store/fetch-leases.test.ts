import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchLeases } from '../../src/store/fetch-leases.js';
import { connectTestRedis, deletePrefix, uniquePrefix } from '../support/redis.js';

describe('FetchLeases against Redis', () => {
  const prefix = uniquePrefix('fetch-leases');
  let redis: Redis;
  let leases: FetchLeases;

  beforeAll(() => {
    redis = connectTestRedis();
    leases = new FetchLeases(redis, prefix, 2, 60_000);
  });
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('lets one poll of a source run at a time', async () => {
    expect(await leases.claimPoll('taian-rss', 'job-1')).toBe(true);
    expect(await leases.claimPoll('taian-rss', 'job-2')).toBe(false);
    expect(await leases.claimPoll('xintai-rss', 'job-2')).toBe(true);
    await leases.releasePoll('taian-rss', 'job-2'); // not its lease: nothing happens
    expect(await leases.claimPoll('taian-rss', 'job-3')).toBe(false);
    await leases.releasePoll('taian-rss', 'job-1');
    expect(await leases.claimPoll('taian-rss', 'job-3')).toBe(true);
  });

  it('gives a host at most its number of slots, across holders', async () => {
    expect(await leases.claimHostSlot('www.yybnet.net', 'a')).toBe(true);
    expect(await leases.claimHostSlot('www.yybnet.net', 'b')).toBe(true);
    expect(await leases.claimHostSlot('www.yybnet.net', 'c')).toBe(false);
    expect(await leases.claimHostSlot('www.yybnet.net', 'a')).toBe(true); // a holder that has a slot keeps it
    expect(await leases.claimHostSlot('www.taian.gov.cn', 'c')).toBe(true);
    await leases.releaseHostSlot('www.yybnet.net', 'a');
    expect(await leases.claimHostSlot('www.yybnet.net', 'c')).toBe(true);
  });

  it('frees the leases of a holder that died, when they expire', async () => {
    const short = new FetchLeases(redis, prefix, 1, 200);
    expect(await short.claimHostSlot('slow.example.cn', 'killed-worker')).toBe(true);
    expect(await short.claimPoll('slow-source', 'killed-worker')).toBe(true);
    const claimedAt = Date.now();
    expect(await short.claimHostSlot('slow.example.cn', 'next')).toBe(false);
    while (!(await short.claimHostSlot('slow.example.cn', 'next'))) {
      expect(Date.now() - claimedAt).toBeLessThan(2_000);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(Date.now() - claimedAt).toBeGreaterThanOrEqual(150);
    expect(await short.claimPoll('slow-source', 'next')).toBe(true);
  });
});
