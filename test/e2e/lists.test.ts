import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ROLES, startRoles, type RunningApp } from '../../src/app/start-roles.js';
import { parseConfig } from '../../src/config/load-config.js';
import type { ApiArticle } from '../../src/feeds/api-article.js';
import type { RecommendationList } from '../../src/domain/recommendation-list.js';
import { ROOT } from '../support/paths.js';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';

const PARTNER_KEY = 'example-key-xintai-daily-change-me';
const ADMIN_TOKEN = 'lists-admin-token';
const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

/** Reading events in, lists and their feeds out: the whole app on the example sources and real Redis. */
describe('recommendation lists end to end', () => {
  const prefix = uniquePrefix('e2e-lists');
  let app: RunningApp | undefined;
  let redis: Redis;
  let base: string;
  /** The example articles, newest first: the subjects of the events below. */
  let articles: ApiArticle[];
  /** Everything the app logged, at debug level. */
  let logged = '';

  beforeAll(async () => {
    const configPath = path.join(ROOT, 'syndicator.example.yaml');
    const config = parseConfig(readFileSync(configPath, 'utf8'), configPath, { port: 0, host: '127.0.0.1', adminToken: ADMIN_TOKEN });
    const log = pino({ level: 'debug' }, { write: (line: string) => (logged += line) });
    app = await startRoles({ ...config, redis: { ...config.redis, prefix } }, ALL_ROLES, testRedisUrl(), log);
    base = app.baseUrl!;
    redis = new Redis(testRedisUrl());
    await waitFor(async () => (await listOf('/api/articles?channel=all&limit=50')).length >= 8, {
      what: 'eight example articles',
      timeoutMs: 60_000,
    });
    // The lists are computed once the articles are published, before any event.
    await waitFor(async () => (await get('/api/lists/hot?channel=all')).status === 200, { what: 'the hot list computed' });
    await waitFor(async () => (await get('/feeds/lists/hot/all.json')).status === 200, { what: 'the hot list’s feed rendered' });
    articles = await listOf('/api/articles?channel=all&limit=50');
  });

  afterAll(async () => {
    await app?.close();
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  function get(urlPath: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${base}${urlPath}`, { headers });
  }
  async function listOf(urlPath: string): Promise<ApiArticle[]> {
    const response = await get(urlPath);
    return response.ok ? ((await response.json()) as { items: ApiArticle[] }).items : [];
  }
  async function list(urlPath: string): Promise<RecommendationList> {
    const response = await get(urlPath);
    expect(response.status, urlPath).toBe(200);
    return (await response.json()) as RecommendationList;
  }
  function postEvents(body: unknown, key = PARTNER_KEY): Promise<Response> {
    return fetch(`${base}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(body),
    });
  }
  const views = (articleId: string, readers: string[], userAgent = BROWSER) =>
    readers.map((readerId) => ({ type: 'view', articleId, readerId, userAgent }));
  function admin(method: string, urlPath: string, body?: unknown): Promise<Response> {
    return fetch(`${base}${urlPath}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  }

  it('counts events in: the hot list changes, and so does its feed’s ETag', async () => {
    const [first, second, third] = [articles[5]!, articles[6]!, articles[7]!];
    const feedBefore = await get('/feeds/lists/hot/all.json');
    expect(feedBefore.status).toBe(200);
    const etagBefore = feedBefore.headers.get('etag');

    const response = await postEvents({
      events: [
        ...views(first.id, ['r1', 'r2', 'r3', 'r4']),
        ...views(second.id, ['r1', 'r2', 'r3']),
        ...views(third.id, ['r5', 'r6']),
        ...views(third.id, ['crawler-1', 'crawler-2', 'crawler-3', 'crawler-4', 'crawler-5'], GOOGLEBOT),
        { type: 'click', articleId: 'ffffffffffffffff', readerId: 'r1' },
        { type: 'view', articleId: first.id, readerId: 'r1', at: new Date().toISOString() },
      ],
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 10, dropped: { bot: 5, 'unknown-article': 1 } });

    await waitFor(async () => (await list('/api/lists/hot?channel=all')).items.length >= 3, { what: 'hot list with the read articles' });
    const hot = await list('/api/lists/hot?channel=all&limit=3');
    expect(hot).toMatchObject({ kind: 'hot', channel: 'all' });
    expect(hot.items.map((item) => item.id)).toEqual([first.id, second.id, third.id]);
    expect(hot.items[0]).toMatchObject({ title: first.title, url: first.url, publishedAt: first.publishedAt });
    expect(hot.items[0]!.channels).toEqual(first.channels.map((channel) => channel.id));

    await waitFor(async () => (await get('/feeds/lists/hot/all.json')).headers.get('etag') !== etagBefore, {
      what: 'the hot feed’s ETag changes',
    });
    const feed = (await (await get('/feeds/lists/hot/all.json')).json()) as { items: { id: string; title: string }[] };
    expect(feed.items.slice(0, 3).map((item) => item.title)).toEqual([first.title, second.title, third.title]);
  });

  it('serves lists with ETag, 304 and Cache-Control as it serves feeds', async () => {
    const response = await get('/api/lists/hot?channel=all&limit=5');
    const etag = response.headers.get('etag');
    expect(etag).toMatch(/^"/);
    expect(response.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect((await get('/api/lists/hot?channel=all&limit=5', { 'if-none-match': etag! })).status).toBe(304);
    expect((await get('/api/lists/hot?channel=all&window=7d')).status).toBe(200);
  });

  it('lets one reader’s flood of 1,000 views a minute move nothing', async () => {
    const before = await list('/api/lists/hot?channel=all&limit=50');
    const target = articles.find((article) => !before.items.some((item) => item.id === article.id))!;
    const flood = Array.from({ length: 1000 }, () => ({ type: 'view', articleId: target.id, readerId: 'abuser', userAgent: BROWSER }));
    for (let i = 0; i < flood.length; i += 50) expect((await postEvents({ events: flood.slice(i, i + 50) })).status).toBe(202);
    await waitFor(async () => (await list('/api/lists/hot?channel=all&limit=50')).items.some((item) => item.id === target.id), {
      what: 'the flooded article counted once',
    });
    const after = await list('/api/lists/hot?channel=all&limit=50');
    expect(after.items.find((item) => item.id === target.id)!.score).toBeLessThanOrEqual(1);
    expect(after.items.slice(0, 3).map((item) => item.id)).toEqual(before.items.slice(0, 3).map((item) => item.id));
  });

  it('answers a malformed batch with 400 naming the field, and a missing key with 401', async () => {
    const bad = await postEvents({ events: [{ type: 'read', articleId: articles[0]!.id, readerId: 'r1' }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/events\.0\.type/);
    const noReader = await postEvents({ events: [{ type: 'view', articleId: articles[0]!.id, readerId: 'has space' }] });
    expect(((await noReader.json()) as { message: string }).message).toMatch(/events\.0\.readerId/);
    expect((await postEvents({ events: [] }, 'wrong-key')).status).toBe(401);
  });

  it('counts a pixel view, answered with a GIF that is never cached', async () => {
    const target = articles[4]!;
    const pixel = await get(`/api/events/pixel.gif?a=${target.id}&r=pixel-reader`, { 'user-agent': BROWSER });
    expect(pixel.status).toBe(200);
    expect(pixel.headers.get('content-type')).toBe('image/gif');
    expect(pixel.headers.get('cache-control')).toBe('no-store');
    expect((await pixel.arrayBuffer()).byteLength).toBe(42);
    await waitFor(async () => (await list('/api/lists/hot?channel=all&limit=50')).items.some((item) => item.id === target.id), {
      what: 'the pixel view counted',
    });
    const broken = await get('/api/events/pixel.gif?a=nonsense', { 'user-agent': BROWSER });
    expect(broken.status).toBe(200);
    expect(broken.headers.get('cache-control')).toBe('no-store');
  });

  it('gives a reader stories they have not read, and a reader with no history the hot list', async () => {
    const forYou = await list('/api/lists/for-you?reader=r5&channel=all&limit=5');
    expect(forYou.kind).toBe('for-you');
    expect(forYou.items.length).toBeGreaterThan(0);
    expect(forYou.items.map((item) => item.id)).not.toContain(articles[7]!.id);
    const stranger = await list('/api/lists/for-you?reader=never-seen&channel=all&limit=5');
    const hot = await list('/api/lists/hot?channel=all&limit=5');
    expect(stranger.items.map((item) => item.id)).toEqual(hot.items.map((item) => item.id));
  });

  it('pins and unpins editors’ picks, admin token only', async () => {
    const pinned = articles[2]!;
    const until = new Date(Date.now() + 3_600_000).toISOString();
    expect(
      (await fetch(`${base}/api/admin/picks`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status,
    ).toBe(401);
    expect((await admin('POST', '/api/admin/picks', { articleId: pinned.id, channel: 'all', until })).status).toBe(201);
    await waitFor(async () => (await list('/api/lists/picks?channel=all')).items[0]?.id === pinned.id, { what: 'the pin on top of picks' });
    expect((await admin('DELETE', `/api/admin/picks/all/${pinned.id}`)).status).toBe(204);
    await waitFor(async () => (await list('/api/lists/picks?channel=all')).items[0]?.id !== pinned.id, { what: 'the pin gone' });
    expect((await admin('DELETE', `/api/admin/picks/all/${pinned.id}`)).status).toBe(404);
  });

  it('lists the sister channels’ best for a channel', async () => {
    const picks = await list('/api/lists/channel-picks?channel=taian');
    expect(picks.items.length).toBeGreaterThan(0);
    for (const item of picks.items)
      expect(item.channels.some((channel) => ['xintai', 'feicheng', 'ningyang', 'dongping'].includes(channel))).toBe(true);
  });

  it('renders every list as an escaped HTML widget', async () => {
    for (const kind of ['hot', 'picks', 'channel-picks', 'for-you']) {
      const widget = await get(`/widgets/${kind}.html?channel=taian&reader=r1&limit=5`);
      expect(widget.status, kind).toBe(200);
      expect(widget.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await widget.text()).toContain('<ol class="syn-items">');
    }
    expect((await get('/widgets/nothing.html')).status).toBe(400);
  });

  it('keeps summary-only channels withheld in list feeds as in their own feeds', async () => {
    const summaryOnly = await listOf('/api/articles?channel=ningyang&limit=1');
    expect(summaryOnly.length).toBe(1);
    const [article] = summaryOnly;
    await postEvents({ events: views(article!.id, ['s1', 's2', 's3', 's4', 's5', 's6']) });
    await waitFor(async () => (await (await get('/feeds/lists/hot/all.json')).text()).includes(article!.id), {
      what: 'the article in the hot feed',
    });
    interface JsonFeed {
      items: { id: string; content_html?: string; content_text?: string; summary?: string }[];
    }
    const hotFeed = (await (await get('/feeds/lists/hot/all.json')).json()) as JsonFeed;
    const channelFeed = (await (await get('/feeds/ningyang.json')).json()) as JsonFeed;
    const inHot = hotFeed.items.find((item) => item.id.includes(article!.id) || JSON.stringify(item).includes(article!.id));
    const inChannel = channelFeed.items.find((item) => JSON.stringify(item).includes(article!.id));
    expect(inHot).toBeDefined();
    expect(inHot).toEqual(inChannel);
  });

  it('deletes everything kept about a reader, as a SCAN of the store shows', async () => {
    const reader = 'r1';
    const before = await scanFor(reader);
    expect(before.length).toBeGreaterThan(0);
    expect((await fetch(`${base}/api/readers/${reader}`, { method: 'DELETE' })).status).toBe(401);
    const response = await admin('DELETE', `/api/readers/${reader}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ reader, deletedKeys: before.length });
    expect(await scanFor(reader)).toEqual([]);
    expect((await list(`/api/lists/for-you?reader=${reader}&channel=all&limit=5`)).items.map((item) => item.id)).toEqual(
      (await list('/api/lists/hot?channel=all&limit=5')).items.map((item) => item.id),
    );
  });

  it('never shows the partner key or the admin token in a log line, a metric or an API answer', async () => {
    const answers = await Promise.all(
      ['/metrics', '/api/lists/hot?channel=all', '/api/articles?limit=5'].map(async (urlPath) => (await get(urlPath)).text()),
    );
    answers.push(await (await admin('GET', '/api/sources')).text(), await (await admin('GET', '/admin')).text());
    expect(logged.length).toBeGreaterThan(0);
    for (const text of [...answers, logged]) {
      expect(text).not.toContain(PARTNER_KEY);
      expect(text).not.toContain(ADMIN_TOKEN);
    }
  });

  /** Every key under the test's prefix that names the reader, by SCAN. */
  async function scanFor(reader: string): Promise<string[]> {
    const found: string[] = [];
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 1000 }) as AsyncIterable<string[]>)
      found.push(...keys.filter((key) => key.split(':').includes(reader)));
    return found;
  }
});
