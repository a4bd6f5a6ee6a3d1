import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyRawItem, type RawItem } from '../../../../src/domain/raw-item.js';
import type { SourceRef } from '../../../../src/domain/source.js';
import { decodeBody } from '../../../../src/producers/sources/fetch/decode-body.js';
import { extractArticle } from '../../../../src/producers/sources/pages/extract-article.js';
import { articleIdFor } from '../../../../src/workers/process/dedupe/fingerprint.js';
import { normalizeItem } from '../../../../src/workers/process/normalize/normalize-item.js';
import { EXAMPLES, FIXTURES } from '../../../support/paths.js';

const SOURCE: SourceRef = { id: 'yybnet-test', name: '地方网 测试', channels: [] };
/** Fetch time for every case: 2024-06-01 08:00 China time. */
const FETCHED = '2024-06-01T00:00:00Z';
const FETCHED_CHINA = '2024-06-01T08:00:00+08:00';

function rawFromPage(file: string): RawItem {
  const html = decodeBody(readFileSync(file));
  return extractArticle(html, `file://${file}`);
}

function item(fields: Partial<RawItem>): RawItem {
  return { ...emptyRawItem(), ...fields };
}

describe('normalizeItem on the example pages', () => {
  it.each([
    {
      page: 'feicheng-kexie-20170705.html',
      title: '泰安市成功创建 中国科协创新驱动助力工程示范市',
      url: 'https://www.yybnet.net/taian/feicheng/news/201707/5862101.html',
      publishedAt: '2017-07-05T10:39:00+08:00',
      authors: [{ name: '武建堂', role: '通讯员' }],
      editors: [],
      originalSource: '泰安日报',
      lead: '近日,中国科协2017年创新驱动助力工程试点单位评选揭晓',
    },
    {
      page: 'dongping-laohu-yujiale.html',
      title: '东平县老湖镇：东平湖畔“渔家乐”走出致富新路',
      url: 'https://www.yybnet.net/taian/dongping/news/202404/6940552.html',
      publishedAt: '2024-04-08T07:30:00+08:00',
      authors: [
        { name: '刘芳', role: '记者' },
        { name: '陈刚', role: '通讯员' },
      ],
      editors: [],
      originalSource: '泰安日报',
      lead: '春暖花开，东平湖畔游人渐多。',
    },
    {
      page: 'feicheng-taoyuan-taohua.html',
      title: '肥城市桃园镇：桃花盛开引客来 “赏花经济”热起来',
      url: 'https://www.yybnet.net/taian/feicheng/news/202403/6937245.html',
      publishedAt: '2024-03-26T10:05:00+08:00',
      authors: [{ name: '马强', role: '记者' }],
      editors: [],
      originalSource: '肥城新闻网',
      lead: '3月24日，2024中国·肥城桃花旅游节桃园镇分会场活动开幕。',
    },
    {
      page: 'ningyang-fushan-maitian-chunguan.html',
      title: '宁阳县伏山镇：无人机飞防助力6.8万亩小麦春管',
      url: 'https://www.yybnet.net/taian/ningyang/news/202403/6935388.html',
      publishedAt: '2024-03-18T08:40:00+08:00',
      authors: [{ name: '王晓东', role: '作者' }],
      editors: [],
      originalSource: '宁阳县融媒体中心',
      lead: '眼下正值小麦返青起身的关键时期',
    },
    {
      page: 'taishan-caiyuan-shenghuoquan.html',
      title: '泰山区财源街道打造“15分钟便民生活圈”',
      url: 'https://www.yybnet.net/taian/taishan/news/202405/6952019.html',
      publishedAt: '2024-05-20T16:02:00+08:00',
      authors: [{ name: '赵磊', role: '通讯员' }],
      editors: ['孙静'],
      originalSource: '泰山晚报',
      lead: '5月18日，泰山区财源街道青年路社区便民服务综合体正式投入使用。',
    },
    {
      page: 'xintai-qingyun-laojiu-xiaoqu.html',
      title: '新泰市青云街道12个老旧小区改造项目集中开工',
      url: 'https://www.yybnet.net/taian/xintai/news/202403/6934120.html',
      publishedAt: '2024-03-12T09:15:00+08:00',
      authors: [
        { name: '张伟', role: '记者' },
        { name: '李娜', role: '通讯员' },
      ],
      editors: [],
      originalSource: '新泰新闻网',
      lead: '3月11日上午，新泰市青云街道2024年老旧小区改造项目在府前社区西苑小区集中开工。',
    },
  ])('$page', ({ page, title, url, publishedAt, authors, editors, originalSource, lead }) => {
    const article = normalizeItem(rawFromPage(path.join(EXAMPLES, 'pages', page)), SOURCE, FETCHED);
    expect(article).toMatchObject({ title, url, publishedAt, updatedAt: publishedAt, authors, editors, originalSource });
    expect(article.timeFlags).toEqual([]);
    expect(article.firstSeenAt).toBe(FETCHED_CHINA);
    expect(article.id).toBe(articleIdFor(url));
    expect(article.itemKey).toBe(`${SOURCE.id}:${url}`);
    expect(article.source).toEqual({ id: SOURCE.id, name: SOURCE.name });
    expect(article.language).toBe('zh-CN');
    expect(article.contentText.startsWith(lead)).toBe(true);
    expect(article.summary.startsWith(lead)).toBe(true);
    expect(article.summary.length).toBeLessThanOrEqual(151);
    expect(article.contentHash).toMatch(/^[0-9a-f]{64}$/);
    // The byline paragraph went to authors, not into the text.
    for (const { name } of authors) expect(article.contentText.slice(0, 20)).not.toContain(name);
    // Lazy images got their real, absolute address.
    for (const [, src] of article.contentHtml.matchAll(/<img[^>]*\ssrc="([^"]*)"/g)) {
      expect(src).toMatch(/^https:\/\/www\.yybnet\.net\/uploads\//);
    }
  });

  it('sanitizes the hostile page: no script, handler or javascript: URL, text intact', () => {
    const article = normalizeItem(rawFromPage(path.join(FIXTURES, 'pages', 'hostile-dongping-jieshan.html')), SOURCE, FETCHED);
    expect(article.title).toBe('东平县接山镇：“共富工坊”让群众家门口就业');
    expect(article.publishedAt).toBe('2024-05-20T11:15:00+08:00');
    expect(article.authors).toEqual([{ name: '刘芳', role: '记者' }]);
    expect(article.contentHtml).not.toMatch(/<script|<iframe|<style|\son\w+=|javascript:|evil\.example/i);
    expect(article.contentText).toContain('每个工坊每年可为村集体增收5万元以上');
    expect(article.contentText).not.toContain('脚本生成的垃圾段落');
  });
});

describe('normalizeItem: publication time', () => {
  it.each([
    ['missing', undefined, FETCHED_CHINA, ['missing']],
    ['unparsable', '发布时间不详', FETCHED_CHINA, ['missing']],
    ['an hour ahead of the fetch', '2024-06-01 09:00', FETCHED_CHINA, ['future-clamped']],
    ['a day ahead of the fetch', '2024-06-02T08:00:00+08:00', FETCHED_CHINA, ['future-clamped']],
    ['5 minutes ahead (clock skew)', '2024-06-01 08:05', '2024-06-01T08:05:00+08:00', []],
    ['in China form', '2024年5月31日 18:30', '2024-05-31T18:30:00+08:00', []],
    ['RFC 822 in GMT', 'Fri, 31 May 2024 10:30:00 GMT', '2024-05-31T18:30:00+08:00', []],
    ['relative', '3小时前', '2024-06-01T05:00:00+08:00', []],
  ])('%s → publishedAt and flags', (_, published, publishedAt, timeFlags) => {
    const article = normalizeItem(item({ title: '标题', text: '正文', published }), SOURCE, FETCHED);
    expect(article.publishedAt).toBe(publishedAt);
    expect(article.timeFlags).toEqual(timeFlags);
  });

  it.each([
    ['later than published', '2024-05-31T12:00:00+08:00', '2024-05-31T12:00:00+08:00'],
    ['earlier than published', '2024-05-30T12:00:00+08:00', '2024-05-31T10:00:00+08:00'],
    ['unparsable', '不详', '2024-05-31T10:00:00+08:00'],
  ])('updated %s → updatedAt %s', (_, updated, updatedAt) => {
    const article = normalizeItem(item({ title: '标题', text: '正文', published: '2024-05-31 10:00', updated }), SOURCE, FETCHED);
    expect(article.updatedAt).toBe(updatedAt);
  });
});

describe('normalizeItem: fields from a feed item', () => {
  const feedItem = item({
    guid: 'yybnet-xintai-6939874',
    url: 'https://WWW.YYBNET.NET:443/taian/xintai/news/202404/6939874.html?utm_source=rss&from=timeline#comment',
    title: '  新泰市首条城乡定制公交线路开通\u200b ',
    html: '<p>4月1日，新泰市首条城乡定制公交线路正式开通运营。</p><p><img src="/uploads/bus.jpg"></p>',
    authors: ['xintai@yybnet.net (记者 张伟)'],
    published: 'Tue, 02 Apr 2024 09:10:00 +0800',
  });

  it('canonicalizes the URL and derives the id from it', () => {
    const article = normalizeItem(feedItem, SOURCE, FETCHED);
    expect(article.url).toBe('https://www.yybnet.net/taian/xintai/news/202404/6939874.html');
    expect(article.id).toBe(articleIdFor('https://www.yybnet.net/taian/xintai/news/202404/6939874.html'));
    expect(article.id).toMatch(/^[0-9a-f]{16}$/);
    expect(article.itemKey).toBe(`${SOURCE.id}:yybnet-xintai-6939874`);
  });

  it('cleans the title, parses authors from byline lines, resolves images against the item URL', () => {
    const article = normalizeItem(feedItem, SOURCE, FETCHED);
    expect(article.title).toBe('新泰市首条城乡定制公交线路开通');
    expect(article.authors).toEqual([{ name: '张伟', role: '记者' }]);
    expect(article.publishedAt).toBe('2024-04-02T09:10:00+08:00');
    expect(article.contentHtml).toContain('<img src="https://www.yybnet.net/uploads/bus.jpg" />');
  });

  it.each([
    ['the source summary, as text', '<p>新泰市首条<b>城乡定制公交</b>开通。</p>', '新泰市首条城乡定制公交开通。'],
    ['a generated summary when the source has none', undefined, '4月1日，新泰市首条城乡定制公交线路正式开通运营。'],
  ])('summary: %s', (_, summary, expected) => {
    expect(normalizeItem({ ...feedItem, summary }, SOURCE, FETCHED).summary).toBe(expected);
  });

  it('takes the editors the item names over the byline editor', () => {
    const article = normalizeItem(
      item({ title: '标题', text: '正文', authors: ['（责任编辑：孙静）'], editors: [' 李四 ', '王五', '李四'] }),
      SOURCE,
      FETCHED,
    );
    expect(article.editors).toEqual(['李四', '王五']);
  });

  it('keeps writers the item gives with their roles, and reads its bylines', () => {
    const article = normalizeItem(
      item({ title: '标题', text: '正文', authors: [{ name: ' John Smith ', role: '作者' }, '记者 张伟', { name: '', role: '记者' }] }),
      SOURCE,
      FETCHED,
    );
    expect(article.authors).toEqual([
      { name: 'John Smith', role: '作者' },
      { name: '张伟', role: '记者' },
    ]);
  });

  it('turns plain text into escaped paragraphs', () => {
    const article = normalizeItem(item({ title: '标题', text: '第一段 <b>不是标签</b> & 符号\n\n第二段' }), SOURCE, FETCHED);
    expect(article.contentHtml).toBe('<p>第一段 &lt;b&gt;不是标签&lt;/b&gt; &amp; 符号</p>\n<p>第二段</p>');
    // One line per paragraph, as for HTML items: the blank line between them is not content.
    expect(article.contentText).toBe('第一段 <b>不是标签</b> & 符号\n第二段');
  });

  it('makes a title from the text when the item has none', () => {
    const article = normalizeItem(
      item({ text: '泰安市成功创建中国科协创新驱动助力工程示范市。全国共评出11个地级示范市。' }),
      SOURCE,
      FETCHED,
    );
    expect(article.title).toBe('泰安市成功创建中国科协创新驱动助力工程示范市。');
  });

  it('gives the same content hash to copies that differ only in white space and punctuation', () => {
    const a = normalizeItem(item({ url: 'https://a.example/1', title: 'x', text: '泰安市，成功创建！示范市。' }), SOURCE, FETCHED);
    const b = normalizeItem(item({ url: 'https://b.example/2', title: 'y', text: '泰安市 成功创建 示范市' }), SOURCE, FETCHED);
    expect(a.contentHash).toBe(b.contentHash);
    expect(a.id).not.toBe(b.id);
  });

  it.each([[item({})], [item({ title: '  ', text: ' \n ' })]])('throws when there is neither title nor text (%#)', (raw) => {
    expect(() => normalizeItem(raw, SOURCE, FETCHED)).toThrow(/^normalize:/);
  });

  it('keeps characters XML 1.0 forbids out of contentHtml', () => {
    const article = normalizeItem(item({ title: '标题', html: '<p>正文\u0008含控制字符\u0001</p>' }), SOURCE, FETCHED);
    expect(article.contentHtml).not.toMatch(new RegExp(String.raw`[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]`));
  });

  it('stores no lone surrogate from any field (JSON can carry one, no encoding can store it)', () => {
    const lone = '\ud83d';
    const article = normalizeItem(
      item({
        title: `标题${lone}`,
        html: `<p>正文${lone}</p>`,
        summary: `摘要\udc00`,
        authors: [`作者：IT之家${lone}`],
        editors: [`李四${lone}`],
        originalSource: `泰安日报${lone}`,
      }),
      SOURCE,
      FETCHED,
    );
    const strings = JSON.stringify(article);
    expect(strings).not.toMatch(/\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/i);
    for (const value of [
      article.title,
      article.contentHtml,
      article.contentText,
      article.summary,
      ...article.editors,
      article.originalSource ?? '',
    ]) {
      expect(value.isWellFormed()).toBe(true);
    }
    expect(article.title).toBe('标题\ufffd');
  });

  it('does not take a guid that is not a URL for the article URL', () => {
    const article = normalizeItem(item({ guid: 'county-6942075', title: '新泰市楼德镇：小煎饼做成大产业', text: '正文' }), SOURCE, FETCHED);
    expect(article.url === '' || /^https?:\/\//.test(article.url)).toBe(true);
  });
});

describe('normalizeItem on bylines inside a feed item', () => {
  it('reads a traditional-character byline line and editor line of the text and removes them from the body', () => {
    const article = normalizeItem(
      item({
        title: '新泰市青雲街道老舊小區改造開工',
        html: '<p>（記者 張偉 通訊員 李娜）</p><p>3月12日，青雲街道12個老舊小區改造項目集中開工。</p><p>（責任編輯：汤诗瑶、丁涛）</p>',
      }),
      SOURCE,
      FETCHED,
    );
    expect(article.authors).toEqual([
      { name: '張偉', role: '记者' },
      { name: '李娜', role: '通讯员' },
    ]);
    expect(article.editors).toEqual(['汤诗瑶', '丁涛']);
    expect(article.contentText).toBe('3月12日，青雲街道12個老舊小區改造項目集中開工。');
  });

  it('reads the authors from a byline line of the text and removes it from the body', () => {
    const article = normalizeItem(
      item({
        title: '新泰市青云街道老旧小区改造开工',
        html: '<p>（记者 张伟 通讯员 李娜）</p><p>3月12日，青云街道12个老旧小区改造项目集中开工。</p>',
      }),
      SOURCE,
      FETCHED,
    );
    expect(article.authors).toEqual([
      { name: '张伟', role: '记者' },
      { name: '李娜', role: '通讯员' },
    ]);
    expect(article.contentText).toBe('3月12日，青云街道12个老旧小区改造项目集中开工。');
  });
});
