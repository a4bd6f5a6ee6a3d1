import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { discoverArticleLinks } from '../../../../src/producers/sources/pages/discover-links.js';
import { EXAMPLES } from '../../../support/paths.js';

const LIST_FILE = path.join(EXAMPLES, 'pages', 'feicheng-list.html');
const LIST_HTML = readFileSync(LIST_FILE, 'utf8');
const LIST_URL = pathToFileURL(LIST_FILE).href;
const HTTP_LIST_URL = 'https://www.yybnet.net/taian/feicheng/news/';

/** The two article links of the list's ul.news-list, as the page orders them. */
const NEWS_LIST = ['feicheng-taoyuan-taohua.html', 'feicheng-kexie-20170705.html'];

describe('discoverArticleLinks on feicheng-list.html', () => {
  it.each([
    ['a file: page URL', LIST_URL, NEWS_LIST.map((name) => pathToFileURL(path.join(EXAMPLES, 'pages', name)).href)],
    ['an http page URL', HTTP_LIST_URL, NEWS_LIST.map((name) => `${HTTP_LIST_URL}${name}`)],
  ])('with selector ul.news-list a, against %s: the two list links, resolved, in order', (_, pageUrl, expected) => {
    expect(discoverArticleLinks(LIST_HTML, pageUrl, 'ul.news-list a')).toEqual(expected);
  });

  it('with a selector that matches nothing: no links', () => {
    expect(discoverArticleLinks(LIST_HTML, HTTP_LIST_URL, 'ul.no-such-list a')).toEqual([]);
  });

  it('with a selector that also matches javascript: and mailto: links: keeps http links once each', () => {
    const html =
      '<div class="l"><a href="a.html">一</a><a href="b.html">二</a><a href="a.html">一</a><a href="javascript:;">二</a><a href="mailto:x@y.z">三</a></div>';
    expect(discoverArticleLinks(html, HTTP_LIST_URL, 'div.l a')).toEqual([`${HTTP_LIST_URL}a.html`, `${HTTP_LIST_URL}b.html`]);
  });

  it('without a selector: never returns nav, pagination or footer links', () => {
    const links = discoverArticleLinks(LIST_HTML, HTTP_LIST_URL);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link).not.toMatch(/\/news\/$|list_\d+\.html|\/about\/|beian\.miit/);
    }
  });

  it('without a selector: finds the news list, not the 热点排行 sidebar', () => {
    expect(discoverArticleLinks(LIST_HTML, HTTP_LIST_URL)).toEqual(NEWS_LIST.map((name) => `${HTTP_LIST_URL}${name}`));
  });

  it('without a selector, on a page with a longer news list than sidebar: finds the news list', () => {
    const items = Array.from({ length: 10 }, (_, i) => `<li><a href="news/${i}.html">肥城市第${i}条新闻标题文字</a></li>`).join('');
    const html = LIST_HTML.replace(/<ul class="news-list">[\s\S]*?<\/ul>/, `<ul class="news-list">${items}</ul>`);
    expect(discoverArticleLinks(html, HTTP_LIST_URL)).toEqual(Array.from({ length: 10 }, (_, i) => `${HTTP_LIST_URL}news/${i}.html`));
  });
});

describe('discoverArticleLinks without a selector, by list quality', () => {
  const PAGE = 'https://www.example.com/taian/news/';
  const list = (cls: string, hrefs: string[], dated: boolean) =>
    `<ul class="${cls}">${hrefs.map((href, i) => `<li><a href="${href}">泰安市第${i}条新闻的标题文字</a>${dated ? '<span>2024-03-26</span>' : ''}</li>`).join('')}</ul>`;

  it.each([
    [
      'a dated list over a longer undated one',
      `${list('a', ['/x/1.html', '/x/2.html', '/x/3.html', '/x/4.html'], false)}${list('b', ['/y/1.html', '/y/2.html', '/y/3.html'], true)}`,
      ['https://www.example.com/y/1.html', 'https://www.example.com/y/2.html', 'https://www.example.com/y/3.html'],
    ],
    [
      "links under the list page's own path over links across the site",
      `${list('a', ['/x/1.html', '/x/2.html', '/x/3.html', '/x/4.html'], false)}${list('b', ['1.html', '2.html', '3.html'], false)}`,
      [`${PAGE}1.html`, `${PAGE}2.html`, `${PAGE}3.html`],
    ],
    [
      'a list not headed by 相关新闻',
      `<h3>相关新闻</h3>${list('a', ['1.html', '2.html', '3.html', '4.html'], true)}<h3>本地</h3>${list('b', ['5.html', '6.html'], true)}`,
      [`${PAGE}5.html`, `${PAGE}6.html`],
    ],
  ])('prefers %s', (_, body, expected) => {
    expect(discoverArticleLinks(`<html><body>${body}</body></html>`, PAGE)).toEqual(expected);
  });
});
