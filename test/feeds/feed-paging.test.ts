import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMessageOf, feedItem, feedTestConfig, jsonItems, rawGet, startFeedApp, waitFor, type FeedTestApp } from './feed-test-app.js';

interface JsonPage {
  feed_url: string;
  next_url?: string;
  items: { title: string }[];
}

/** Seven xintai items at a default limit of 3: pages of 3, 3 and 1 (RFC 5005 paged feeds). */
describe('feed paging and ?limit=', () => {
  let t: FeedTestApp;

  beforeAll(async () => {
    t = await startFeedApp('feed-paging', feedTestConfig({ limit: 3 }));
    await t.enqueue([1, 2, 3, 4, 5, 6, 7].map((n) => feedItem(n, 'xintai-rss')));
    await waitFor(async () => (await jsonItems(`${t.base}/feeds/xintai.json`)).some((item) => item.title.includes('第7次')));
  });
  afterAll(() => t.close());

  const text = async (path: string) => (await rawGet(`${t.base}${path}`)).body.toString('utf8');
  const page = async (path: string) => JSON.parse(await text(path)) as JsonPage;
  const numbers = (feed: JsonPage) => feed.items.map((item) => Number(/第(\d+)次/.exec(item.title)?.[1]));

  it('links the default page to the next and last pages in Atom and RSS', async () => {
    const atom = await text('/feeds/xintai.atom');
    expect(atom).toContain('<link rel="first" href="http://feeds.test/feeds/xintai.atom"/>');
    expect(atom).toContain('<link rel="next" href="http://feeds.test/feeds/xintai.atom?page=2"/>');
    expect(atom).toContain('<link rel="last" href="http://feeds.test/feeds/xintai.atom?page=3"/>');
    expect(atom).not.toContain('rel="previous"');
    const rss = await text('/feeds/xintai.rss');
    expect(rss).toContain('<atom:link href="http://feeds.test/feeds/xintai.rss?page=2" rel="next"/>');
  });

  it('serves the following pages, each linking back, and 404 past the last', async () => {
    expect(numbers(await page('/feeds/xintai.json'))).toEqual([7, 6, 5]);
    const second = await page('/feeds/xintai.json?page=2');
    expect(numbers(second)).toEqual([4, 3, 2]);
    expect(second.next_url).toBe('http://feeds.test/feeds/xintai.json?page=3');
    const third = await text('/feeds/xintai.atom?page=3');
    expect(third).toContain('<link rel="previous" href="http://feeds.test/feeds/xintai.atom?page=2"/>');
    expect(third).not.toContain('rel="next"');
    expect(numbers(await page('/feeds/xintai.json?page=3'))).toEqual([1]);
    const past = await rawGet(`${t.base}/feeds/xintai.json?page=4`);
    expect(past.status).toBe(404);
    expect(errorMessageOf(past)).toContain('page');
  });

  it('walks the whole feed by next_url, every item once', async () => {
    const seen: number[] = [];
    let url: string | undefined = '/feeds/xintai.json';
    while (url) {
      const feed: JsonPage = await page(url);
      seen.push(...numbers(feed));
      url = feed.next_url?.replace('http://feeds.test', '');
    }
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });

  it('serves ?limit= pages with their own links', async () => {
    const two = await page('/feeds/xintai.json?limit=2');
    expect(numbers(two)).toEqual([7, 6]);
    expect(two.feed_url).toBe('http://feeds.test/feeds/xintai.json?limit=2');
    expect(two.next_url).toBe('http://feeds.test/feeds/xintai.json?limit=2&page=2');
    expect(numbers(await page('/feeds/xintai.json?limit=5&page=2'))).toEqual([2, 1]);
    expect(numbers(await page('/feeds/xintai.json?limit=200'))).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });

  it('keeps pages that readers asked for current when the channel changes', async () => {
    expect(numbers(await page('/feeds/xintai.json?limit=2'))).toEqual([7, 6]);
    await t.enqueue([feedItem(8, 'xintai-rss')]);
    await waitFor(async () => numbers(await page('/feeds/xintai.json?limit=2'))[0] === 8);
    expect(numbers(await page('/feeds/xintai.json?limit=2'))).toEqual([8, 7]);
    expect(numbers(await page('/feeds/xintai.json?page=2'))).toEqual([5, 4, 3]);
  });
});
