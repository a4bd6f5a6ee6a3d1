import { describe, expect, it } from 'vitest';
import { MAX_SEARCH_TERMS, normalizeTerm, queryTermsOf, searchTermsOf } from '../../src/domain/search-terms.js';
import { exampleSegmenter } from '../support/example-config.js';

describe('normalizeTerm', () => {
  it.each([
    ['新泰市', '新泰市'],
    ['Ｇ３', 'g3'],
    ['APEC', 'apec'],
    ['2300', '2300'],
    ['市', ''],
    ['，', ''],
    ['a', ''],
    ['x'.repeat(33), ''],
  ])('%s → %j', (word, term) => {
    expect(normalizeTerm(word)).toBe(term);
  });
});

describe('searchTermsOf', () => {
  it('keeps each term once, title first, with the two- and three-character parts of longer Han words', () => {
    expect(searchTermsOf(['新泰市', '开工'], ['开工', '，', '小区'])).toEqual(['新泰市', '新泰', '泰市', '开工', '小区']);
    expect(searchTermsOf(['青云街道'], [])).toEqual(['青云街道', '青云', '云街', '街道', '青云街', '云街道']);
  });

  it('joins runs of single characters, which alone are no terms', () => {
    expect(searchTermsOf([], ['京', '台', '高速', '。', '老', '旧'])).toEqual(['京台', '高速', '老旧']);
  });

  it(`stops at ${MAX_SEARCH_TERMS} terms`, () => {
    const words = Array.from({ length: MAX_SEARCH_TERMS + 10 }, (_, i) => `w${i}`);
    expect(searchTermsOf(['标题'], words)).toHaveLength(MAX_SEARCH_TERMS);
    expect(searchTermsOf(['标题'], words)[0]).toBe('标题');
  });
});

describe('searching segmented text (real jieba, the example city in its dictionary)', () => {
  const segment = exampleSegmenter();
  const text =
    '近日，新泰市青云街道12个老旧小区改造项目集中开工，涉及居民楼86栋、住户2300余户。泰安市民踊跃参加泰山国际登山节，G3京台高速扩容工程同步推进。';
  const indexed = new Set(searchTermsOf(segment('老旧小区改造集中开工'), segment(text)));
  const finds = (query: string) => {
    const terms = queryTermsOf(segment(query));
    return terms.length > 0 && terms.every((term) => indexed.has(term));
  };

  it.each([
    '新泰',
    '新泰市',
    '青云街道',
    '老旧小区改造',
    '登山节',
    '泰山',
    'G3',
    'ｇ３',
    '京台高速',
    '居民楼',
    '改造项目',
    '国际登山',
    '2300',
  ])('finds %s', (query) => {
    expect(finds(query)).toBe(true);
  });

  it.each(['肥城', '桃花节', '京沪高速', '新城街道'])('does not find %s', (query) => {
    expect(finds(query)).toBe(false);
  });

  it('asks for no term when a query has no word of two characters', () => {
    expect(queryTermsOf(segment('市'))).toEqual([]);
    expect(queryTermsOf(segment('  ，。 '))).toEqual([]);
  });
});
