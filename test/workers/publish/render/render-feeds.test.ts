import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../../../src/domain/article.js';
import { pageLinks } from '../../../../src/domain/feed-paging.js';
import { renderFeeds, type FeedMeta } from '../../../../src/workers/publish/render/render-feeds.js';

const BASE = 'https://news.example.com/feeds/taian';
const SELF = { rss: `${BASE}.rss`, atom: `${BASE}.atom`, json: `${BASE}.json` };
const META: FeedMeta = {
  id: BASE,
  title: '泰安新闻',
  description: '地方网泰安频道：泰安市及各县（市、区）最新新闻资讯',
  homeUrl: 'https://news.example.com/channels/taian',
  links: {
    rss: pageLinks(BASE, 'rss', { limit: 50, page: 1 }, 1, 50),
    atom: pageLinks(BASE, 'atom', { limit: 50, page: 1 }, 1, 50),
    json: pageLinks(BASE, 'json', { limit: 50, page: 1 }, 1, 50),
  },
  language: 'zh-CN',
  author: '地方网 泰安',
  emptySince: '2024-01-01T00:00:00+08:00',
};

function article(fields: Partial<Article> & Pick<Article, 'id' | 'title' | 'url'>): Article {
  return {
    itemKey: `test:${fields.url}`,
    summary: `${fields.title}。`,
    contentHtml: `<p>${fields.title}</p>`,
    contentText: fields.title,
    authors: [],
    editors: [],
    source: { id: 'yybnet', name: '地方网' },
    originalSource: null,
    publishedAt: '2024-05-20T16:02:00+08:00',
    updatedAt: '2024-05-20T16:02:00+08:00',
    firstSeenAt: '2017-07-05T10:40:00+08:00',
    timeFlags: [],
    language: 'zh-CN',
    images: [],
    channels: [{ id: 'taian', score: 3, evidence: [{ name: '泰安市', where: 'title', weight: 3 }] }],
    contentHash: '0'.repeat(64),
    alsoPublishedBy: [],
    ...fields,
  };
}

const KEXIE = article({
  id: '3f1c2a9d8e7b6a50',
  title: '泰安市成功创建 中国科协创新驱动助力工程示范市',
  url: 'https://www.yybnet.net/taian/feicheng/news/201707/5862101.html',
  contentHtml: '<p>近日,中国科协2017年创新驱动助力工程试点单位评选揭晓 & 泰安市入选。</p>',
  authors: [{ name: '武建堂', role: '通讯员' }],
  originalSource: '泰安日报',
  publishedAt: '2017-07-05T10:39:00+08:00',
  updatedAt: '2017-07-05T10:39:00+08:00',
  channels: [
    { id: 'taian', score: 3, evidence: [{ name: '泰安市', where: 'title', weight: 3 }] },
    { id: 'feicheng', score: 3, evidence: [{ name: '肥城新闻', where: 'hint', weight: 3 }] },
  ],
});
const XINTAI = article({
  id: '9a8b7c6d5e4f3a21',
  title: '新泰市青云街道12个老旧小区改造项目集中开工',
  url: 'https://www.yybnet.net/taian/xintai/news/202403/6934120.html',
  authors: [
    { name: '张伟', role: '记者' },
    { name: '李娜', role: '通讯员' },
  ],
  publishedAt: '2024-03-12T09:15:00+08:00',
  updatedAt: '2024-03-13T08:00:00+08:00',
  images: ['https://www.yybnet.net/uploads/2024/03/xintai-qingyun-gaizao.jpg'],
});
const NO_AUTHOR = article({
  id: '0011223344556677',
  title: '宁阳县“春风行动”送岗位5800余个',
  url: 'https://www.yybnet.net/taian/ningyang/news/202403/6931622.html',
  authors: [],
  publishedAt: '2024-03-05T10:00:00+08:00',
  updatedAt: '2024-03-05T10:00:00+08:00',
});
const ARTICLES = [XINTAI, NO_AUTHOR, KEXIE];
const rendered = renderFeeds(META, ARTICLES);

const urn = (a: Article) => `urn:syndicator:article:${a.id}`;

describe('renderFeeds: RSS 2.0', () => {
  it('parses back with rss-parser: titles, links, guids, pubDate from publishedAt', async () => {
    const feed = await new Parser().parseString(rendered.rss.body.toString('utf8'));
    expect(feed.title).toBe('泰安新闻');
    expect(feed.link).toBe(META.homeUrl);
    expect(feed.items.map((item) => [item.title, item.link, item.guid])).toEqual(ARTICLES.map((a) => [a.title, a.url, urn(a)]));
    expect(feed.items.map((item) => Date.parse(item.pubDate ?? ''))).toEqual(ARTICLES.map((a) => Date.parse(a.publishedAt)));
    expect(feed.items[2]!['content:encoded']).toBe(KEXIE.contentHtml);
  });

  it('declares its own URL with atom:link rel="self" and is UTF-8', () => {
    const xml = rendered.rss.body.toString('utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(xml).toMatch(/<atom:link href="https:\/\/news\.example\.com\/feeds\/taian\.rss" rel="self"/);
  });

  it('marks guids as not permalinks (they are URNs)', () => {
    const xml = rendered.rss.body.toString('utf8');
    expect(xml.match(/<guid isPermaLink="false">urn:syndicator:article:[0-9a-f]{16}<\/guid>/g)).toHaveLength(3);
  });
});

describe('renderFeeds: Atom 1.0', () => {
  const xml = rendered.atom.body.toString('utf8');
  const entries = xml.split('<entry>').slice(1);

  it('has one <id> per entry (RFC 4287 §4.1.2), the article URN, and one for the feed', () => {
    expect(entries).toHaveLength(3);
    entries.forEach((entry, index) => {
      expect(entry.match(/<id>/g)).toHaveLength(1);
      expect(entry).toContain(`<id>${urn(ARTICLES[index]!)}</id>`);
    });
    expect(xml.match(/<id>/g)).toHaveLength(4);
    expect(xml).toContain(`<id>${META.id}</id>`);
  });

  it('links to itself with rel="self" and to the home page with rel="alternate"', () => {
    expect(xml).toContain(`<link rel="self" href="${SELF.atom}"/>`);
    expect(xml).toContain(`<link rel="alternate" href="${META.homeUrl}"/>`);
  });

  it('gives each entry its updated and published times and the feed the newest updated', async () => {
    const feed = await new Parser().parseString(xml);
    expect(feed.items.map((item) => Date.parse(item.pubDate ?? ''))).toEqual(ARTICLES.map((a) => Date.parse(a.publishedAt)));
    entries.forEach((entry, index) => {
      const updated = /<updated>([^<]+)<\/updated>/.exec(entry)?.[1] ?? '';
      expect(Date.parse(updated)).toBe(Date.parse(ARTICLES[index]!.updatedAt));
    });
    const feedUpdated = /<updated>([^<]+)<\/updated>/.exec(xml.split('<entry>')[0]!)?.[1] ?? '';
    expect(Date.parse(feedUpdated)).toBe(Date.parse(XINTAI.updatedAt));
  });

  it('names every author of an entry', () => {
    expect(entries[0]!.match(/<name>([^<]+)<\/name>/g)).toEqual(['<name>张伟</name>', '<name>李娜</name>']);
  });

  it('is valid when an article has no authors: the feed or every entry has an <author>', () => {
    const head = xml.split('<entry>')[0]!;
    const everyEntryHasAuthor = entries.every((entry) => entry.includes('<author>'));
    expect(head.includes('<author>') || everyEntryHasAuthor).toBe(true);
  });
});

describe('renderFeeds: JSON Feed 1.1', () => {
  const json = JSON.parse(rendered.json.body.toString('utf8')) as {
    version: string;
    language: string;
    title: string;
    feed_url: string;
    home_page_url: string;
    items: Record<string, unknown>[];
  };

  it('declares version 1.1, language and its URLs', () => {
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.language).toBe('zh-CN');
    expect(json.title).toBe('泰安新闻');
    expect(json.feed_url).toBe(SELF.json);
    expect(json.home_page_url).toBe(META.homeUrl);
  });

  it.each([
    [0, [{ name: '张伟' }, { name: '李娜' }]],
    [2, [{ name: '武建堂' }]],
  ])('item %d has an authors array with every author, and no 1.0 author field', (index, authors) => {
    expect(json.items[index]!.authors).toEqual(authors);
    expect(json.items[index]).not.toHaveProperty('author');
  });

  it('renders an article with no authors without author fields', () => {
    expect(json.items[1]).not.toHaveProperty('author');
    expect(json.items[1]!.authors ?? []).toEqual([]);
    expect(json.items[1]!.title).toBe(NO_AUTHOR.title);
  });

  it('gives items ids, URLs, HTML, times and channel tags', () => {
    expect(json.items.map((item) => [item.id, item.url])).toEqual(ARTICLES.map((a) => [urn(a), a.url]));
    expect(json.items[2]!.content_html).toBe(KEXIE.contentHtml);
    expect(Date.parse(String(json.items[2]!.date_published))).toBe(Date.parse(KEXIE.publishedAt));
    expect(Date.parse(String(json.items[0]!.date_modified))).toBe(Date.parse(XINTAI.updatedAt));
    expect(json.items[2]!.tags).toEqual(['taian', 'feicheng']);
    expect(json.items[0]!.image).toBe(XINTAI.images[0]);
  });
});

describe('renderFeeds: validators', () => {
  const formats = ['rss', 'atom', 'json'] as const;

  it.each(formats)('%s: the ETag is strong (quoted, no W/)', (format) => {
    expect(rendered[format].etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
  });

  it('gives the three formats different ETags', () => {
    expect(new Set(formats.map((f) => rendered[f].etag)).size).toBe(3);
  });

  it.each(formats)('%s: same articles → same bytes and ETag', (format) => {
    const again = renderFeeds(
      META,
      ARTICLES.map((a) => ({ ...a })),
    );
    expect(again[format].etag).toBe(rendered[format].etag);
    expect(again[format].body.equals(rendered[format].body)).toBe(true);
  });

  it.each([
    ['a title', [{ ...XINTAI, title: `${XINTAI.title}（更新）` }, NO_AUTHOR, KEXIE]],
    ['the content', [XINTAI, { ...NO_AUTHOR, contentHtml: '<p>更正后的正文</p>' }, KEXIE]],
    ['an author', [XINTAI, { ...NO_AUTHOR, authors: [{ name: '王晓东', role: '作者' as const }] }, KEXIE]],
    ['one article fewer', [XINTAI, KEXIE]],
  ])('changing %s changes every ETag', (_, articles) => {
    const changed = renderFeeds(META, articles);
    for (const format of formats) expect(changed[format].etag).not.toBe(rendered[format].etag);
  });

  it('sets Last-Modified to the newest updatedAt as an HTTP date', () => {
    for (const format of formats) expect(rendered[format].lastModified).toBe('Wed, 13 Mar 2024 00:00:00 GMT');
    expect(new Date(rendered.rss.lastModified).toUTCString()).toBe(rendered.rss.lastModified);
  });

  it('sets Last-Modified from emptySince when there are no articles', () => {
    const empty = renderFeeds(META, []);
    expect(empty.rss.lastModified).toBe('Sun, 31 Dec 2023 16:00:00 GMT');
    expect((JSON.parse(empty.json.body.toString('utf8')) as { items: unknown[] }).items).toEqual([]);
  });
});
