import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiArticle } from '../../src/feeds/api-article.js';
import { feedItem, feedTestConfig, startFeedApp, waitFor, type FeedTestApp } from './feed-test-app.js';

interface ArticlePage {
  channel: string;
  order: 'published' | 'changed';
  items: ApiArticle[];
  next: string | null;
  more: boolean;
}

/** The xintai items 1–5 and the county (宁阳, summary-only) items 6–7; item 8 is about 泰山 登山节. */
describe('GET /api/articles: cursors, since, source, channel, search', () => {
  let t: FeedTestApp;
  const get = (path: string) => fetch(`${t.base}${path}`);
  const page = async (path: string) => {
    const response = await get(path);
    expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
    return (await response.json()) as ArticlePage;
  };
  const errorOf = async (path: string) => {
    const response = await get(path);
    return { status: response.status, ...((await response.json()) as { error: string; message: string }) };
  };
  const numbers = (p: ArticlePage) => p.items.map((item) => Number(/第(\d+)次/.exec(item.title)?.[1]));
  /** Every page of a listing, following `next` while `more`. */
  async function pages(path: string): Promise<ArticlePage[]> {
    const all = [await page(path)];
    for (let last = all[0]; last?.more;) {
      last = await page(`/api/articles?cursor=${last.next ?? ''}&limit=${new URL(path, 'http://x').searchParams.get('limit') ?? 20}`);
      all.push(last);
    }
    return all;
  }
  const total = (listing: ArticlePage[]) => listing.flatMap((p) => p.items.map((item) => item.id)).length;
  let beforeItem8: string;

  beforeAll(async () => {
    t = await startFeedApp('articles-api', feedTestConfig());
    await t.enqueue([1, 2, 3, 4, 5].map((n) => feedItem(n, 'xintai-rss')));
    await t.enqueue([6, 7].map((n) => feedItem(n, 'county-rss')));
    await waitFor(async () => (await page('/api/articles?limit=50')).items.length === 7, { what: 'seven articles stored' });
    beforeItem8 = new Date().toISOString();
    await waitFor(() => new Date().toISOString() > beforeItem8, { intervalMs: 1 });
    const climb = '<p>泰山国际登山节今天开幕，三千余名登山爱好者从红门出发，沿着登山步道一路攀登，最终抵达玉皇顶。</p>';
    await t.enqueue([feedItem(8, 'xintai-rss', { title: '第8次泰山国际登山节开幕', html: climb })]);
    await waitFor(async () => (await page('/api/articles?q=登山节')).items.length === 1, { what: 'item 8 searchable' });
  });
  afterAll(() => t.close());

  it('pages newest first by cursor, each article once, and hands out no cursor after the last page', async () => {
    const listing = await pages('/api/articles?channel=xintai&limit=2');
    expect(listing.map(numbers)).toEqual([
      [8, 5],
      [4, 3],
      [2, 1],
    ]);
    expect(listing.at(-1)?.next).toBeNull();
    expect(listing[0]?.order).toBe('published');
  });

  it('keeps a page boundary where it was when newer articles arrive meanwhile', async () => {
    const first = await page('/api/articles?channel=xintai&limit=3');
    await t.enqueue([feedItem(9, 'xintai-rss', { published: '2024-03-12T10:30:00+08:00' })]);
    await waitFor(async () => numbers(await page('/api/articles?channel=xintai&limit=1'))[0] === 9);
    expect(numbers(await page(`/api/articles?cursor=${first.next ?? ''}&limit=3`))).toEqual([3, 2, 1]);
  });

  it('syncs by change since a time, hands out a cursor on the last page, and later gives only what came after', async () => {
    const since = await pages(`/api/articles?since=${encodeURIComponent(beforeItem8)}&limit=50`);
    expect(since.flatMap(numbers)).toEqual([8, 9]);
    const last = since.at(-1);
    expect(last?.order).toBe('changed');
    expect(last?.more).toBe(false);
    expect(last?.next).toEqual(expect.any(String));
    expect((await page(`/api/articles?cursor=${last?.next ?? ''}`)).items).toEqual([]);
    await t.enqueue([feedItem(10, 'xintai-rss')]);
    await waitFor(async () => numbers(await page(`/api/articles?cursor=${last?.next ?? ''}`)).includes(10));
    expect(numbers(await page(`/api/articles?cursor=${last?.next ?? ''}&since=${encodeURIComponent(beforeItem8)}`))).toEqual([10]);
  });

  it('syncs everything from the start with order=changed, in the order the articles were stored', async () => {
    const listing = await pages('/api/articles?order=changed&channel=xintai&limit=4');
    expect(total(listing)).toBe(8);
    expect(listing.flatMap(numbers).slice(-3)).toEqual([8, 9, 10]);
  });

  it('filters by source, and by a channel and a source together', async () => {
    expect(numbers(await page('/api/articles?source=county-rss')).sort()).toEqual([6, 7]);
    expect((await page('/api/articles?source=county-rss&channel=xintai')).items).toEqual([]);
    expect((await page('/api/articles?source=nobody')).items).toEqual([]);
  });

  it('searches title and text for every word of q, within the filters, by cursor', async () => {
    expect(numbers(await page('/api/articles?q=登山节'))).toEqual([8]);
    expect(numbers(await page('/api/articles?q=泰山%20玉皇顶&channel=xintai'))).toEqual([8]);
    expect((await page('/api/articles?q=泰山%20桃花节')).items).toEqual([]);
    expect(numbers(await page('/api/articles?q=伏山镇'))).toEqual([7, 6]);
    expect(total(await pages('/api/articles?q=植树活动&limit=2'))).toBe(9);
    expect(numbers(await page(`/api/articles?q=登山节&since=${encodeURIComponent(beforeItem8)}`))).toEqual([8]);
  });

  it('withholds the text of summary-only channels, as the rest of the public API does', async () => {
    const county = (await page('/api/articles?source=county-rss')).items;
    expect(county.every((item) => item.contentWithheld === true && item.contentText === item.summary)).toBe(true);
    expect((await page('/api/articles?source=xintai-rss&limit=1')).items[0]?.contentWithheld).toBeUndefined();
  });

  it('answers 400 naming the parameter for a bad cursor, a cursor for other filters, since with order=published, a q of no word', async () => {
    const first = await page('/api/articles?channel=xintai&limit=1');
    const cases: [string, string][] = [
      ['/api/articles?cursor=bm90IGEgY3Vyc29y', 'cursor: '],
      [`/api/articles?cursor=${first.next ?? ''}&channel=ningyang`, 'channel: the cursor was made for channel "xintai"'],
      [`/api/articles?since=2024-03-12T00:00:00Z&order=published`, 'since: '],
      ['/api/articles?since=yesterday', 'since: '],
      ['/api/articles?q=市', 'q: no word'],
      ['/api/articles?limit=201', 'limit: '],
      ['/api/articles?page=2', 'querystring: Unrecognized key: "page"'],
    ];
    for (const [path, message] of cases) {
      const answer = await errorOf(path);
      expect(answer.status, path).toBe(400);
      expect(answer.message, path).toContain(message);
    }
    expect((await errorOf(`/api/articles?cursor=${first.next ?? ''}&channel=xintai&limit=1`)).status).toBe(200);
    expect(await errorOf('/api/articles?channel=nowhere')).toMatchObject({ status: 404, message: 'no channel "nowhere"' });
  });
});
