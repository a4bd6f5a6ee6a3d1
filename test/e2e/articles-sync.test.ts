import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedTestConfig, startFeedApp, waitFor, type FeedTestApp } from '../feeds/feed-test-app.js';
import { syntheticItems } from '../support/synthetic-items.js';

const ARTICLES = 1_000;
const BATCH = 50;
const PAGE = 10;

interface ArticlePage {
  items: { id: string; updatedAt: string }[];
  next: string | null;
  more: boolean;
}

/**
 * Issue 17: a partner syncs by cursor, from `since`, while the pipeline keeps storing articles
 * (process workers on the real Redis, the HTTP server on a local port). The items were published
 * and updated in 2024, long before `since`: the sync goes by when the store wrote them.
 */
describe('a partner syncing /api/articles by cursor while articles arrive', () => {
  let t: FeedTestApp;

  beforeAll(async () => {
    t = await startFeedApp('articles-sync', feedTestConfig());
  });
  afterAll(() => t.close());

  const stored = () => t.redis.zcard(`${t.prefix}:index:channel:all`);

  it(`gets each of ${ARTICLES} articles exactly once`, { timeout: 180_000 }, async () => {
    const since = new Date().toISOString();
    const items = syntheticItems(ARTICLES, 'sync-feed');
    let producing = true;
    const produce = async () => {
      for (let start = 0; start < ARTICLES; start += BATCH) {
        await t.enqueue(items.slice(start, start + BATCH));
        // The next batch once most of this one is stored: arrivals keep coming while the partner reads.
        await waitFor(async () => (await stored()) >= start + BATCH - 10, { timeoutMs: 60_000, what: `batch at ${start} stored` });
      }
      await waitFor(async () => (await stored()) === ARTICLES, { timeoutMs: 60_000, what: 'every article stored' });
      producing = false;
    };
    const received: string[] = [];
    const stats = { pages: 0, caughtUp: 0, pagesWhileArriving: 0, behind: 0 };
    const sync = async () => {
      let url = `${t.base}/api/articles?since=${encodeURIComponent(since)}&limit=${PAGE}`;
      for (;;) {
        const done = !producing;
        const page = (await (await fetch(url)).json()) as ArticlePage;
        stats.pages++;
        if (!done) stats.pagesWhileArriving++;
        received.push(...page.items.map((item) => item.id));
        expect(page.next, 'a sync page always hands out a cursor').toEqual(expect.any(String));
        url = `${t.base}/api/articles?cursor=${page.next ?? ''}&limit=${PAGE}`;
        if (page.more) {
          stats.behind++;
          continue;
        }
        // Caught up: what the store held when this page was read has all been received. The partner
        // polls again once more have arrived than two pages hold (or the arrivals are over).
        if (done) return;
        stats.caughtUp++;
        await waitFor(async () => !producing || (await stored()) >= received.length + 2 * PAGE, {
          timeoutMs: 60_000,
          what: 'more arrivals',
        });
      }
    };
    await Promise.all([produce(), sync()]);

    const counts = new Map<string, number>();
    for (const id of received) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect(
      [...counts].filter(([, n]) => n > 1),
      'articles received twice',
    ).toEqual([]);
    const all = await t.redis.zrange(`${t.prefix}:index:channel:all`, 0, -1);
    expect(all).toHaveLength(ARTICLES);
    expect(new Set(received)).toEqual(new Set(all));
    // The partner really read alongside the arrivals: caught up with them, and fell behind them, more than once.
    expect(stats.pagesWhileArriving, JSON.stringify(stats)).toBeGreaterThan(ARTICLES / PAGE / 2);
    expect(stats.caughtUp, JSON.stringify(stats)).toBeGreaterThan(3);
    expect(stats.behind, JSON.stringify(stats)).toBeGreaterThan(3);
  });
});
