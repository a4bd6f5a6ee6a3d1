import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyRawItem, type RawItem } from '../../../src/domain/raw-item.js';
import type { Source } from '../../../src/domain/source.js';
import {
  fillFromCache,
  FULL_TEXT_FRESH_MS,
  FULL_TEXT_RETRY_MS,
  readFullText,
  type LinkedEntry,
} from '../../../src/producers/sources/full-text.js';
import { entryStamp } from '../../../src/producers/sources/merge-full-text.js';
import { FullTextCache } from '../../../src/store/full-text-cache.js';
import { FeedSite } from '../../support/feed-site.js';
import { connectTestRedis, deletePrefix, uniquePrefix } from '../../support/redis.js';

const PAGE = `<html><head><title>泰山网</title></head><body><h1>东平县老湖镇举行春季运动会</h1>
<div class="info">2024-03-26 10:20 来源：东平融媒</div>
<div class="content"><p>3月26日，东平县老湖镇第一届春季运动会在镇中心小学开幕，全镇十二所学校的六百余名运动员参加比赛。</p>
<p>本届运动会设田径、跳绳、拔河等十五个项目，为期两天。</p></div></body></html>`;
const log = pino({ level: 'silent' });

describe('full text: the cache and the fetch of linked pages', () => {
  const redis = connectTestRedis();
  const prefix = uniquePrefix('full-text');
  const cache = new FullTextCache(redis, prefix);
  const site = new FeedSite();
  const failures: string[] = [];
  /** The status each request for /p/1.html was answered with. */
  const answered: number[] = [];
  let source: Source;
  let now = Date.parse('2024-03-26T12:00:00Z');
  const deps = () => ({
    cache,
    sourceStates: { recordFullTextFailure: (_id: string, _at: string, message: string) => Promise.resolve(void failures.push(message)) },
    now: () => now,
  });
  const entry = (path: string, fields: Partial<RawItem> = {}): LinkedEntry => ({
    ...emptyRawItem(),
    url: `${site.origin}${path}`,
    title: '老湖镇运动会',
    html: '<p>老湖镇举行运动会。</p>',
    published: 'Tue, 26 Mar 2024 09:00:00 +0800',
    ...fields,
  });

  beforeAll(async () => {
    const origin = await site.start();
    // The page answers 304 to its own ETag.
    site.set('/p/1.html', (req, res) => {
      answered.push(req.headers['if-none-match'] === '"v1"' ? 304 : 200);
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304, { etag: '"v1"' }).end();
      else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: '"v1"' }).end(PAGE);
    });
    source = {
      id: 'dongping',
      name: '东平',
      kind: 'feed',
      url: `${origin}/feed.rss`,
      intervalMs: 600_000,
      channels: [],
      allowOrigins: [origin],
      fullText: true,
    };
  });
  afterAll(async () => {
    await site.stop();
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('fetches a page, fills the entry from it and keeps the extraction', async () => {
    const filled = await readFullText(deps(), source, entry('/p/1.html'), log);
    expect(filled.title).toBe('东平县老湖镇举行春季运动会');
    expect(filled.html).toContain('全镇十二所学校的六百余名运动员参加比赛');
    const cached = await cache.get(`${site.origin}/p/1.html`);
    expect(cached).toMatchObject({ etag: '"v1"', stamp: entryStamp(entry('/p/1.html')), fetchedAt: now });
  });

  it('fills entries from the cache while fresh; asks again once stale or once the entry changed', async () => {
    const items = [
      entry('/p/1.html'),
      entry('/p/1.html', { updated: '2024-03-27T08:00:00+08:00' }),
      { ...emptyRawItem(), title: '无链接' },
    ];
    const fresh = await fillFromCache(cache, items, now + 1000);
    expect(fresh.ready.map((item) => item.title)).toEqual(['东平县老湖镇举行春季运动会', '无链接']);
    expect(fresh.toFetch).toHaveLength(1);
    const stale = await fillFromCache(cache, [entry('/p/1.html')], now + FULL_TEXT_FRESH_MS + 1);
    expect(stale.toFetch).toHaveLength(1);
  });

  it('refreshes a stale page with a conditional GET: a 304 reuses the extraction', async () => {
    now += FULL_TEXT_FRESH_MS + 1;
    const filled = await readFullText(deps(), source, entry('/p/1.html'), log);
    expect(answered).toEqual([200, 304]);
    expect(filled.title).toBe('东平县老湖镇举行春季运动会');
    expect((await cache.get(`${site.origin}/p/1.html`))?.fetchedAt).toBe(now);
  });

  it('keeps the entry as the feed gave it when its page fails, records why, and leaves the page alone for a while', async () => {
    const missing = entry('/p/missing.html');
    expect(await readFullText(deps(), source, missing, log)).toEqual(missing);
    expect(failures.at(-1)).toMatch(/full text: .*\/p\/missing\.html: .*HTTP 404/);
    expect((await fillFromCache(cache, [missing], now + 1000)).ready).toEqual([missing]);
    expect((await fillFromCache(cache, [missing], now + FULL_TEXT_RETRY_MS + 1)).toFetch).toEqual([missing]);
  });

  it('keeps a page read before when a refresh of it fails: an entry never falls back to the feed’s teaser', async () => {
    site.set('/p/1.html', { status: 503, body: 'busy' });
    now += FULL_TEXT_FRESH_MS + 1;
    const filled = await readFullText(deps(), source, entry('/p/1.html'), log);
    expect(filled.title).toBe('东平县老湖镇举行春季运动会');
    expect(failures.at(-1)).toMatch(/HTTP 503/);
    const again = await fillFromCache(cache, [entry('/p/1.html')], now + 1000);
    expect(again.ready.map((item) => item.title)).toEqual(['东平县老湖镇举行春季运动会']);
    expect((await fillFromCache(cache, [entry('/p/1.html')], now + FULL_TEXT_RETRY_MS + 1)).toFetch).toHaveLength(1);
  });
});
