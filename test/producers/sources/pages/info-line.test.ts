import { describe, expect, it } from 'vitest';
import { choosePublished } from '../../../../src/producers/sources/pages/choose-published.js';
import { findFullDate, findRelativeTime, findYearlessDate } from '../../../../src/producers/sources/pages/date-patterns.js';
import { findIssueDate, findLabelledDate, parseInfoLine } from '../../../../src/producers/sources/pages/info-line.js';
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

  it.each([
    ['2024-03-12 09:15 来源：泰安日报 编辑：汤诗瑶、丁涛', ['编辑：汤诗瑶、丁涛']],
    ['责任编辑：汤诗瑶 丁涛 2024-03-12 09:15', ['责任编辑：汤诗瑶 丁涛']],
    ['编辑：刘晓阳 校对：李铭', ['编辑：刘晓阳']],
    ['责任编辑：孙静 浏览次数：100', ['责任编辑：孙静']],
  ])('keeps every editor of %s', (line, editors) => {
    expect(parseInfoLine(line).editors).toEqual(editors);
  });

  it('reads the traditional labels: 來源, 記者, 通訊員, 責任編輯, 發佈時間', () => {
    const info = parseInfoLine('發佈時間：2024-03-12 09:15 來源：香港文匯報 記者 張偉 通訊員 李娜 責任編輯：陳靜');
    expect(info).toMatchObject({
      date: { text: '2024-03-12 09:15', hasTime: true },
      originalSource: '香港文匯報',
      bylines: ['記者 張偉 通訊員 李娜', '責任編輯：陳靜'],
    });
    expect(findLabelledDate('發布時間：2019-03-06 責任編輯：龍慧')?.text).toBe('2019-03-06');
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
    // 新华网 prints the year, month/day and time in spans of their own.
    ['2024 05/06 08:21:33 来源：新华网', { text: '2024-05-06 08:21:33', hasTime: true }],
    ['2024/05/15', { text: '2024/05/15', hasTime: false }],
    ['发布时间：2024年06月11日 09时35分', { text: '2024年06月11日 09时35分', hasTime: true }],
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

  it.each([
    ['3小时前 · 宁阳县融媒体中心', '3小时前'],
    ['宁阳县融媒体中心 5分钟前', '5分钟前'],
    ['13小时前', '13小时前'],
    ['30秒前', '30秒前'],
    ['2天前 阅读 100', '2天前'],
    ['刚刚 来源：泰安日报', '刚刚'],
    ['剛剛 來源：泰安日報', '剛剛'],
    ['3小時前 · 寧陽縣融媒體中心', '3小時前'],
    ['15分鐘前', '15分鐘前'],
    ['昨天 10:20 来源：泰安日报', '昨天 10:20'],
    ['发布时间：昨天10:20', '昨天 10:20'],
    ['前天 08:00', '前天 08:00'],
    ['今天 09:15', '今天 09:15'],
    ['12月03日 15:40 来源：泰安日报', '12-03 15:40'],
    ['12-03 15:40', '12-03 15:40'],
    ['发布时间：12月3日15:40', '12-3 15:40'],
    ['阅读 2819 次', undefined],
    ['今天是个好日子', undefined],
    ['第3天', undefined],
  ])('findRelativeTime(%s) → %s', (text, expected) => {
    expect(findRelativeTime(text)).toBe(expected);
  });

  it('finds a date labelled 发布日期 after the article, not any date', () => {
    expect(findLabelledDate('发布日期：2019-03-06 责任编辑：龙慧')?.text).toBe('2019-03-06');
    expect(findLabelledDate('上一篇 2019-03-01 某某新闻')).toBeUndefined();
    // An issue line is not a label: the page's issue date is read apart (findIssueDate), away from links and lists.
    expect(findLabelledDate('往期回顾 2019年1月5日 第A01版')).toBeUndefined();
    expect(findIssueDate('《 人民日报 》（ 2024年06月10日 第 10 版）')?.text).toBe('2024年06月10日');
  });
});

describe('choosePublished', () => {
  const meta = (fields: Partial<PageMeta>): PageMeta => ({
    identityUrls: [],
    siteNames: [],
    documentTitle: '',
    authors: [],
    scriptNames: [],
    ...fields,
  });

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

  it.each([
    [
      'a visible date whose day the structured time does not share keeps the visible date',
      { headerText: '发布时间：2024-05-14', meta: meta({ published: '2024-05-15 10:23' }) },
      '2024-05-14',
    ],
    [
      'a structured time in UTC of the same China day adds the minute',
      { headerText: '2024-05-19', meta: meta({ published: '2024-05-18T16:30:00Z' }) },
      '2024-05-18T16:30:00Z',
    ],
    [
      'the datetime of a <time> in the header over its relative text and a disagreeing meta',
      { headerText: '今天 07:20', headerDatetimes: ['2024-05-11T07:20:00+08:00'], meta: meta({ published: '2024-05-12 02:00' }) },
      '2024-05-11T07:20:00+08:00',
    ],
    [
      'a relative visible time gives way to the structured time',
      { headerText: '3小时前 · 宁阳县融媒体中心', meta: meta({ published: '2024-05-11T09:00:00.000Z' }) },
      '2024-05-11T09:00:00.000Z',
    ],
    [
      'a relative visible time when the page has no structured time, as found',
      { headerText: '昨天 10:20 来源：泰安日报', preHeaderText: '2024-05-06 08:21:33', meta: meta({}) },
      '昨天 10:20',
    ],
    ['a yearless visible time when nothing gives its year, as found', { headerText: '12月03日 15:40', meta: meta({}) }, '12-03 15:40'],
    [
      'a full time printed just before the headline, when nothing else gives one',
      { headerText: '', preHeaderText: '2024-05-06 08:21:33 来源：新华网', meta: meta({}) },
      '2024-05-06 08:21:33',
    ],
    [
      'before the headline, the date labelled 发布, not the 成文日期',
      { headerText: '', preHeaderText: '成文日期：2024年04月28日 发布日期：2024年05月15日 公开方式：主动公开', meta: meta({}) },
      '2024年05月15日',
    ],
    [
      "before the headline, an unlabelled date without time is nobody's (a 今天是 clock)",
      { headerText: '', preHeaderText: '今天是2024年5月6日 星期一', meta: meta({}) },
      undefined,
    ],
  ])('%s', (_, evidence, expected) => {
    expect(choosePublished({ trailerText: '', ...evidence })).toBe(expected);
  });

  it('reads a 发布日期 after the body only when nothing else names a date', () => {
    expect(choosePublished({ headerText: '', trailerText: '发布日期：2019-03-06 责任编辑：龙慧', meta: meta({}) })).toBe('2019-03-06');
  });
});
