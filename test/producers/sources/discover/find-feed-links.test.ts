import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commonFeedUrls, feedFormatOf, findFeedLinks } from '../../../../src/producers/sources/discover/find-feed-links.js';
import { proposeListSource } from '../../../../src/producers/sources/discover/propose-list-source.js';
import { ROOT } from '../../../support/paths.js';

const fixture = (name: string) => readFileSync(path.join(ROOT, 'test/fixtures/discover', name), 'utf8');

describe('findFeedLinks', () => {
  it('returns the feeds a page names with <link rel="alternate">, resolved against its base, once each', () => {
    expect(findFeedLinks(fixture('with-feed-links.html'), 'https://media.example.cn/taishan/index.html')).toEqual([
      { url: 'https://media.example.cn/taishan/feed.xml', type: 'application/rss+xml', title: '泰山区融媒体 RSS' },
      { url: 'https://media.example.cn/taishan/atom.xml', type: 'application/atom+xml', title: 'Atom' },
      { url: 'https://media.example.cn/taishan/feed.json', type: 'application/feed+json', title: undefined },
      { url: 'https://media.example.cn/comments.rss', type: 'application/rss+xml', title: 'in the body' },
    ]);
  });

  it('takes a JSON link as a candidate (it is read before it is believed)', () => {
    expect(findFeedLinks(fixture('xintai-channel.html'), 'https://www.yybnet.net/xintai/news/')).toEqual([
      { url: 'https://www.yybnet.net/wp-json/wp/v2/pages/12', type: 'application/json', title: 'REST, not a feed' },
    ]);
  });
});

describe('commonFeedUrls', () => {
  it('tries the usual paths from the root, then beside the page', () => {
    const urls = commonFeedUrls('https://www.example.cn/xintai/news/index.html');
    expect(urls.slice(0, 3)).toEqual(['https://www.example.cn/feed', 'https://www.example.cn/rss', 'https://www.example.cn/rss.xml']);
    expect(urls).toContain('https://www.example.cn/feed.json');
    expect(urls).toContain('https://www.example.cn/index.xml');
    expect(urls.slice(-4)).toEqual([
      'https://www.example.cn/xintai/news/feed',
      'https://www.example.cn/xintai/news/rss.xml',
      'https://www.example.cn/xintai/news/index.xml',
      'https://www.example.cn/xintai/news/atom.xml',
    ]);
    expect(commonFeedUrls('https://www.example.cn/')).toHaveLength(9);
  });
});

describe('feedFormatOf', () => {
  it.each([
    ['<?xml version="1.0"?>\n<!-- a comment -->\n<rss version="2.0"><channel/></rss>', 'rss'],
    ['<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>', 'atom'],
    ['<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"/>', 'atom'],
    ['<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>', 'rdf'],
    ['\uFEFF  {"version": "https://jsonfeed.org/version/1.1"}', 'json'],
  ])('reads the format of %s', (text, format) => {
    expect(feedFormatOf(text)).toBe(format);
  });
});

describe('proposeListSource', () => {
  it('proposes the channel page’s article list, with a selector that picks those links and not the nav or 热点排行', () => {
    const proposal = proposeListSource(fixture('xintai-channel.html'), 'https://www.yybnet.net/xintai/news/');
    expect(proposal?.title).toBe('新泰新闻_地方网');
    expect(proposal?.linkSelector).toBe('ul.news-list a');
    expect(proposal?.links).toHaveLength(8);
    expect(proposal?.links[0]).toBe('https://www.yybnet.net/xintai/news/2024/0312/101.html');
  });

  it('names the list by its parent when the list itself has no name', () => {
    const html = fixture('xintai-channel.html')
      .replace('<ul class="news-list">', '<ul>')
      .replace('<div class="list-box">', '<div id="list">');
    expect(proposeListSource(html, 'https://www.yybnet.net/xintai/news/')?.linkSelector).toBe('#list ul a');
  });

  it('proposes nothing for a page without a list of articles', () => {
    expect(proposeListSource(fixture('with-feed-links.html'), 'https://media.example.cn/taishan/')).toBeUndefined();
  });
});
