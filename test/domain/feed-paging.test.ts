import { describe, expect, it } from 'vitest';
import { lastPageOf, pageLinks, pageUrl, parseVariantKey, variantKey } from '../../src/domain/feed-paging.js';
import { planPages, rangeOf } from '../../src/workers/publish/plan-pages.js';

const BASE = 'https://news.example.com/feeds/taian';

describe('paging', () => {
  it.each([
    [0, 50, 1],
    [1, 50, 1],
    [50, 50, 1],
    [51, 50, 2],
    [1000, 200, 5],
  ])('%d items at %d a page make %d pages', (count, limit, pages) => {
    expect(lastPageOf(count, limit)).toBe(pages);
  });

  it.each([
    [{ limit: 50, page: 1 }, `${BASE}.atom`],
    [{ limit: 50, page: 3 }, `${BASE}.atom?page=3`],
    [{ limit: 10, page: 1 }, `${BASE}.atom?limit=10`],
    [{ limit: 10, page: 2 }, `${BASE}.atom?limit=10&page=2`],
  ])('writes the URL of %j without default parameters', (variant, url) => {
    expect(pageUrl(BASE, 'atom', variant, 50)).toBe(url);
  });

  it('links the first page to next and last only', () => {
    expect(pageLinks(BASE, 'rss', { limit: 50, page: 1 }, 3, 50)).toEqual({
      self: `${BASE}.rss`,
      first: `${BASE}.rss`,
      last: `${BASE}.rss?page=3`,
      next: `${BASE}.rss?page=2`,
    });
  });

  it('links a middle page both ways, and the last page only back', () => {
    expect(pageLinks(BASE, 'json', { limit: 10, page: 2 }, 3, 50)).toMatchObject({
      previous: `${BASE}.json?limit=10`,
      next: `${BASE}.json?limit=10&page=3`,
    });
    const last = pageLinks(BASE, 'json', { limit: 10, page: 3 }, 3, 50);
    expect(last.next).toBeUndefined();
    expect(last.previous).toBe(`${BASE}.json?limit=10&page=2`);
  });

  it('round-trips variant keys and refuses others', () => {
    expect(parseVariantKey(variantKey({ limit: 20, page: 7 }))).toEqual({ limit: 20, page: 7 });
    for (const bad of ['0x1', '201x1', '10x0', 'x', '10x1;']) expect(parseVariantKey(bad)).toBeUndefined();
  });

  it('plans the default page first, then demanded pages that exist, once each', () => {
    const pages = planPages(50, ['10x2', '50x1', '10x2', '10x9', 'junk', '200x1'], 75);
    expect(pages).toEqual([
      { limit: 50, page: 1 },
      { limit: 10, page: 2 },
      { limit: 200, page: 1 },
    ]);
    expect(rangeOf({ limit: 10, page: 2 })).toEqual([10, 10]);
  });
});
