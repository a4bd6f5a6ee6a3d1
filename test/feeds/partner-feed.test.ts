import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BURST_KEY,
  DAILY_KEY,
  OTHER_KEY,
  errorMessageOf,
  feedItem,
  feedTestConfig,
  jsonItems,
  rawGet,
  startFeedApp,
  waitFor,
  type FeedTestApp,
} from './feed-test-app.js';

/** ningyang is summary-only in public; partner `daily` may pull it and xintai, `other` only xintai. */
describe('partner feeds', () => {
  let t: FeedTestApp;

  beforeAll(async () => {
    t = await startFeedApp('feed-partner', feedTestConfig());
    await t.enqueue([feedItem(1, 'county-rss'), feedItem(2, 'county-rss'), feedItem(3, 'xintai-rss')]);
    await waitFor(async () => (await jsonItems(`${t.base}/feeds/ningyang.json`)).length === 2);
    await waitFor(async () => (await jsonItems(`${t.base}/feeds/partner/daily/ningyang.json?key=${DAILY_KEY}`)).length === 2);
  });
  afterAll(() => t.close());

  const get = (path: string, headers: Record<string, string> = {}) => rawGet(`${t.base}${path}`, headers);

  it('gives the partner the full text of a channel whose public feed has only summaries', async () => {
    const publicItems = await jsonItems(`${t.base}/feeds/ningyang.json`);
    const partnerItems = await jsonItems(`${t.base}/feeds/partner/daily/ningyang.json?key=${DAILY_KEY}`);
    expect(partnerItems.map((item) => item.id)).toEqual(publicItems.map((item) => item.id));
    expect(partnerItems[0]!.content_html).toContain('确保栽一棵、活一棵');
    expect(publicItems[0]!.content_html).not.toContain('确保栽一棵、活一棵');
    const atom = (await get(`/feeds/partner/daily/ningyang.atom?key=${DAILY_KEY}`)).body.toString('utf8');
    expect(atom).toContain('<content type="html">');
    expect(atom).toContain('<link rel="self" href="http://feeds.test/feeds/partner/daily/ningyang.atom"/>');
    expect(atom).not.toContain(DAILY_KEY);
  });

  it('takes the key from Authorization: Bearer too, and marks the response private', async () => {
    const response = await get('/feeds/partner/daily/ningyang.rss', { authorization: `Bearer ${DAILY_KEY}` });
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('private, max-age=120');
    expect(response.body.toString('utf8')).toContain('content:encoded');
    const notModified = await get('/feeds/partner/daily/ningyang.rss', {
      authorization: `Bearer ${DAILY_KEY}`,
      'if-none-match': response.headers.etag as string,
    });
    expect(notModified.status).toBe(304);
  });

  it.each([
    ['no key', '/feeds/partner/daily/ningyang.json', 401, /key/],
    ['an unknown key', '/feeds/partner/daily/ningyang.json?key=wrong-key-0123456789abcdef', 401, /unknown API key/],
    ["another partner's key", `/feeds/partner/daily/ningyang.json?key=${OTHER_KEY}`, 403, /not partner "daily"/],
    ['a channel not granted', `/feeds/partner/other/ningyang.json?key=${OTHER_KEY}`, 403, /may not pull channel "ningyang"/],
  ])('refuses %s', async (_case, path, status, message) => {
    const response = await get(path);
    expect(response.status).toBe(status);
    expect(errorMessageOf(response)).toMatch(message);
    if (status === 401) expect(response.headers['www-authenticate']).toContain('Bearer');
  });

  it('answers 429 with Retry-After once the partner is over its rate', async () => {
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof get>> | undefined;
    for (let i = 0; i < 6 && !limited; i++) {
      const response = await get(`/feeds/partner/burst/xintai.json?key=${BURST_KEY}`);
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses.slice(0, 3).every((status) => status === 200)).toBe(true);
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    // Another partner's budget is its own.
    expect((await get(`/feeds/partner/daily/xintai.json?key=${DAILY_KEY}`)).status).toBe(200);
  });
});
