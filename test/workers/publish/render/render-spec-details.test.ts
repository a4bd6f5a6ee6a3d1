import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../../../src/domain/article.js';
import { channelFeed, partnerFeed, type FeedCatalogSettings } from '../../../../src/domain/feed-catalog.js';
import { renderPage } from '../../../../src/workers/publish/render-page.js';
import { makeArticle } from '../../../support/articles.js';
import { testChannel } from '../../../support/channels.js';

const SETTINGS: FeedCatalogSettings = {
  site: { name: '地方网 泰安', publicUrl: 'https://news.example.com', language: 'zh-CN' },
  channels: [testChannel('xintai', '新泰新闻', ['370982']), testChannel('ningyang', '宁阳新闻', ['370921'], { publicContent: 'summary' })],
  sources: [],
  partners: [],
  limit: 50,
  hub: 'https://hub.example.com/publish',
};
const HOSTILE = '泰安\u0000新闻\u0008 \u000B\u001F\uFFFE\uD800 \u0085\u0090 结束';
const XINTAI = makeArticle({
  url: 'https://www.yybnet.net/xintai/1.html',
  contentText: '新泰市羊流镇春季植树',
  authors: [
    { name: '张伟', role: '记者' },
    { name: '李娜', role: '通讯员' },
  ],
});
const NINGYANG = makeArticle({
  url: 'https://www.yybnet.net/ningyang/2.html',
  contentText: '宁阳县伏山镇麦田春管',
  title: '宁阳县伏山镇：无人机飞防 & <b>助力</b>',
  summary: '宁阳县伏山镇麦田春管 & 飞防',
  channels: [{ id: 'ningyang', score: 5, evidence: [{ name: '宁阳县', where: 'title', division: '370921', weight: 3 }] }],
  authors: [],
  publishedAt: '2024-03-11T08:00:00+08:00',
  updatedAt: '2024-03-11T08:00:00+08:00',
  firstSeenAt: '2024-03-11T08:00:00+08:00',
});
const DIRTY = makeArticle({
  url: 'https://www.yybnet.net/xintai/3.html',
  contentText: '正文',
  title: HOSTILE,
  summary: HOSTILE,
  contentHtml: `<p>${HOSTILE}</p>`,
  authors: [{ name: HOSTILE, role: '作者' }],
});

/** Page 2 of 5 (10 items, 2 a page) of the public xintai feed: every paging link is present. */
const publicPage = (articles: Article[]) => renderPage(channelFeed(SETTINGS, 'xintai'), { limit: 2, page: 2 }, 10, articles);
const text = (articles: Article[], format: 'rss' | 'atom' | 'json') => publicPage(articles)[format].body.toString('utf8');
/** What no feed may contain: what XML 1.0 forbids, lone surrogates, and the C1 controls it discourages (but NEL). */
const FORBIDDEN = new RegExp(String.raw`[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF\u007F-\u0084\u0086-\u009F]`);
/** The items of a JSON Feed document. */
const jsonFeedItems = (body: Buffer | string) =>
  (JSON.parse(body.toString()) as { items: { title: string; content_html: string }[] }).items;

describe('feed documents: links', () => {
  it('RSS names self, hub and the RFC 5005 first/previous/next/last pages as atom:link', () => {
    const xml = text([XINTAI], 'rss');
    for (const [rel, href] of [
      ['self', 'https://news.example.com/feeds/xintai.rss?limit=2&amp;page=2'],
      ['hub', 'https://hub.example.com/publish'],
      ['first', 'https://news.example.com/feeds/xintai.rss?limit=2'],
      ['previous', 'https://news.example.com/feeds/xintai.rss?limit=2'],
      ['next', 'https://news.example.com/feeds/xintai.rss?limit=2&amp;page=3'],
      ['last', 'https://news.example.com/feeds/xintai.rss?limit=2&amp;page=5'],
    ]) {
      expect(xml).toMatch(new RegExp(`<atom:link href="${href!.replace(/[?.]/g, '\\$&')}" rel="${rel}"`));
    }
  });

  it('Atom names alternate, self, hub and the paging links, and its language', () => {
    const xml = text([XINTAI], 'atom');
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">');
    expect(xml).toContain('<link rel="alternate" href="https://news.example.com/"/>');
    expect(xml).toContain('<link rel="self" href="https://news.example.com/feeds/xintai.atom?limit=2&amp;page=2"/>');
    expect(xml).toContain('<link rel="hub" href="https://hub.example.com/publish"/>');
    expect(xml).toContain('<link rel="next" href="https://news.example.com/feeds/xintai.atom?limit=2&amp;page=3"/>');
    expect(xml).toContain('<link rel="previous" href="https://news.example.com/feeds/xintai.atom?limit=2"/>');
    expect(xml).toContain('<link rel="first" href="https://news.example.com/feeds/xintai.atom?limit=2"/>');
    expect(xml).toContain('<link rel="last" href="https://news.example.com/feeds/xintai.atom?limit=2&amp;page=5"/>');
  });

  it('JSON Feed names feed_url, next_url and the WebSub hub', () => {
    const json = JSON.parse(text([XINTAI], 'json')) as Record<string, unknown>;
    expect(json.feed_url).toBe('https://news.example.com/feeds/xintai.json?limit=2&page=2');
    expect(json.next_url).toBe('https://news.example.com/feeds/xintai.json?limit=2&page=3');
    expect(json.hubs).toEqual([{ type: 'WebSub', url: 'https://hub.example.com/publish' }]);
  });

  it('the last page has no next link, and a partner feed names no hub', () => {
    const last = renderPage(partnerFeed(SETTINGS, { id: 'daily', name: '新泰日报' }, 'xintai'), { limit: 2, page: 5 }, 10, [XINTAI]);
    const atom = last.atom.body.toString('utf8');
    expect(atom).not.toContain('rel="next"');
    expect(atom).not.toContain('rel="hub"');
    expect(atom).toContain('<link rel="self" href="https://news.example.com/feeds/partner/daily/xintai.atom?limit=2&amp;page=5"/>');
    expect(JSON.parse(last.json.body.toString('utf8'))).not.toHaveProperty('next_url');
  });
});

describe('feed documents: content', () => {
  it.each(['rss', 'atom', 'json'] as const)('%s: drops every character XML forbids and still parses', async (format) => {
    const body = text([DIRTY], format);
    expect(body).not.toMatch(FORBIDDEN);
    expect(body).toContain('泰安新闻');
    if (format === 'json') expect(() => JSON.parse(body) as unknown).not.toThrow();
    else expect((await new Parser().parseString(body)).items).toHaveLength(1);
  });

  it('public feeds carry only the summary of an article in a summary-only channel; partner feeds carry all', () => {
    const pub = publicPage([NINGYANG]);
    expect(pub.rss.body.toString()).not.toContain('content:encoded');
    expect(pub.atom.body.toString()).not.toContain('<content');
    expect(jsonFeedItems(pub.json.body)[0]!.content_html).toBe('<p>宁阳县伏山镇麦田春管 &amp; 飞防</p>');
    const partner = renderPage(partnerFeed(SETTINGS, { id: 'daily', name: '新泰日报' }, 'ningyang'), { limit: 2, page: 1 }, 1, [NINGYANG]);
    expect(partner.atom.body.toString()).toContain(`<content type="html"><![CDATA[${NINGYANG.contentHtml}]]></content>`);
    expect(jsonFeedItems(partner.json.body)[0]!.content_html).toBe(NINGYANG.contentHtml);
  });

  it('escapes titles for Atom type="html", keeps them plain in RSS and JSON', async () => {
    const atom = text([NINGYANG], 'atom');
    expect(atom).toContain('<![CDATA[宁阳县伏山镇：无人机飞防 &amp; &lt;b&gt;助力&lt;/b&gt;]]>');
    expect((await new Parser().parseString(text([NINGYANG], 'rss'))).items[0]!.title).toBe(NINGYANG.title);
    expect(jsonFeedItems(text([NINGYANG], 'json'))[0]!.title).toBe(NINGYANG.title);
  });

  it('RSS gives pubDate in RFC 822 form, a non-permalink guid and authors as dc:creator', async () => {
    const xml = text([XINTAI], 'rss');
    expect(xml).toMatch(
      /<pubDate>(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT<\/pubDate>/,
    );
    expect(xml).toContain(`<guid isPermaLink="false">urn:syndicator:article:${XINTAI.id}</guid>`);
    expect(xml).not.toContain('<author>');
    const item = (await new Parser().parseString(xml)).items[0]!;
    expect(item.creator).toBe('张伟');
    expect(xml.match(/<dc:creator>/g)).toHaveLength(2);
  });

  it('declares the dc namespace also when no item has content', () => {
    expect(text([NINGYANG, { ...XINTAI, channels: NINGYANG.channels }], 'rss')).toContain('xmlns:dc="http://purl.org/dc/elements/1.1/"');
  });

  it('gives every Atom category a term (RFC 4287 §4.2.2.1)', () => {
    expect(text([XINTAI], 'atom')).toContain('<category label="xintai" term="xintai"/>');
  });

  it("keeps an article's id across an update of its title and content", () => {
    const updated = { ...XINTAI, title: `${XINTAI.title}（更新）`, contentHtml: '<p>更正</p>', updatedAt: '2024-03-13T08:00:00+08:00' };
    const ids = (articles: Article[]) => (JSON.parse(text(articles, 'json')) as { items: { id: string }[] }).items.map((item) => item.id);
    expect(ids([updated])).toEqual(ids([XINTAI]));
    expect(text([updated], 'atom')).toContain(`<id>urn:syndicator:article:${XINTAI.id}</id>`);
  });

  it("moves Last-Modified when an item that is old by its source's clock reaches the feed", () => {
    const before = publicPage([XINTAI]).atom.lastModified;
    const late = makeArticle({
      url: 'https://x.cn/late.html',
      contentText: '补发',
      publishedAt: '2024-01-01T08:00:00+08:00',
      updatedAt: '2024-01-01T08:00:00+08:00',
      firstSeenAt: '2024-04-01T08:00:00+08:00',
    });
    const after = publicPage([XINTAI, late]).atom.lastModified;
    expect(Date.parse(after)).toBeGreaterThan(Date.parse(before));
    expect(after).toBe('Mon, 01 Apr 2024 00:00:00 GMT');
  });
});
