import * as cheerio from 'cheerio';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedTestConfig, rawGet, startFeedApp, type FeedTestApp } from './feed-test-app.js';

describe('discovery: /feeds.opml and /', () => {
  let t: FeedTestApp;

  beforeAll(async () => {
    t = await startFeedApp('feed-discovery', feedTestConfig(), { workers: [], scheduler: false, server: true });
  });
  afterAll(() => t.close());

  it('lists every channel feed (and all) and every source feed in OPML', async () => {
    const response = await rawGet(`${t.base}/feeds.opml`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/x-opml; charset=utf-8');
    const $ = cheerio.load(response.body.toString('utf8'), { xml: true });
    const urls = $('outline[type="rss"]')
      .toArray()
      .map((el) => $(el).attr('xmlUrl'));
    expect(urls).toEqual([
      'http://feeds.test/feeds/xintai.rss',
      'http://feeds.test/feeds/ningyang.rss',
      'http://feeds.test/feeds/all.rss',
      'http://feeds.test/feeds/sources/xintai-rss.rss',
      'http://feeds.test/feeds/sources/county-rss.rss',
    ]);
    expect($('outline[type="rss"]').first().attr('text')).toBe('新泰新闻 - 地方网 泰安');
  });

  it('serves a home page whose head lets feed readers discover every channel feed', async () => {
    const response = await rawGet(`${t.base}/`);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const $ = cheerio.load(response.body.toString('utf8'));
    const alternates = $('head link[rel="alternate"]')
      .toArray()
      .map((el) => $(el).attr('href'));
    expect(alternates).toHaveLength(9);
    expect(alternates).toContain('http://feeds.test/feeds/ningyang.atom');
    expect(alternates).toContain('http://feeds.test/feeds/all.json');
    expect($('body a[href="http://feeds.test/feeds/sources/county-rss.rss"]').text()).toBe('RSS');
  });

  it('serves both with validators, 304s and compression', async () => {
    const first = await rawGet(`${t.base}/feeds.opml`);
    expect((await rawGet(`${t.base}/feeds.opml`, { 'if-none-match': first.headers.etag as string })).status).toBe(304);
    const gzipped = await rawGet(`${t.base}/`, { 'accept-encoding': 'gzip' });
    expect(gunzipSync(gzipped.body).toString('utf8')).toContain('<!doctype html>');
  });
});
