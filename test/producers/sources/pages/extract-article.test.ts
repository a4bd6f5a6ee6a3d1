import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../../src/producers/sources/fetch/decode-body.js';
import { extractArticle } from '../../../../src/producers/sources/pages/extract-article.js';
import { EXAMPLES, FIXTURES } from '../../../support/paths.js';

function extract(file: string, pageUrl = `file://${file}`) {
  return extractArticle(decodeBody(readFileSync(file)), pageUrl);
}

const Y = 'https://www.yybnet.net/taian';

/** Page furniture that must never reach the body. */
const FURNITURE = [
  '新闻推荐',
  '猜你喜欢',
  '热点排行',
  '热点阅读',
  '频道推荐',
  '乡里乡亲',
  '分享到',
  '评论',
  'Copyright',
  '相关新闻',
  '文明上网',
];
/** The 热点排行 sidebar headlines, the same on every page. */
const HOT_RANK = [
  '泰安市春季重点项目集中开工 126个项目总投资385亿元',
  '清明假期泰山景区接待游客21.3万人次',
  '泰安城区新增3条公交线路 6月1日起开通运营',
  '岱岳区满庄镇：大棚里的“春耕图”',
  '泰安高新区一季度新签约项目12个 总投资86亿元',
  '泰安市2024年中考招生政策公布 这些变化要注意',
  '新泰市首条城乡定制公交线路开通',
  '东平湖畔油菜花开 老湖镇迎来赏花客',
];

const PAGES = [
  {
    file: 'feicheng-kexie-20170705.html',
    title: '泰安市成功创建 中国科协创新驱动助力工程示范市',
    url: `${Y}/feicheng/news/201707/5862101.html`,
    date: '2017-07-05 10:39',
    originalSource: '泰安日报',
    byline: '武建堂',
    place: '肥城新闻',
    first: '近日,中国科协2017年创新驱动助力工程试点单位评选揭晓,泰安市被选为中国科协2017年创新驱动助力工程示范市。',
    last: '培植10个与产业紧密结合的市级骨干学会,为建设富裕文明幸福新泰安作出积极贡献。',
  },
  {
    file: 'dongping-laohu-yujiale.html',
    title: '东平县老湖镇：东平湖畔“渔家乐”走出致富新路',
    url: `${Y}/dongping/news/202404/6940552.html`,
    date: '2024-04-08 07:30',
    originalSource: '泰安日报',
    byline: '刘芳',
    place: '东平新闻',
    first: '春暖花开，东平湖畔游人渐多。4月6日，在东平县老湖镇周林村的“湖畔人家”渔家乐',
    last: '“下一步，我们将把渔家乐与研学、湿地观鸟、非遗展示结合起来，让游客留得下、住得下。”老湖镇党委有关负责人表示。',
  },
  {
    file: 'feicheng-taoyuan-taohua.html',
    title: '肥城市桃园镇：桃花盛开引客来 “赏花经济”热起来',
    url: `${Y}/feicheng/news/202403/6937245.html`,
    date: '2024-03-26 10:05',
    originalSource: '肥城新闻网',
    byline: '马强',
    place: '肥城新闻',
    first: '3月24日，2024中国·肥城桃花旅游节桃园镇分会场活动开幕。',
    last: '把“一季花”变成“四季游”，带动群众增收致富。',
  },
  {
    file: 'ningyang-fushan-maitian-chunguan.html',
    title: '宁阳县伏山镇：无人机飞防助力6.8万亩小麦春管',
    url: `${Y}/ningyang/news/202403/6935388.html`,
    date: '2024-03-18 08:40',
    originalSource: '宁阳县融媒体中心',
    byline: '王晓东',
    place: '宁阳新闻',
    first: '眼下正值小麦返青起身的关键时期，宁阳县伏山镇抢抓农时',
    last: '据了解，宁阳县今年小麦播种面积63.5万亩，目前全县已完成春季麦田管理面积48万亩，小麦苗情总体好于常年。',
  },
  {
    file: 'taishan-caiyuan-shenghuoquan.html',
    title: '泰山区财源街道打造“15分钟便民生活圈”',
    url: `${Y}/taishan/news/202405/6952019.html`,
    date: '2024-05-20 16:02',
    originalSource: '泰山晚报',
    byline: '赵磊',
    place: '泰安新闻',
    first: '5月18日，泰山区财源街道青年路社区便民服务综合体正式投入使用。',
    last: '据了解，财源街道计划年底前实现辖区14个社区便民生活圈全覆盖。',
  },
  {
    file: 'xintai-qingyun-laojiu-xiaoqu.html',
    title: '新泰市青云街道12个老旧小区改造项目集中开工',
    url: `${Y}/xintai/news/202403/6934120.html`,
    date: '2024-03-12 09:15',
    originalSource: '新泰新闻网',
    byline: '张伟',
    place: '新泰新闻',
    first: '3月11日上午，新泰市青云街道2024年老旧小区改造项目在府前社区西苑小区集中开工。',
    last: '近三年来，青云街道已累计完成老旧小区改造41个，惠及居民6200余户。',
  },
];

describe('extractArticle on the example pages', () => {
  it.each(PAGES)('$file', ({ file, title, url, date, originalSource, byline, place, first, last }) => {
    const item = extract(path.join(EXAMPLES, 'pages', file));
    expect(item.title).toBe(title);
    expect(item.url).toBe(url);
    expect(item.published).toContain(date);
    expect(item.originalSource).toBe(originalSource);
    expect(item.authors.some((line) => typeof line === 'string' && line.includes(byline))).toBe(true);
    expect(item.placeHints).toContain(place);
    expect(item.placeHints).not.toContain('正文');
    const html = item.html ?? '';
    expect(html).toContain(first);
    expect(html).toContain(last);
    // The byline paragraph went to authors, not into the body.
    for (const line of item.authors) expect(html).not.toContain(line);
    for (const marker of [...FURNITURE, ...HOT_RANK]) expect(html).not.toContain(marker);
    expect(html).not.toMatch(/<script|<style|<form|<textarea/i);
  });

  it('gives the kexie page exactly the expected fields', () => {
    const item = extract(path.join(EXAMPLES, 'pages', 'feicheng-kexie-20170705.html'));
    expect(item.title).toBe('泰安市成功创建 中国科协创新驱动助力工程示范市');
    expect(item.published).toContain('2017-07-05 10:39');
    expect(item.originalSource).toBe('泰安日报');
    expect(item.authors).toEqual(['□通讯员 武建堂']);
    expect(item.placeHints).toEqual(['地方网', '山东', '泰安市', '肥城新闻']);
    expect(item.html).toContain('data-original="/uploads/2017/07/kexie.jpg"');
  });

  it('keeps the 责任编辑 line with the bylines (normalize parses the editor)', () => {
    const item = extract(path.join(EXAMPLES, 'pages', 'taishan-caiyuan-shenghuoquan.html'));
    expect(item.authors).toEqual(['通讯员：赵磊', '（责任编辑：孙静）']);
    expect(item.html).not.toContain('孙静');
  });

  it.each([
    ['dongping-laohu-yujiale.html', '□记者 刘芳 通讯员 陈刚'],
    ['ningyang-fushan-maitian-chunguan.html', '文/王晓东'],
    ['xintai-qingyun-laojiu-xiaoqu.html', '（记者 张伟 通讯员 李娜）'],
    ['feicheng-taoyuan-taohua.html', '记者 马强'],
  ])('%s: byline line as found: %s', (file, line) => {
    expect(extract(path.join(EXAMPLES, 'pages', file)).authors).toEqual([line]);
  });

  it('falls back to the article:published_time meta when the info line has no date', () => {
    const html = readFileSync(path.join(EXAMPLES, 'pages', 'feicheng-taoyuan-taohua.html'), 'utf8')
      .replace('<span class="time">2024-03-26 10:05</span>', '')
      .replace('</head>', '<meta property="article:published_time" content="2024-03-26T10:05:00+08:00">\n</head>');
    expect(extractArticle(html, 'https://www.yybnet.net/').published).toBe('2024-03-26T10:05:00+08:00');
  });

  it('uses the page URL when there is no canonical link', () => {
    const html = readFileSync(path.join(EXAMPLES, 'pages', 'feicheng-taoyuan-taohua.html'), 'utf8').replace(
      /<link rel="canonical"[^>]*>/,
      '',
    );
    expect(extractArticle(html, 'https://m.yybnet.net/a/6937245.html').url).toBe('https://m.yybnet.net/a/6937245.html');
  });
});

describe('extractArticle on a hostile page', () => {
  const file = path.join(FIXTURES, 'pages', 'hostile-dongping-jieshan.html');
  const item = extract(file, `${Y}/dongping/news/202405/6952486.html?utm_source=x`);
  const html = item.html ?? '';

  it('still finds title, canonical URL, time, source, byline and breadcrumb', () => {
    expect(item.title).toBe('东平县接山镇：“共富工坊”让群众家门口就业');
    expect(item.url).toBe(`${Y}/dongping/news/202405/6952486.html`);
    expect(item.published).toBe('2024年5月20日 11:15');
    expect(item.originalSource).toBe('东平县融媒体中心');
    expect(item.authors).toEqual(['（记者 刘芳）']);
    expect(item.placeHints).toEqual(['地方网', '泰安市', '东平新闻']);
  });

  it.each([
    ['the first paragraph', '5月18日，在东平县接山镇朝阳庄村的“共富工坊”里'],
    ['the middle paragraph', '建成“共富工坊”15处，带动600余名群众在家门口就业。'],
    ['the last paragraph', '村民在家门口实现了就业增收两不误。'],
  ])('keeps %s', (_, text) => {
    expect(html).toContain(text);
  });

  it.each([
    ['scripts', /<script|document\.cookie|脚本生成的垃圾/],
    ['iframes and their text', /<iframe|隐藏框架里的文字|iframe 广告内容/],
    ['styles', /<style|color: red/],
    ['noscript text', /请启用JavaScript/],
    ['the 120-link navigation', /泰安频道栏目导航/],
    ['the share bar', /分享到/],
    ['the 热点排行 sidebar', /热点排行|清明假期泰山景区接待游客/],
    ['the fake title written by a script', /脚本写入的假标题/],
  ])('drops %s', (_, pattern) => {
    expect(html).not.toMatch(pattern);
  });
});

describe('extractArticle: names below the article', () => {
  const page = (after: string) =>
    `<html><body><article><h1>泰山区老街巷完成微更新改造</h1><div class="meta">2024-05-28 15:30</div>` +
    `<div class="text"><p>${'经过一年多的改造，岱庙街道的老街巷换了新颜，保留了原有的青石板路和灰砖黛瓦。'.repeat(4)}</p>` +
    `<p>${'改造后的街巷引入了非遗工坊和特色书店，吸引不少年轻人前来打卡。'.repeat(3)}</p></div>` +
    `<div class="share">分享到：微信 微博</div></article>${after}</body></html>`;

  it('takes the writer from an author card after the share bar when no byline names one', () => {
    const item = extractArticle(page('<div class="author-card"><span>作者</span><span class="author-name">刘晓燕</span></div>'), Y);
    expect(item.authors).toEqual(['作者：刘晓燕']);
  });

  it.each([
    ['a .comment-author', '<div class="comments"><div class="comment-author">网友小王</div><p>写得好</p></div>'],
    [
      'an author inside a comment list',
      '<div class="comment-list"><div class="item"><span class="author">网友小王</span>写得好</div></div>',
    ],
    [
      'the writer of a related article',
      '<div class="related"><ul><li><a href="/a/2.html">另一篇文章</a><span class="author">李四</span></li></ul></div>',
    ],
  ])('never takes %s for the writer', (_, after) => {
    expect(extractArticle(page(after), Y).authors).toEqual([]);
  });

  it.each([
    ['an avatar with an author class beside the name', '<div class="author"><img class="author-avatar" src="/a.png">张三</div>'],
    ['an author image and a plain span', '<div class="author-info"><img class="author-img" src="/a.png"><span>张三</span></div>'],
  ])('reads the name of an author box in the header with %s', (_, box) => {
    const html = page('').replace('<div class="meta">2024-05-28 15:30</div>', `<div class="meta">2024-05-28 15:30 ${box}</div>`);
    expect(extractArticle(html, Y).authors).toEqual(['作者：张三']);
  });
});

describe('extractArticle: an issue date away from the headline', () => {
  const page = (bar: string, text: string, aside = '') =>
    `<html><body>${aside}<div class="bar">${bar}</div><div class="main"><h2>东平湖畔柳编老手艺焕发新活力</h2><div class="nr">` +
    `<p>${text}${'走进州城街道的一家柳编合作社，十几名妇女围坐在一起，手中的柳条上下翻飞。'.repeat(3)}</p>` +
    `<p>${'合作社负责人介绍，现在订单不断，产品销往欧美、日韩等国家和地区。'.repeat(3)}</p></div></div></body></html>`;

  it('dates an e-paper page by its edition bar', () => {
    expect(extractArticle(page('泰安日报　2024年6月18日　星期二　第A03版：区域新闻', ''), Y).published).toBe('2024年6月18日');
  });

  it('never dates a page by an issue the text mentions, or by a link to another edition', () => {
    expect(extractArticle(page('', '本报2023年5月3日第4版刊发的报道引起关注。'), Y).published).toBeUndefined();
    const past = '<ul class="past"><li><a href="/2019-01/05/A01.html">往期回顾 2019年1月5日 第A01版</a></li></ul>';
    // Above the headline, and after the text.
    expect(extractArticle(page('', '', past), Y).published).toBeUndefined();
    expect(extractArticle(page('', '').replace('</body>', `${past}</body>`), Y).published).toBeUndefined();
  });
});
