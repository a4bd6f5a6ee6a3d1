import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../../src/producers/sources/fetch/decode-body.js';
import { extractArticle } from '../../../../src/producers/sources/pages/extract-article.js';
import { normalizeItem } from '../../../../src/workers/process/normalize/normalize-item.js';
import { FIXTURES } from '../../../support/paths.js';

/** Extracts a fixture page with the generic extractor alone and normalizes it, as `syndicator extract` does. */
function extractFixture(name: string) {
  const file = path.join(FIXTURES, 'pages', name);
  const item = extractArticle(decodeBody(readFileSync(file)), `file://${file}`, { rules: false });
  const article = normalizeItem(item, { id: 'fixture', name: 'fixture', channels: [] }, '2024-06-01T00:00:00Z');
  return { item, article };
}

/** One generic behaviour per fixture page: what must come out, and what must not reach the text. */
const CASES = [
  {
    behaviour: 'time from JSON-LD datePublished (nested in @graph) when the page shows none',
    fixture: 'generic-jsonld-time.html',
    title: '岱岳区满庄镇：大棚蔬菜喜获丰收',
    publishedAt: '2023-11-02T09:30:00+08:00',
    authors: [],
    editors: [],
    source: null,
    first: '初冬时节，走进岱岳区满庄镇的蔬菜大棚',
    last: '种植户老张一边装箱一边算起了收入账。',
    absent: ['泰安新闻', 'Copyright', '阅读 1024'],
  },
  {
    behaviour: 'time from a publishdate meta only; headline agreed by h1, <title> and og:title',
    fixture: 'generic-meta-time.html',
    title: '新泰市青云街道开展春季植树活动',
    publishedAt: '2021-03-04T08:09:00+08:00',
    authors: [],
    editors: [],
    source: '新泰新闻网',
    first: '3月3日上午，新泰市青云街道组织机关干部',
    last: '新增绿化面积500亩。',
    absent: ['热点排行', '新泰市首条城乡定制公交', '点击：318'],
  },
  {
    behaviour: 'a 原标题 line at the top and 责任编辑 and 声明 lines at the end leave the text',
    fixture: 'generic-editor-original-title.html',
    title: '泰山景区清明假期接待游客21.3万人次',
    publishedAt: '2024-04-07T18:20:00+08:00',
    authors: [],
    editors: ['孙静'],
    source: '泰安日报',
    first: '记者从泰山景区获悉，清明假期三天',
    last: '将继续优化游客服务，提升游览体验。',
    absent: ['原标题', '责任编辑', '孙静', '声明', '侵权'],
  },
  {
    behaviour: 'a byline with two reporters in the info line',
    fixture: 'generic-two-reporters.html',
    title: '东平湖畔油菜花开 老湖镇迎来赏花客',
    publishedAt: '2024-03-28T10:05:00+08:00',
    authors: [
      { name: '刘芳', role: '记者' },
      { name: '王强', role: '记者' },
    ],
    editors: [],
    source: '东平县融媒体中心',
    first: '连日来，东平县老湖镇沿湖千亩油菜花竞相开放',
    last: '带动乡村旅游发展。',
    absent: ['本报记者'],
  },
  {
    behaviour: 'a related-news list, share bar and comment box inside the body container are dropped',
    fixture: 'generic-related-in-body.html',
    title: '宁阳县伏山镇：无人机飞防助力小麦春管',
    publishedAt: '2024-03-18T08:40:00+08:00',
    authors: [],
    editors: [],
    source: null,
    first: '眼下正值小麦返青起身的关键时期',
    last: '目前已完成春季麦田管理面积48万亩。',
    absent: ['相关阅读', '春季农业技术培训会', '分享到', '微信', '网友评论', '文明上网'],
  },
  {
    behaviour: 'a GBK page (charset=gb2312 meta), info line with 发布时间, 来源 and 作者',
    fixture: 'generic-gbk.html',
    title: '肥城市桃园镇：桃花盛开引客来',
    publishedAt: '2024-03-26T10:05:00+08:00',
    authors: [{ name: '马强', role: '作者' }],
    editors: [],
    source: '肥城新闻网',
    first: '3月24日，2024中国·肥城桃花旅游节桃园镇分会场活动开幕。',
    last: '带动群众增收致富。',
    absent: ['发布时间', '正文'],
  },
  {
    behaviour: 'a self-media post: headline in h2, account name as author, yearless time given its year by a meta',
    fixture: 'generic-self-media.html',
    title: '泰山脚下的民宿火了，周末一房难求',
    publishedAt: '2019-10-08T12:00:00+08:00',
    authors: [{ name: '泰山旅游圈', role: '作者' }],
    editors: [],
    source: null,
    first: '国庆假期刚过，泰山脚下的几家民宿依然人气不减',
    last: '节假日更是一房难求。',
    absent: ['作者最新文章', '老街改造'],
  },
  {
    behaviour: 'a body of <br>-separated runs: photo caption, 原题为 note, credits and QR promo dropped; name/outlet byline',
    fixture: 'generic-br-body.html',
    title: '共享充电宝告别1元时代',
    publishedAt: '2019-09-24T09:10:00+08:00',
    authors: [{ name: '石佳', role: '作者' }],
    editors: ['张珺'],
    source: '中国青年报',
    first: '“以前花一两元就能充满电，前几天一下子被扣了12元。”',
    last: '共享充电宝的需求量会越来越大。',
    absent: ['视觉中国', '原题为', '编辑|王五', '二维码'],
  },
  {
    behaviour: 'a one-paragraph item beats a longer footer of phone numbers; a hidden keyword dump is ignored',
    fixture: 'generic-short-article.html',
    title: '交通运输部：着力打造京津冀综合立体交通网络',
    publishedAt: '2019-09-26T10:56:28+08:00',
    authors: [],
    editors: ['HN666'],
    source: null,
    first: '据财联社9月26日消息',
    last: '下一步将着力打造三地综合立体交通网络。',
    absent: ['举报电话', 'Copyright', '旅游 攻略'],
  },
  {
    behaviour: 'headline in a div.h-title under an empty h1; byline inside the opening paragraph; gallery label dropped',
    fixture: 'generic-inline-byline.html',
    title: '法国全国大罢工再次严重影响交通',
    publishedAt: '2019-12-10T07:57:40+08:00',
    authors: [{ name: '唐霁', role: '记者' }],
    editors: ['尹世杰'],
    source: '新华网',
    first: '新华社巴黎12月9日电（记者唐霁）法国9日再次爆发全国跨行业大罢工',
    last: '总理菲利普将于11日宣布改革的总体架构。',
    absent: ['图集', '+1', '纠错', '阿富汗'],
  },
  // Fetched 2024-06-01 08:00 China time: 昨天 is 31 May, 12月03日 the last 3 December before it.
  {
    behaviour: 'a relative time (昨天 10:20) and traditional labels (來源, 記者, 通訊員, 編輯) in the info line',
    fixture: 'generic-relative-traditional.html',
    title: '東平湖畔油菜花開 老湖鎮迎來賞花客',
    publishedAt: '2024-05-31T10:20:00+08:00',
    authors: [
      { name: '張偉', role: '记者' },
      { name: '李娜', role: '通讯员' },
    ],
    editors: ['汤诗瑶', '丁涛'],
    source: '東平縣融媒體中心',
    first: '連日來，東平縣老湖鎮沿湖千畝油菜花競相開放',
    last: '帶動鄉村旅遊發展。',
    absent: ['來源', '記者'],
  },
  {
    behaviour: 'a date without a year (12月03日 15:40), reporters and a correspondent in the text, two 责任编辑',
    fixture: 'generic-yearless-editors.html',
    title: '宁阳县伏山镇麦田冬管忙',
    publishedAt: '2023-12-03T15:40:00+08:00',
    authors: [
      { name: '王晓东', role: '记者' },
      { name: '孙明', role: '记者' },
      { name: '陈刚', role: '通讯员' },
    ],
    editors: ['汤诗瑶', '丁涛'],
    source: '宁阳县融媒体中心',
    first: '入冬以来，宁阳县伏山镇组织农技人员深入田间地头',
    last: '目前苗情长势良好。',
    absent: ['记者', '责任编辑'],
  },
  {
    behaviour: 'an hours-ago time (3小时前) and an account as 作者',
    fixture: 'generic-hours-ago-author.html',
    title: '泰山区财源街道便民服务综合体投入使用',
    publishedAt: '2024-06-01T05:00:00+08:00',
    authors: [{ name: '泰山旅游圈', role: '作者' }],
    editors: [],
    source: null,
    first: '近日，泰山区财源街道青年路社区便民服务综合体正式投入使用',
    last: '服务周边居民1.2万余人。',
    absent: ['作者'],
  },
];

describe('extractArticle (generic, rules off) on fixture pages', () => {
  it.each(CASES)('$behaviour', ({ fixture, title, publishedAt, authors, editors, source, first, last, absent }) => {
    const { article } = extractFixture(fixture);
    expect(article.title).toBe(title);
    expect(article.publishedAt).toBe(publishedAt);
    expect(article.timeFlags).toEqual([]);
    expect(article.authors).toEqual(authors);
    expect(article.editors).toEqual(editors);
    expect(article.originalSource).toBe(source);
    expect(article.contentText.startsWith(first)).toBe(true);
    expect(article.contentText.endsWith(last)).toBe(true);
    for (const text of absent) expect(article.contentText).not.toContain(text);
  });

  it('keeps every line of a <br>-separated body as its own paragraph', () => {
    const { article } = extractFixture('generic-br-body.html');
    expect(article.contentText.split('\n')).toEqual([
      '“以前花一两元就能充满电，前几天一下子被扣了12元。”吴翔宇自称是共享充电宝的长期用户。',
      '共享充电宝告别1元时代',
      '你还记得，上一次还共享充电宝被扣了多少钱吗？',
      '业内人士分析，共享充电宝的需求量会越来越大。',
    ]);
    expect(article.contentHtml).toMatch(/<img [^>]*src="[^"]*\/img\/1\.jpg"/);
  });

  it('gives the raw byline lines as the page words them', () => {
    expect(extractFixture('generic-two-reporters.html').item.authors).toEqual(['本报记者 刘芳 王强']);
    expect(extractFixture('generic-editor-original-title.html').item.authors).toEqual(['（责任编辑：孙静）']);
  });
});

describe('extractArticle on page shapes without a fixture file', () => {
  it('finds the article of an ASP.NET page that wraps everything in one <form>', () => {
    const html = `<html><head><title>泰安举办读书节_示例网</title></head><body><form id="form1" method="post">
      <div class="nav"><a href="/">首页</a></div><h1>泰安举办读书节</h1><div class="info">2024-04-23 09:00 来源：泰安日报</div>
      <div class="text"><p>4月23日，泰安市第十届全民读书节开幕，活动持续一个月，共安排各类阅读活动200余场。</p>
      <p>开幕式上，主办方向基层图书馆捐赠图书1万册。</p><form class="comment"><p>发表评论：请文明上网</p></form></div>
    </form></body></html>`;
    const item = extractArticle(html, 'https://www.example.com/news/1.aspx');
    expect(item.title).toBe('泰安举办读书节');
    expect(item.published).toBe('2024-04-23 09:00');
    expect(item.html).toContain('主办方向基层图书馆捐赠图书1万册。');
    expect(item.html).not.toMatch(/<form|发表评论/);
  });

  it('drops the headline and info line when the body container holds them', () => {
    const html = `<html><head><title>泰安举办读书节 - 示例网</title></head><body><article class="post">
      <h1>泰安举办读书节</h1><p class="info">2024-04-23 09:00 来源：泰安日报 记者 王五</p>
      <p>4月23日，泰安市第十届全民读书节开幕，活动持续一个月，共安排各类阅读活动200余场。</p>
      <p>开幕式上，主办方向基层图书馆捐赠图书1万册。</p><p>（责任编辑：赵六）</p></article></body></html>`;
    const item = extractArticle(html, 'https://www.example.com/news/1.html');
    expect(item.authors).toEqual(['（责任编辑：赵六）', '记者 王五']);
    expect(item.originalSource).toBe('泰安日报');
    expect(item.html).not.toMatch(/泰安举办读书节|来源|赵六/);
    expect(item.html).toContain('4月23日，泰安市第十届全民读书节开幕');
  });
});
