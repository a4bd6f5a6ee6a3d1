import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, type ArticleCursor } from '../../src/feeds/article-cursor.js';
import { articleListQuerySchema, planArticleList, sincePosition } from '../../src/feeds/article-list-query.js';

/** Splits on spaces: a stand-in for jieba. */
const segment = (text: string) => text.split(/\s+/).filter(Boolean);
const plan = (query: Record<string, string>) => planArticleList(articleListQuerySchema.parse(query), segment);
const planned = (query: Record<string, string>) => {
  const result = plan(query);
  if ('message' in result) throw new Error(result.message);
  return result;
};

describe('article cursors', () => {
  it.each<ArticleCursor>([
    { order: 'published', channel: 'all', position: { score: 1710206100000, id: '0123456789abcdef' } },
    {
      order: 'changed',
      channel: 'xintai',
      source: 'xintai-rss',
      q: '泰山 登山节',
      position: { score: 1716000000000001, id: 'fedcba9876543210' },
    },
    { order: 'changed', channel: 'all', position: { score: 1716000000000999 } },
    { order: 'changed', channel: 'all' },
  ])('comes back as it went out: %j', (cursor) => {
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual({ source: undefined, q: undefined, position: undefined, ...cursor });
  });

  it.each(['', 'not a cursor', Buffer.from('{"v":2}').toString('base64url'), Buffer.from('[1]').toString('base64url')])(
    'refuses %j',
    (text) => {
      expect(decodeCursor(text)).toBeUndefined();
    },
  );
});

describe('planArticleList', () => {
  it('lists the newest of every article by default', () => {
    expect(planned({})).toEqual({
      cursor: { order: 'published', channel: 'all', source: undefined, q: undefined, position: undefined },
      listing: { order: 'published', feeds: ['channel:all'], terms: [], after: undefined, limit: 20 },
    });
  });

  it('lists by change from just past the millisecond of `since`, within a channel and a source', () => {
    const { listing } = planned({ since: '2024-03-12T09:15:00+08:00', channel: 'xintai', source: 'xintai-rss', limit: '50' });
    expect(listing).toEqual({
      order: 'changed',
      feeds: ['channel:xintai', 'source:xintai-rss'],
      terms: [],
      after: { score: Date.parse('2024-03-12T01:15:00Z') * 1000 + 999 },
      limit: 50,
    });
  });

  it('searches for the terms of q, words of one character left out', () => {
    expect(planned({ q: '泰山  登山节 市' }).listing.terms).toEqual(['泰山', '登山节']);
    expect(plan({ q: '市' })).toEqual({ message: 'q: no word of two or more characters to search for' });
  });

  it('takes the filters from a cursor, and the later of the cursor and since', () => {
    const cursor = encodeCursor({ order: 'changed', channel: 'xintai', q: '泰山', position: { score: 5_000_000, id: 'ab' } });
    const from = planned({ cursor, channel: 'xintai', limit: '5' });
    expect(from.listing).toEqual({
      order: 'changed',
      feeds: ['channel:xintai'],
      terms: ['泰山'],
      after: { score: 5_000_000, id: 'ab' },
      limit: 5,
    });
    expect(planned({ cursor, since: new Date(4_000).toISOString() }).listing.after).toEqual({ score: 5_000_000, id: 'ab' });
    expect(planned({ cursor, since: new Date(6_000).toISOString() }).listing.after).toEqual(sincePosition(new Date(6_000).toISOString()));
  });

  it.each([
    [{ cursor: 'eyJ2IjoxfQ' }, 'cursor: not a cursor of this API (pass back the `next` of a page)'],
    [{ cursor: encodeCursor({ order: 'published', channel: 'all' }), channel: 'xintai' }, 'channel: the cursor was made for channel "all"'],
    [{ cursor: encodeCursor({ order: 'published', channel: 'all' }), q: '泰山' }, 'q: the cursor was made for q null'],
    [
      { cursor: encodeCursor({ order: 'published', channel: 'all' }), order: 'changed' },
      'order: the cursor was made for order "published"',
    ],
    [{ since: '2024-03-12T09:15:00Z', order: 'published' }, 'since: lists by change, so not with order=published'],
  ])('refuses %j', (query, message) => {
    expect(plan(query)).toEqual({ message });
  });

  it('refuses unknown parameters and malformed values in the schema', () => {
    expect(articleListQuerySchema.safeParse({ page: '2' }).success).toBe(false);
    expect(articleListQuerySchema.safeParse({ since: '2024-03-12' }).success).toBe(false);
    expect(articleListQuerySchema.safeParse({ source: 'Bad Source' }).success).toBe(false);
    expect(articleListQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
  });
});
