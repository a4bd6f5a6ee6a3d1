import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load-config.js';
import { ALL_ROLES, startRoles, type RunningApp } from '../../../src/app/start-roles.js';
import { FaultServer } from '../../support/fault-server.js';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../../support/redis.js';
import { waitFor } from '../../support/wait-for.js';

/** How long the sources run side by side: until each fast source was polled once a second for this long. */
const RUN_MS = 7_000;
const STALLING = 4;

/**
 * Four sources on one host send their bodies a byte at a time and never finish (each fetch ends
 * at the 6 s total timeout), polled every second; two sources on another host answer at once,
 * also every second. The fetch workers have 4 slots and the slow host 2: whatever the slow
 * sources do, the fast ones must keep their schedule.
 */
describe('a stalling host beside healthy ones', () => {
  const prefix = uniquePrefix('slow-sources');
  const slow = new FaultServer();
  const fast = new FaultServer();
  /** Undefined until beforeAll has started it, so that afterAll can clean up after a failed start. */
  let app: RunningApp | undefined;
  let redis: Redis;
  let startedAt = 0;

  beforeAll(async () => {
    const slowBase = await slow.start();
    const fastBase = await fast.start();
    const sources = [
      ...Array.from(
        { length: STALLING },
        (_, i) =>
          `  - { id: stall-${i}, name: stall-${i}, kind: feed, url: "${slowBase}/slow-body.rss?s=${i}", interval: 1s, allowOrigins: ["${slowBase}"] }`,
      ),
      ...[0, 1].map(
        (i) =>
          `  - { id: fast-${i}, name: fast-${i}, kind: feed, url: "${fastBase}/good.rss?s=${i}", interval: 1s, allowOrigins: ["${fastBase}"] }`,
      ),
    ];
    const yaml = `city: { name: 泰安市, code: "3709" }
fetch: { timeout: 5s, totalTimeout: 6s, perHostConcurrency: 2 }
workers: { fetchConcurrency: 4 }
channels:
  - { id: taian, name: 泰安新闻, cityWide: true, divisions: ["370902", "370911"] }
sources:
${sources.join('\n')}
`;
    const config = parseConfig(yaml, '/test/slow-sources.yaml', { port: 0 });
    redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    startedAt = Date.now();
    app = await startRoles(
      { ...config, redis: { ...config.redis, prefix } },
      { ...ALL_ROLES, server: false },
      testRedisUrl(),
      pino({ level: 'silent' }),
    );
    // Long enough for the slow host's first fetches to end at their total timeout (6 s).
    const polls = (i: number) => fast.requests.filter((request) => request.url === `/good.rss?s=${i}`).length;
    await waitFor(() => polls(0) >= RUN_MS / 1000 && polls(1) >= RUN_MS / 1000, {
      timeoutMs: 3 * RUN_MS,
      what: `${RUN_MS / 1000} polls of each fast source`,
    });
  }, 4 * RUN_MS);

  afterAll(async () => {
    await app?.close();
    await slow.stop();
    await fast.stop();
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it.each([0, 1])('polls fast source %i every second, within a second of its schedule', (i) => {
    const polls = fast.requests.filter((request) => request.url === `/good.rss?s=${i}`).map((request) => request.at);
    expect(polls.length).toBeGreaterThanOrEqual(RUN_MS / 1000);
    const gaps = [polls[0]! - startedAt, ...polls.slice(1).map((at, k) => at - polls[k]!)];
    expect(Math.max(...gaps)).toBeLessThan(2_000);
  });

  it('never polls one source twice at once', () => {
    for (let i = 0; i < STALLING; i++) expect(slow.maxOpen.get(`/slow-body.rss?s=${i}`) ?? 0).toBeLessThanOrEqual(1);
    expect(fast.maxOpen.get('/good.rss?s=0')).toBe(1);
  });

  it('keeps to the per-host limit on the slow host', () => {
    expect(slow.maxOpen.get('*')).toBe(2);
  });
});
