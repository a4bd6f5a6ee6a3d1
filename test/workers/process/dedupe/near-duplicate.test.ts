import { describe, expect, it } from 'vitest';
import { DEFAULT_DEDUPE_SETTINGS } from '../../../../src/config/config-schema.js';
import { createConverter } from '../../../../src/workers/process/dedupe/opencc-converter.js';
import {
  compareStories,
  createNearDuplicateChecker,
  similarityOf,
  sketchArticleText,
} from '../../../../src/workers/process/dedupe/near-duplicate.js';

const PLACES = ['新泰市', '羊流镇', '楼德镇', '肥城市', '桃园镇', '宁阳县', '磁窑镇'];
const S = DEFAULT_DEDUPE_SETTINGS;

const ORIGINAL = [
  '3月12日，新泰市羊流镇召开2024年安全生产工作会议，全镇36个村居和42家规模以上企业负责人参加会议。',
  '会议通报了今年一季度全镇安全生产检查情况，共排查各类隐患217处，已整改到位198处。',
  '会议要求，各村居、各企业要切实扛牢安全生产主体责任，深入开展隐患排查整治，坚决遏制较大以上事故发生。',
  '镇党委书记王建国在会上强调，要以“时时放心不下”的责任感抓好安全生产各项工作。',
].join('\n');

/** A partner's list of other stories: other towns, other figures. */
const RELATED = ['相关新闻', '· 肥城市桃园镇：2000亩桃花进入盛花期', '· 宁阳县磁窑镇召开2024年安全生产工作会议'].join('\n');
const toTaiwan = createConverter({ from: 'cn', to: 'twp' });

const compare = (a: string, b: string, titleA = '羊流镇召开安全生产工作会议', titleB = titleA) =>
  compareStories(sketchArticleText(titleA, a, PLACES, S), sketchArticleText(titleB, b, PLACES, S), S);

describe('compareStories: the same story', () => {
  const lines = ORIGINAL.split('\n');
  it.each([
    ['an identical repost', ORIGINAL],
    ['a sentence added', `${ORIGINAL}\n会后，与会人员还观看了安全生产警示教育片。`],
    ['a sentence dropped', [lines[0], lines[1], lines[3]].join('\n')],
    ['a truncated copy', ORIGINAL.slice(0, Math.round(ORIGINAL.length * 0.7))],
    [
      'full-width digits and other punctuation',
      ORIGINAL.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
        .replace(/，/g, ',')
        .replace(/“|”/g, '"'),
    ],
    ['traditional characters', ORIGINAL.replace('会议', '會議').replace('安全生产', '安全生產').replace('检查', '檢查')],
    ['Taiwan’s characters and words (opencc-js cn→twp)', toTaiwan(ORIGINAL)],
    ['the first third, with the partner’s 相关新闻 after it', `${ORIGINAL.slice(0, Math.round(ORIGINAL.length * 0.35))}……\n${RELATED}`],
    [
      'the first third in Taiwan’s characters, with its 相關新聞',
      toTaiwan(`${ORIGINAL.slice(0, Math.round(ORIGINAL.length * 0.35))}……\n${RELATED}`),
    ],
  ])('%s', (_case, copy) => {
    const result = compare(ORIGINAL, copy);
    expect(result, result.reason).toMatchObject({ same: true });
  });
});

describe('compareStories: different stories that look alike', () => {
  it('one template, another town', () => {
    const other = ORIGINAL.replaceAll('羊流镇', '楼德镇');
    const result = compare(ORIGINAL, other, '羊流镇召开安全生产工作会议', '楼德镇召开安全生产工作会议');
    const sketches = [ORIGINAL, other].map((text) => sketchArticleText('安全生产工作会议', text, PLACES, S));
    expect(similarityOf(sketches[0]!, sketches[1]!).jaccard).toBeGreaterThan(0.6);
    expect(result.same).toBe(false);
    expect(result.reason).toContain('names different places');
  });

  it('one template, same town, other figures (another month’s meeting)', () => {
    const other = ORIGINAL.replace('3月12日', '6月15日')
      .replace('217', '168')
      .replace('198', '151')
      .replace('36个', '36个')
      .replace('42家', '45家');
    const result = compare(ORIGINAL, other);
    expect(result.same).toBe(false);
    expect(result.reason).toContain('different figures');
  });

  it('a different story on the same topic', () => {
    const other =
      '近日，新泰市羊流镇应急办联合市场监管所对辖区内3家加油站开展安全检查，重点检查消防器材配备和应急预案落实情况，现场督促整改问题5处。';
    expect(compare(ORIGINAL, other).same).toBe(false);
  });

  it('a follow-up that quotes the lead, against a copy of the lead alone under the story’s title', () => {
    const lead = ORIGINAL.split('\n')[0]!;
    const followUp = [
      lead.replace('3月12日，', '今年3月12日，').replace('召开', '召开了').replace('参加会议', '参会'),
      '6月15日，羊流镇又对42家企业开展复查，217处隐患已全部整改到位，复查中新发现问题9处。',
    ].join('\n');
    // The lead is contained in the follow-up (0.85), as a copy cut short is in its story; only the titles tell them apart.
    const result = compare(lead, followUp, '羊流镇召开安全生产工作会议', '羊流镇安全隐患全部整改到位');
    expect(result, result.reason).toMatchObject({ same: false });
    expect(compare(lead, followUp, '羊流镇召开安全生产工作会议', '【新泰】羊流镇召开安全生产工作会议').same).toBe(true);
  });

  it('texts too short to judge', () => {
    expect(compare('羊流镇召开会议。', '羊流镇召开会议。')).toMatchObject({ same: false, reason: 'too short to judge by text' });
  });
});

describe('sketchArticleText', () => {
  it('gives a copy cut to its first half the lead bands of the whole story', () => {
    const whole = sketchArticleText('羊流镇召开安全生产工作会议', ORIGINAL, PLACES, S);
    const third = sketchArticleText(
      '羊流镇召开安全生产工作会议',
      `${ORIGINAL.slice(0, Math.round(ORIGINAL.length / 2))}……\n${RELATED}`,
      PLACES,
      S,
    );
    const lead = (keys: string[]) => keys.filter((key) => Number(key.split('.')[0]) >= S.bands);
    expect(lead(whole.bandKeys)).toHaveLength(S.leadBands);
    expect(lead(third.bandKeys)).toEqual(lead(whole.bandKeys));
  });

  it('does not take the places and figures of a block after the text as its own', () => {
    const sketch = sketchArticleText('羊流镇召开安全生产工作会议', `${ORIGINAL}\n${RELATED}`, [...PLACES, '桃园镇', '磁窑镇'], S);
    expect([...sketch.places].sort()).toEqual(['新泰市', '羊流镇'].sort());
    expect(sketch.numbers.has('2000')).toBe(false);
  });
});

describe('createNearDuplicateChecker', () => {
  const checkFor = createNearDuplicateChecker(PLACES, S);
  it('gives band keys to texts long enough and confirms candidates by their text', () => {
    const check = checkFor({ title: '羊流镇召开安全生产工作会议', contentText: ORIGINAL });
    expect(check.bandKeys).toHaveLength(S.bands + S.leadBands);
    expect(check.isSameStory({ id: 'a', contentHash: 'h1', title: '转载', contentText: `${ORIGINAL}\n（来源：新泰新闻网）` })).toBe(true);
    expect(check.isSameStory({ id: 'b', contentHash: 'h2', title: '另一篇', contentText: ORIGINAL.replaceAll('羊流镇', '楼德镇') })).toBe(
      false,
    );
  });

  it('gives no band keys to a text too short to judge', () => {
    expect(checkFor({ title: '短讯', contentText: '今日无事。' }).bandKeys).toEqual([]);
  });
});
