import { describe, expect, it } from 'vitest';
import { conflictBetween, factsOf, titlesAgree } from '../../../../src/workers/process/dedupe/story-conflicts.js';

const PLACES = ['新泰市', '羊流镇', '楼德镇', '青云街道', '新汶街道'];
const facts = (title: string, text = '') => factsOf(title, text, PLACES);

describe('titlesAgree', () => {
  it.each([
    ['the same title', '青云街道12个老旧小区改造项目集中开工', '青云街道12个老旧小区改造项目集中开工'],
    ['a site prefix', '新泰市举办春季招聘会 2000多个岗位虚位以待', '【泰安】新泰市举办春季招聘会 2000多个岗位虚位以待'],
    ['a subtitle dropped', '财源街道“社区食堂”开张 老人吃上热乎饭', '财源街道“社区食堂”开张'],
  ])('agree: %s', (_, a, b) => {
    expect(titlesAgree(facts(a), facts(b))).toBe(true);
  });

  it.each([
    ['a follow-up', '青云街道12个老旧小区改造项目集中开工', '青云街道老旧小区改造首批项目完工'],
    ['another story', '羊流镇开展“乡村好媳妇”评选活动', '楼德镇：三千亩煎饼小米喜获丰收'],
    ['no title', '', '羊流镇开展“乡村好媳妇”评选活动'],
  ])('differ: %s', (_, a, b) => {
    expect(titlesAgree(facts(a), facts(b))).toBe(false);
  });
});

describe('conflictBetween', () => {
  it('names the places when each side names one the other does not', () => {
    expect(conflictBetween(facts('羊流镇召开会议'), facts('楼德镇召开会议'))).toContain('names different places');
  });

  it('finds no conflict when one side names fewer places (a copy cut short)', () => {
    expect(conflictBetween(facts('羊流镇召开会议', '新泰市羊流镇'), facts('羊流镇召开会议', '新泰市羊流镇、楼德镇'))).toBeUndefined();
  });

  it('names the figures when each side has two the other lacks', () => {
    expect(conflictBetween(facts('', '3月12日 217处 198处'), facts('', '6月15日 168处 151处'))).toContain('reports different figures');
  });

  it('finds no conflict when one side has only some of the figures', () => {
    expect(conflictBetween(facts('', '3月12日 217处'), facts('', '3月12日 217处 198处 36个'))).toBeUndefined();
  });
});
