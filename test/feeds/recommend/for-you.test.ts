import { describe, expect, it } from 'vitest';
import type { ArticleCard, TermStatistics } from '../../../src/domain/article-card.js';
import { rankForYou } from '../../../src/feeds/recommend/for-you.js';
import { cardWith } from '../../support/cards.js';

const NOW = Date.parse('2024-05-10T12:00:00+08:00');
const DAY = 86_400_000;

const STATISTICS: TermStatistics = {
  articleCount: 1000,
  documentFrequency: new Map([
    ['樱桃', 6],
    ['采摘', 20],
    ['果农', 15],
    ['小麦', 10],
    ['飞防', 5],
    ['煎饼', 8],
    ['就业', 120],
    ['招聘', 60],
  ]),
};

function fresh(id: string, terms: Record<string, number>, fields: Partial<ArticleCard> = {}): ArticleCard {
  return cardWith(id, terms, { publishedAt: new Date(NOW - DAY / 2).toISOString(), ...fields });
}

const cherryReader = {
  cards: [fresh('read-1', { 樱桃: 4, 采摘: 2 }), fresh('read-2', { 樱桃: 3, 果农: 2 })],
  readAt: new Map([
    ['read-1', NOW - DAY],
    ['read-2', NOW - 2 * DAY],
  ]),
};

describe('rankForYou', () => {
  it('puts the stories closest to what the reader read first, and never one they read', () => {
    const candidates = [
      fresh('wheat', { 小麦: 4, 飞防: 2 }, { sourceId: 'a' }),
      fresh('cherry', { 樱桃: 3, 采摘: 3, 果农: 1 }, { sourceId: 'b' }),
      fresh('jobs', { 就业: 3, 招聘: 2 }, { sourceId: 'c' }),
      ...cherryReader.cards,
    ];
    const ids = rankForYou(cherryReader, candidates, STATISTICS, NOW, 5).map((item) => item.card.id);
    expect(ids[0]).toBe('cherry');
    expect(ids).not.toContain('read-1');
    expect(ids).not.toContain('read-2');
    expect(ids).toHaveLength(3);
  });

  it('shows one of two near-duplicates, however relevant both are', () => {
    const candidates = [
      fresh('cherry-a', { 樱桃: 4, 采摘: 3 }, { sourceId: 'a' }),
      fresh('cherry-b', { 樱桃: 4, 采摘: 3, 果农: 0 }, { sourceId: 'b', contentHash: 'other' }),
      fresh('cherry-c', { 樱桃: 2, 果农: 3 }, { sourceId: 'c' }),
      fresh('wheat', { 小麦: 4, 飞防: 2 }, { sourceId: 'd' }),
    ];
    const ids = rankForYou(cherryReader, candidates, STATISTICS, NOW, 4).map((item) => item.card.id);
    expect(ids.filter((id) => id === 'cherry-a' || id === 'cherry-b')).toHaveLength(1);
    expect(ids).toContain('cherry-c');
  });

  it('never puts three from one source in a row, even if the list comes out shorter', () => {
    const candidates = [
      ...['采摘', '果农', '樱桃'].map((term, i) => fresh(`same-${i}`, { 樱桃: 2, [term]: 3, [`词${i}`]: 4 }, { sourceId: 'busy' })),
      fresh('other', { 小麦: 1, 樱桃: 1 }, { sourceId: 'quiet' }),
    ];
    const items = rankForYou(cherryReader, candidates, STATISTICS, NOW, 4);
    const sources = items.map((item) => item.card.sourceId);
    expect(sources.filter((source) => source === 'busy').length).toBeGreaterThanOrEqual(2);
    expect(sources).toContain('quiet');
    for (let i = 2; i < sources.length; i++) expect(new Set(sources.slice(i - 2, i + 1)).size).toBeGreaterThan(1);
  });

  it('fills the list from a pool of one source, which has nothing to alternate with', () => {
    const candidates = ['采摘', '果农', '樱桃', '小麦'].map((term, i) =>
      fresh(`only-${i}`, { 樱桃: 1, [term]: 3, [`词${i}`]: 4 }, { sourceId: 'only' }),
    );
    expect(rankForYou(cherryReader, candidates, STATISTICS, NOW, 4)).toHaveLength(4);
  });

  it('prefers the fresh of two equally close stories', () => {
    const candidates = [
      fresh('old', { 樱桃: 3, 采摘: 2 }, { sourceId: 'a', publishedAt: new Date(NOW - 20 * DAY).toISOString() }),
      fresh('new', { 樱桃: 3, 采摘: 2 }, { sourceId: 'b', contentHash: 'new' }),
    ];
    expect(rankForYou(cherryReader, candidates, STATISTICS, NOW, 1).map((item) => item.card.id)).toEqual(['new']);
  });
});
