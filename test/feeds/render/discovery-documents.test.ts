import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { renderIndexPage } from '../../../src/feeds/render/render-index-page.js';
import { renderOpml } from '../../../src/feeds/render/render-opml.js';

const GROUPS = [
  {
    title: '频道',
    discoverable: true,
    feeds: [
      { title: '泰安新闻 - 地方网', baseUrl: 'https://news.example.com/feeds/taian' },
      { title: '宁阳新闻 & "县区"', baseUrl: 'https://news.example.com/feeds/ningyang' },
    ],
  },
  { title: '来源', feeds: [{ title: '泰安新闻 RSS', baseUrl: 'https://news.example.com/feeds/sources/taian-news-rss' }] },
];
const HEAD = {
  title: '地方网 订阅列表',
  ownerName: '地方网',
  homeUrl: 'https://news.example.com/',
  language: 'zh-CN',
  created: new Date('2024-03-13T00:00:00Z'),
};

describe('renderOpml', () => {
  const $ = cheerio.load(renderOpml(HEAD, GROUPS), { xml: true });

  it('is OPML 2.0 with a head', () => {
    expect($('opml').attr('version')).toBe('2.0');
    expect($('head > title').text()).toBe('地方网 订阅列表');
    expect($('head > dateCreated').text()).toBe('Wed, 13 Mar 2024 00:00:00 GMT');
  });

  it('lists every feed as an rss outline with its RSS URL, in its group', () => {
    const outlines = $('outline[type="rss"]')
      .toArray()
      .map((el) => [$(el).attr('text'), $(el).attr('xmlUrl'), $(el).parent().attr('text')]);
    expect(outlines).toEqual([
      ['泰安新闻 - 地方网', 'https://news.example.com/feeds/taian.rss', '频道'],
      ['宁阳新闻 & "县区"', 'https://news.example.com/feeds/ningyang.rss', '频道'],
      ['泰安新闻 RSS', 'https://news.example.com/feeds/sources/taian-news-rss.rss', '来源'],
    ]);
  });
});

describe('renderIndexPage', () => {
  const html = renderIndexPage({ name: '地方网 泰安', language: 'zh-CN' }, GROUPS, 'https://news.example.com/feeds.opml');
  const $ = cheerio.load(html);

  it('has an autodiscovery link per format of every channel feed, and none for sources', () => {
    const links = $('head link[rel="alternate"]')
      .toArray()
      .map((el) => [$(el).attr('type'), $(el).attr('href')]);
    expect(links).toHaveLength(6);
    expect(links).toContainEqual(['application/rss+xml', 'https://news.example.com/feeds/taian.rss']);
    expect(links).toContainEqual(['application/atom+xml', 'https://news.example.com/feeds/ningyang.atom']);
    expect(links).toContainEqual(['application/feed+json', 'https://news.example.com/feeds/taian.json']);
    expect(html).not.toContain('link rel="alternate" type="application/rss+xml" title="泰安新闻 RSS');
  });

  it('lists every feed with links to its three formats, and the OPML file', () => {
    expect($('body li')).toHaveLength(3);
    expect($('body a[href="https://news.example.com/feeds/sources/taian-news-rss.json"]').text()).toBe('JSON Feed');
    expect($('body a[href="https://news.example.com/feeds.opml"]')).toHaveLength(1);
    expect($('html').attr('lang')).toBe('zh-CN');
    expect($('li').eq(1).text()).toContain('宁阳新闻 & "县区"');
  });
});
