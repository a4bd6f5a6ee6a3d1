import { describe, expect, it } from 'vitest';
import { choosePublished } from '../../../../src/producers/sources/pages/choose-published.js';
import { findFullDate, findYearlessDate } from '../../../../src/producers/sources/pages/date-patterns.js';
import { findLabelledDate, parseInfoLine } from '../../../../src/producers/sources/pages/info-line.js';
import type { PageMeta } from '../../../../src/producers/sources/pages/read-page-meta.js';

describe('parseInfoLine', () => {
  it.each([
    ['来源:泰安日报 2017-07-05 10:39 https://www.yybnet.net/', '2017-07-05 10:39', '泰安日报', []],
    ['2019-09-26 12:11来源：证券时报网作者：李在山', '2019-09-26 12:11', '证券时报网', ['作者：李在山']],
    ['2019年06月15日08:18 来源：人民网-文化频道 分享到：', '2019年06月15日08:18', '人民网-文化频道', []],
    ['澎湃新闻记者 贺梨萍 2020-06-06 10:08 来源：澎湃新闻 字号', '2020-06-06 10:08', '澎湃新闻', ['记者 贺梨萍']],
    ['石佳/中国青年报 2019-09-24 09:10 字号 超大', '2019-09-24 09:10', '中国青年报', ['作者：石佳']],
    [
      '发布日期: 2021-01-05 信息来源: 中国空间技术研究院、中国运载火箭技术研究院等 字号:',
      '2021-01-05',
      '中国空间技术研究院、中国运载火箭技术研究院等',
      [],
    ],
    ['泰山旅游圈 发布时间：10-08 12:00', undefined, undefined, []],
    ['2019-09-07 13:43:45 来源: 证券市场红周刊 责任编辑：杨倩_NF4425', '2019-09-07 13:43:45', '证券市场红周刊', ['责任编辑：杨倩_NF4425']],
  ])('%s', (line, date, source, bylines) => {
    const info = parseInfoLine(line);
    expect(info.date?.text).toBe(date);
    expect(info.originalSource).toBe(source);
    expect(info.bylines).toEqual(bylines);
  });

  it('never takes a label word after 记者 for a name', () => {
    expect(parseInfoLine('泰山小记者 发布时间：10-08 12:00').bylines).toEqual([]);
  });
});

describe('date patterns', () => {
  it.each([
    ['2017-07-05 10:39', { text: '2017-07-05 10:39', hasTime: true }],
    ['2019年09月11日 富达传媒', { text: '2019年09月11日', hasTime: false }],
    ['最后更新: 2019-09-07 15:14:21', { text: '2019-09-07 15:14:21', hasTime: true }],
    ['阅读 2819 次', undefined],
  ])('findFullDate(%s)', (text, expected) => {
    expect(findFullDate(text)).toEqual(expected);
  });

  it.each([
    ['发布时间：10-0812:00', '2019-10-08 12:00:57', '2019-10-08 12:00'],
    ['发布时间：09-30 22:46', '2019-09-30', '2019-09-30 22:46'],
    ['发布时间：18-03-0823:16', undefined, '2018-03-08 23:16'],
    ['发布时间：10-08 12:00', undefined, undefined],
  ])('findYearlessDate(%s, %s) → %s', (text, reference, expected) => {
    expect(findYearlessDate(text, reference)).toBe(expected);
  });

  it('finds a date labelled 发布日期 after the article, not any date', () => {
    expect(findLabelledDate('发布日期：2019-03-06 责任编辑：龙慧')?.text).toBe('2019-03-06');
    expect(findLabelledDate('上一篇 2019-03-01 某某新闻')).toBeUndefined();
  });
});

describe('choosePublished', () => {
  const meta = (fields: Partial<PageMeta>): PageMeta => ({ identityUrls: [], siteNames: [], documentTitle: '', ...fields });

  it.each([
    ['the visible date and time over a disagreeing meta', '2019-09-07 19:02', meta({ published: '2019-9-7 21:30:50' }), '2019-09-07 19:02'],
    [
      'the meta time over a visible date without time',
      '2019-06-15',
      meta({ published: '2019-06-15T08:18:00+08:00' }),
      '2019-06-15T08:18:00+08:00',
    ],
    ['a visible date without time when there is no meta', '发布日期: 2012-06-24', meta({}), '2012-06-24'],
    [
      'a yearless visible time with the year of the modified meta',
      '发布时间：01-1417:58',
      meta({ modified: '2020-01-14 17:58:59' }),
      '2020-01-14 17:58',
    ],
    ['nothing without evidence', '阅读 100', meta({}), undefined],
  ])('%s', (_, headerText, pageMeta, expected) => {
    expect(choosePublished({ headerText, trailerText: '', meta: pageMeta })).toBe(expected);
  });

  it('prefers the time element a site rule names', () => {
    const evidence = { ruleText: '2021-02-18 07:02:10 来源: 松科说娱乐', headerText: '2020-01-01 00:00', trailerText: '', meta: meta({}) };
    expect(choosePublished(evidence)).toBe('2021-02-18 07:02:10');
  });

  it('reads a 发布日期 after the body only when nothing else names a date', () => {
    expect(choosePublished({ headerText: '', trailerText: '发布日期：2019-03-06 责任编辑：龙慧', meta: meta({}) })).toBe('2019-03-06');
  });
});
