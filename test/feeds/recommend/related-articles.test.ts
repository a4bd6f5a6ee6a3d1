import { describe, expect, it } from 'vitest';
import type { ArticleCard, TermStatistics } from '../../../src/domain/article-card.js';
import { queryTerms, rankRelated } from '../../../src/feeds/recommend/related-articles.js';
import { termVector } from '../../../src/feeds/recommend/term-vectors.js';
import { cardWith } from '../../support/cards.js';

function card(id: string, terms: Record<string, number>, places: string[] = [], publishedAt = '2024-05-01T08:00:00+08:00'): ArticleCard {
  return cardWith(id, terms, { places, publishedAt });
}

const STATISTICS: TermStatistics = {
  articleCount: 1000,
  documentFrequency: new Map([
    ['煎饼', 8],
    ['产业', 200],
    ['小麦', 10],
    ['飞防', 5],
    ['楼德镇', 40],
    ['新泰市', 300],
    ['就业', 120],
    ['樱桃', 9],
    ['火种', 6],
    ['进山', 6],
    ['森林', 6],
    ['防火', 6],
    ['登山', 6],
    ['游客', 6],
  ]),
};

describe('rankRelated', () => {
  const article = card('jianbing', { 煎饼: 4, 产业: 2, 楼德镇: 3, 新泰市: 2 }, ['楼德镇', '新泰市']);

  it('ranks by subject, not by place: a 煎饼 story elsewhere beats a 小麦 story in the same town', () => {
    const samePlace = card('wheat-louде', { 小麦: 4, 飞防: 3, 楼德镇: 3, 新泰市: 2 }, ['楼德镇', '新泰市']);
    const sameSubject = card('jianbing-elsewhere', { 煎饼: 3, 产业: 1, 就业: 2 }, ['宁阳县']);
    expect(rankRelated(article, [samePlace, sameSubject], STATISTICS, 5).map((related) => related.card.id)).toEqual([
      'jianbing-elsewhere',
      'wheat-louде',
    ]);
  });

  it('uses a shared place only to order stories of equal subject', () => {
    const elsewhere = card('a', { 煎饼: 3, 产业: 1 }, ['宁阳县']);
    const here = card('b', { 煎饼: 3, 产业: 1 }, ['楼德镇']);
    expect(rankRelated(article, [elsewhere, here], STATISTICS, 5).map((related) => related.card.id)).toEqual(['b', 'a']);
  });

  it('never returns the article, a repost of it, or a story with no word in common', () => {
    const repost = { ...card('copy', { 煎饼: 4, 产业: 2, 楼德镇: 3, 新泰市: 2 }, ['楼德镇']), contentHash: 'other' };
    const sameHash = { ...card('same-hash', { 煎饼: 1 }), contentHash: article.contentHash };
    const unrelated = card('cherry', { 樱桃: 5 });
    expect(rankRelated(article, [article, repost, sameHash, unrelated], STATISTICS, 5)).toEqual([]);
  });

  it('finds a story told in other words through the best stories of a first round (森林防火 for 严禁火种进山)', () => {
    const query = card('no-fire', { 火种: 4, 进山: 3 });
    const firstRound = [card('patrol', { 火种: 3, 森林: 3, 防火: 3 }), card('checkpoint', { 火种: 3, 进山: 1, 森林: 2, 防火: 3 })];
    const sameSubject = card('forest-fire', { 火种: 1, 森林: 4, 防火: 4 });
    const hikers = card('hikers', { 进山: 2, 登山: 4, 游客: 4 });
    const ranked = rankRelated(query, [...firstRound, hikers, sameSubject], STATISTICS, 5).map((related) => related.card.id);
    expect(ranked.indexOf('forest-fire')).toBeLessThan(ranked.indexOf('hikers'));
  });

  it('looks candidates up by the heaviest subject words first, places last', () => {
    expect(queryTerms(article, STATISTICS, 2)).toEqual(['煎饼', '产业']);
  });
});

describe('termVector', () => {
  it('leaves out the words only this article holds: they relate it to nothing', () => {
    const statistics: TermStatistics = {
      articleCount: 100,
      documentFrequency: new Map([
        ['煎饼', 5],
        ['王师傅', 1],
      ]),
    };
    const vector = termVector(card('a', { 煎饼: 2, 王师傅: 3 }), statistics);
    expect([...vector.keys()]).toEqual(['煎饼']);
    expect(vector.get('煎饼')).toBeCloseTo(1);
  });
});
