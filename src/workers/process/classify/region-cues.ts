/**
 * The words of Chinese local news that say which level of government a story is about without
 * naming a place: 全市 and 市委 (the city, or a county-level city such as 新泰市 in its own news),
 * 全县 and 县委 (a county), 县域 (any county-level unit). Generic Chinese, the same for every city.
 */

/** Which level a cue speaks of, and whether it names a body that acts (市委书记) or a scope (全市). */
export interface CueMeaning {
  level: 'city' | 'county' | 'any-county';
  role: 'actor' | 'scope';
}

const CITY_ACTORS = [
  '市委',
  '市委书记',
  '市委常委会',
  '市委主要负责同志',
  '市政府',
  '市人民政府',
  '市政府常务会议',
  '市长',
  '副市长',
  '市领导',
  '市人大',
  '市人大常委会',
  '市政协',
  '市纪委',
  '市纪委监委',
];
const CITY_SCOPES = ['全市', '市区', '主城区', '城区', '老城区', '市直'];
const COUNTY_ACTORS = ['县委', '县委书记', '县委常委会', '县政府', '县人民政府', '县长', '县领导', '县人大', '县政协'];
const COUNTY_SCOPES = ['全县', '县城', '县里', '县直', '县人民医院', '县医院'];

/** Every cue word and what it means. */
export const CUE_WORDS: ReadonlyMap<string, CueMeaning> = new Map([
  ...CITY_ACTORS.map((word): [string, CueMeaning] => [word, { level: 'city', role: 'actor' }]),
  ...CITY_SCOPES.map((word): [string, CueMeaning] => [word, { level: 'city', role: 'scope' }]),
  ...COUNTY_ACTORS.map((word): [string, CueMeaning] => [word, { level: 'county', role: 'actor' }]),
  ...COUNTY_SCOPES.map((word): [string, CueMeaning] => [word, { level: 'county', role: 'scope' }]),
  ['县域', { level: 'any-county', role: 'scope' }],
]);

/** In the clause of a 全市, these make it a city-wide event (a meeting, a drill, a games) rather than a comparison (高于全市). */
export const EVENT_WORDS = /会议|大会|现场会|推进会|座谈会|办公会|观摩|演练|运动会|开工|仪式|丰收节|活动|比赛|督导|调研|视察/;

/** Right before a county's name, these say that someone came to it: 在东平, 到新泰, 走进宁阳. */
export const ARRIVAL_MARKERS = /(在|到|赴|走进|来到|深入|设在|莅临)$/;

/** Characters that end a clause, for finding the clause of a cue. */
export const CLAUSE_END = /[，。；！？、：,.;!?:\n]/;
