import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNextPageUrl } from '../../../../src/producers/sources/pages/find-next-page.js';
import { EXAMPLES, FIXTURES } from '../../../support/paths.js';

const BASE = 'https://www.example.cn/xintai/news/';
const page = (body: string, head = '') =>
  `<html><head>${head}</head><body><ul class="list"><li><a href="a.html">新泰市羊流镇开展春季植树造林活动</a></li></ul>${body}</body></html>`;

describe('findNextPageUrl on fixtures', () => {
  it('a Chinese portal list page (page 2 of 128, 下一页 beside the numbers): index_3.html', () => {
    const html = readFileSync(path.join(FIXTURES, 'list-pages', 'xintai-news-index_2.html'), 'utf8');
    expect(findNextPageUrl(html, `${BASE}index_2.html`)).toBe(`${BASE}index_3.html`);
  });

  it('the bundled 肥城 list page (rel=next and 下一页): list_2.html', () => {
    const html = readFileSync(path.join(EXAMPLES, 'pages', 'feicheng-list.html'), 'utf8');
    expect(findNextPageUrl(html, 'https://www.yybnet.net/taian/feicheng/news/')).toBe(
      'https://www.yybnet.net/taian/feicheng/news/list_2.html',
    );
  });
});

describe('findNextPageUrl: the forms pagers take', () => {
  it.each([
    ['<link rel="next">', page('', '<link rel="next" href="index_2.html">'), `${BASE}index_2.html`],
    [
      '<a rel="next">',
      page('<div class="pg"><a rel="prev" href="index_1.html">‹</a><a rel="next" href="p2.html">›</a></div>'),
      `${BASE}p2.html`,
    ],
    ['下一页 with arrows', page('<div><a href="?page=1">上一页</a><a href="?page=3">下一页 &gt;&gt;</a></div>'), `${BASE}?page=3`],
    ['下页', page('<div><a href="list_2.htm">下页</a><a href="list_9.htm">末页</a></div>'), `${BASE}list_2.htm`],
    ['后页', page('<div><a href="list_0.htm">前页</a><a href="list_2.htm">后页</a></div>'), `${BASE}list_2.htm`],
    ['traditional 下一頁', page('<div><a href="list_2.html">下一頁</a></div>'), `${BASE}list_2.html`],
    ['English Next ›', page('<nav><a href="/page/2/">Next ›</a></nav>'), 'https://www.example.cn/page/2/'],
    [
      'an icon link titled 下一页',
      page('<div><a href="index_2.html" title="下一页"><i class="icon-right"></i></a></div>'),
      `${BASE}index_2.html`,
    ],
    [
      '› before » (» is often the last page)',
      page('<div><a href="index_9.html">»</a><a href="index_2.html">›</a></div>'),
      `${BASE}index_2.html`,
    ],
    ['a lone »', page('<div><a href="index.html">«</a><a href="index_2.html">»</a></div>'), `${BASE}index_2.html`],
    [
      'page numbers only, on page 1',
      page('<div class="pages"><a href="index_2.html">2</a><a href="index_3.html">3</a></div>'),
      `${BASE}index_2.html`,
    ],
    [
      'page numbers only, the current one marked',
      page('<div class="pages"><a href="index.html">1</a><a class="on" href="index_2.html">2</a><a href="index_3.html">3</a></div>'),
      `${BASE}index_3.html`,
    ],
    [
      'the TRS pager script (page 0 of 5)',
      page('<div class="page"><script>createPageHTML(5, 0, "index", "html");</script></div>'),
      `${BASE}index_1.html`,
    ],
  ])('%s', (_case, html, expected) => {
    expect(findNextPageUrl(html, BASE)).toBe(expected);
  });

  it.each([
    ['no pager', page('')],
    [
      '下一篇 (the next article) is no next page',
      page('<div class="pn"><a href="t20240325_1.html">上一篇</a><a href="t20240327_2.html">下一篇</a></div>'),
    ],
    [
      'the last page, whose 下一页 leads back to itself',
      page('<div><a href="index_4.html">上一页</a><a href="index_5.html">下一页</a></div>'),
    ],
    ['a javascript: 下一页', page('<div><a href="javascript:void(0)">下一页</a></div>')],
    ['the TRS pager on its last page', page('<script>createPageHTML(5, 4, "index", "html");</script>')],
    [
      'page numbers on a numbered page with no current mark',
      page('<div class="pages"><a href="index.html">1</a><a href="index_3.html">3</a></div>'),
    ],
  ])('none: %s', (_case, html) => {
    expect(findNextPageUrl(html, `${BASE}index_5.html`)).toBeUndefined();
  });
});
