import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ROLES, startRoles, type RunningApp } from '../../src/app/start-roles.js';
import { parseConfig } from '../../src/config/load-config.js';
import { ROOT } from '../support/paths.js';
import { waitFor } from '../support/wait-for.js';
import { HAS_REDIS_SERVER, OwnRedis } from '../support/own-redis.js';

const PARTNER_KEY = 'outage-partner-key-0123456789';

/** Times a request: its status and how long the answer took. */
async function timed(url: string, init?: RequestInit): Promise<{ status: number; ms: number; retryAfter: string | null }> {
  const started = performance.now();
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started, retryAfter: response.headers.get('retry-after') };
}

describe.skipIf(!HAS_REDIS_SERVER)(`the app while Redis is down${HAS_REDIS_SERVER ? '' : ' (skipped: no redis-server on PATH)'}`, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'redis-outage-'));
  let redis: OwnRedis;
  let app: RunningApp | undefined;
  let base: string;
  let stoppedAt = 0;

  beforeAll(async () => {
    redis = new OwnRedis(dir);
    await redis.start();
    const configPath = path.join(ROOT, 'syndicator.example.yaml');
    const yaml = `${readFileSync(configPath, 'utf8')}\n`.replace(/key: example-key-xintai-daily-change-me/, `key: ${PARTNER_KEY}`);
    const config = parseConfig(yaml, configPath, { port: 0, host: '127.0.0.1' });
    app = await startRoles(config, ALL_ROLES, redis.url, pino({ level: 'silent' }));
    base = app.baseUrl!;
    await waitFor(async () => (await timed(`${base}/feeds/all.json`)).status === 200, {
      what: 'the all feed published',
      timeoutMs: 60_000,
    });
    await redis.stop();
    stoppedAt = performance.now();
  }, 90_000);

  afterAll(async () => {
    await redis.start();
    await app?.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers /readyz 503 within a second', async () => {
    const ready = await timed(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.ms).toBeLessThan(1000);
  });

  it('refuses pushed articles and reading events at once with 503 and Retry-After, queueing nothing late', async () => {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${PARTNER_KEY}` };
    const push = await timed(`${base}/api/articles`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ url: 'https://news.example.cn/outage.html', title: '停电期间的推送', contentText: '正文。'.repeat(20) }),
    });
    expect(push).toMatchObject({ status: 503, retryAfter: '5' });
    expect(push.ms).toBeLessThan(1000);
    const events = await timed(`${base}/api/events`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ events: [{ type: 'view', articleId: '0123456789abcdef', readerId: 'r1' }] }),
    });
    expect(events).toMatchObject({ status: 503, retryAfter: '5' });
    expect(events.ms).toBeLessThan(1000);
  });

  it('serves the feeds from the bytes it has, past the time it would check them in Redis', async () => {
    // The cache checks a feed's version at most every 250 ms; past that, with Redis down, it serves what it has.
    await waitFor(() => performance.now() - stoppedAt > 500, { what: 'the feed cache due for a check' });
    const feed = await timed(`${base}/feeds/all.json`);
    expect(feed.status).toBe(200);
    expect(feed.ms).toBeLessThan(1000);
  });

  it('is ready again by itself once Redis is back, and its workers carry a pushed article to the feed', async () => {
    await redis.start();
    await waitFor(async () => (await timed(`${base}/readyz`)).status === 200, {
      what: '/readyz 200 after Redis came back',
      timeoutMs: 30_000,
    });
    const title = '泰安市恢复供电后的第一条推送';
    const push = await timed(`${base}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${PARTNER_KEY}` },
      body: JSON.stringify({ url: 'https://news.example.cn/after-outage.html', title, contentText: '泰安市今天恢复供电。'.repeat(10) }),
    });
    expect(push.status).toBe(202);
    await waitFor(async () => (await (await fetch(`${base}/feeds/all.json`)).text()).includes(title), {
      what: 'the article pushed after the outage in the all feed',
      timeoutMs: 30_000,
    });
  });

  it('closes within seconds just after Redis came back, while blocking reads still wait to reconnect', async () => {
    // Closing while a blocking connection waits for its next reconnect once hung for ever (ioredis < 6.1).
    await redis.stop();
    await redis.start();
    const started = performance.now();
    await app?.close();
    app = undefined;
    expect(performance.now() - started).toBeLessThan(10_000);
  }, 30_000);
});
