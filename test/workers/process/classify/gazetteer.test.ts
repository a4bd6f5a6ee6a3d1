import { describe, expect, it } from 'vitest';
import { loadCityDivisions } from '../../../../src/config/load-divisions.js';
import { Gazetteer, type GazetteerAdditions } from '../../../../src/workers/process/classify/gazetteer.js';
import { createJiebaWords } from '../../../../src/workers/process/classify/jieba-words.js';
import { exampleGazetteer } from '../../../support/example-config.js';

const gazetteer = exampleGazetteer();
const entriesOf = (text: string, name: string) => gazetteer.read(text).names.find((m) => m.name === name)?.entries ?? [];

describe('the example gazetteer', () => {
  it('marks names that places elsewhere bear too: 东平 (东平镇 in 阳江…), 牛山, 新城街道; not 新泰 or 东平湖', () => {
    expect(entriesOf('东平', '东平')[0]?.shared).toBe(true);
    expect(entriesOf('牛山', '牛山')[0]?.shared).toBe(true);
    expect(entriesOf('新城街道', '新城街道')[0]?.shared).toBe(true);
    expect(entriesOf('新泰', '新泰')[0]?.shared).toBe(false);
    expect(entriesOf('东平湖', '东平湖')[0]?.shared).toBe(false);
  });

  it('does not take a town’s short form that is an ordinary word (财源 of 财源街道) as a place', () => {
    expect(gazetteer.read('开辟财源').names).toEqual([]);
    expect(gazetteer.read('财源街道').names.map((m) => m.name)).toEqual(['财源街道']);
  });

  it('reads cue words apart from names, as words only', () => {
    const { names, cues } = gazetteer.read('全市防汛现场会在东平县召开');
    expect(names.map((m) => m.name)).toEqual(['东平县']);
    expect(cues.map((m) => m.name)).toEqual(['全市']);
    expect(gazetteer.read('全市场监管').cues).toEqual([]);
  });

  it('knows a county or district elsewhere right before a name (崇明东平), and the type of this city’s counties', () => {
    expect(gazetteer.qualifiedElsewhere('上海崇明东平国家森林公园', 4)).toBe(true);
    expect(gazetteer.qualifiedElsewhere('肥城东平', 2)).toBe(false);
    expect([gazetteer.countyTypeOf('370982'), gazetteer.countyTypeOf('370923008000'), gazetteer.countyTypeOf('370902')]).toEqual([
      'county-city',
      'county',
      'district',
    ]);
  });

  it('lists places, not cue words or short forms, for the dedupe place rule', () => {
    const names = gazetteer.placeNames();
    expect(names).toContain('戴村坝');
    expect(names).not.toContain('全市');
    expect(names).not.toContain('楼德');
  });

  it('takes places elsewhere from the config (新北市 of Taiwan is not in the official lists)', () => {
    expect(gazetteer.read('新北市泰山区').names.map((m) => [m.name, m.entries[0]?.kind])).toEqual([
      ['新北市', 'foreign'],
      ['泰山区', 'county'],
    ]);
  });
});

describe('Gazetteer without word tools', () => {
  const additions: GazetteerAdditions = {
    aliases: { '370982': ['新泰'] },
    places: [{ name: '青云湖', division: '370982', shared: true }],
    notPlaces: [],
    elsewhere: [],
    townShortForms: true,
    shortFormStoplist: [],
  };
  const plain = new Gazetteer(loadCityDivisions('3709', ['新泰', '青云湖']), additions);

  it('takes every name where the automaton finds it, as before word checks', () => {
    expect(plain.read('创新泰安').names.map((m) => m.name)).toEqual(['新泰']);
  });

  it('takes a place’s shared flag from the config', () => {
    expect(plain.read('青云湖').names[0]?.entries[0]?.shared).toBe(true);
  });

  it('matches the same with or without a segmenter where no word reaches across a name', () => {
    const withWords = new Gazetteer(loadCityDivisions('3709', ['新泰', '青云湖']), additions, createJiebaWords());
    expect(withWords.read('新泰市羊流镇').names.map((m) => m.name)).toEqual(plain.read('新泰市羊流镇').names.map((m) => m.name));
  });
});
