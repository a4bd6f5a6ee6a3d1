import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMessageOf, feedItem, feedTestConfig, jsonItems, rawGet, startFeedApp, waitFor, type FeedTestApp } from './feed-test-app.js';

/** Five xintai items and two ningyang items through the real process and publish workers; limit 3. */
describe('feed HTTP: formats, caching, compression', () => {
  let t: FeedTestApp;

  beforeAll(async () => {
    t = await startFeedApp('feed-http', feedTestConfig());
    await t.enqueue([1, 2, 3, 4, 5].map((n) => feedItem(n, 'xintai-rss')).concat([6, 7].map((n) => feedItem(n, 'county-rss'))));
    await waitFor(async () => (await jsonItems(`${t.base}/feeds/xintai.json`)).some((item) => item.title.includes('第5次')));
    await waitFor(async () => (await jsonItems(`${t.base}/feeds/ningyang.json`)).length === 2);
    await waitFor(async () => (await jsonItems(`${t.base}/feeds/sources/county-rss.json`)).length === 2);
  });
  afterAll(() => t.close());

  const get = (path: string, headers: Record<string, string> = {}) => rawGet(`${t.base}${path}`, headers);

  it.each([
    ['rss', 'application/rss+xml; charset=utf-8'],
    ['atom', 'application/atom+xml; charset=utf-8'],
    ['json', 'application/feed+json; charset=utf-8'],
  ])('serves %s with its media type, a strong ETag, Last-Modified, Cache-Control from config and Vary', async (format, type) => {
    const response = await get(`/feeds/xintai.${format}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(type);
    expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(response.headers['last-modified']).toMatch(/ GMT$/);
    expect(response.headers['cache-control']).toBe('public, max-age=120');
    expect(response.headers.vary).toBe('Accept-Encoding');
  });

  it('serves the newest `limit` items, newest first, parsing back with rss-parser', async () => {
    const feed = await new Parser().parseString((await get('/feeds/xintai.rss')).body.toString('utf8'));
    expect(feed.items.map((item) => item.title)).toEqual([
      '新泰市羊流镇第5次春季植树活动',
      '新泰市羊流镇第4次春季植树活动',
      '新泰市羊流镇第3次春季植树活动',
    ]);
    expect(feed.items.every((item) => item.guid?.startsWith('urn:syndicator:article:'))).toBe(true);
  });

  it('answers If-None-Match with 304, no body, and the validators', async () => {
    const first = await get('/feeds/xintai.atom');
    const again = await get('/feeds/xintai.atom', { 'if-none-match': first.headers.etag as string });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['cache-control']).toBe('public, max-age=120');
    expect((await get('/feeds/xintai.atom', { 'if-none-match': '"stale"' })).status).toBe(200);
    expect((await get('/feeds/xintai.atom', { 'if-none-match': `W/${first.headers.etag as string}` })).status).toBe(304);
  });

  it('answers If-Modified-Since with 304 unless the feed changed after it', async () => {
    const { headers } = await get('/feeds/xintai.json');
    const lastModified = Date.parse(headers['last-modified'] as string);
    expect((await get('/feeds/xintai.json', { 'if-modified-since': new Date(lastModified).toUTCString() })).status).toBe(304);
    expect((await get('/feeds/xintai.json', { 'if-modified-since': new Date(lastModified - 1000).toUTCString() })).status).toBe(200);
    // RFC 9110 §13.2.2: If-None-Match wins over If-Modified-Since.
    expect(
      (await get('/feeds/xintai.json', { 'if-modified-since': new Date(lastModified).toUTCString(), 'if-none-match': '"x"' })).status,
    ).toBe(200);
  });

  it.each([
    ['gzip', gunzipSync],
    ['br', brotliDecompressSync],
  ] as const)('serves %s that decodes to the same bytes, under its own ETag', async (encoding, decode) => {
    const plain = await get('/feeds/xintai.atom');
    const compressed = await get('/feeds/xintai.atom', { 'accept-encoding': encoding });
    expect(compressed.headers['content-encoding']).toBe(encoding);
    expect(compressed.body.length).toBeLessThan(plain.body.length);
    expect(decode(compressed.body).equals(plain.body)).toBe(true);
    expect(compressed.headers.etag).not.toBe(plain.headers.etag);
    expect(
      (await get('/feeds/xintai.atom', { 'accept-encoding': encoding, 'if-none-match': compressed.headers.etag as string })).status,
    ).toBe(304);
  });

  it('prefers brotli when both are accepted, and answers HEAD without a body', async () => {
    expect((await get('/feeds/all.rss', { 'accept-encoding': 'gzip, deflate, br' })).headers['content-encoding']).toBe('br');
    const head = await rawGet(`${t.base}/feeds/all.rss`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers.etag).toMatch(/^"/);
  });

  it('names the hub and self URL in a Link header only when a hub is configured', async () => {
    expect((await get('/feeds/xintai.rss')).headers.link).toBeUndefined();
  });

  it('serves source feeds, and the public feed of a summary-only channel without full text', async () => {
    const source = await jsonItems(`${t.base}/feeds/sources/xintai-rss.json`);
    expect(source.map((item) => item.title)).toContain('新泰市羊流镇第5次春季植树活动');
    expect(source.map((item) => item.title).join()).not.toContain('宁阳');
    const ningyang = (await get('/feeds/sources/county-rss.rss')).body.toString('utf8');
    expect(ningyang).toContain('宁阳县伏山镇第7次春季植树活动');
    expect(ningyang).not.toContain('content:encoded');
    expect((await get('/feeds/ningyang.atom')).body.toString('utf8')).not.toContain('<content');
    expect((await get('/feeds/sources/nowhere.rss')).status).toBe(404);
  });

  it('answers unknown feeds 404 and bad parameters 400 naming them', async () => {
    expect((await get('/feeds/nowhere.atom')).status).toBe(404);
    expect((await get('/feeds/xintai.xml')).status).toBe(404);
    for (const query of ['limit=0', 'limit=201', 'limit=abc', 'page=0']) {
      const response = await get(`/feeds/xintai.atom?${query}`);
      expect(response.status).toBe(400);
      expect(errorMessageOf(response)).toContain(query.split('=')[0]);
    }
  });
});
