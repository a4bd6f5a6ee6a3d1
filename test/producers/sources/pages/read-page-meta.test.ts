import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { readPageMeta } from '../../../../src/producers/sources/pages/read-page-meta.js';

function metaOf(head: string, body = '') {
  return readPageMeta(cheerio.load(`<html><head>${head}</head><body>${body}</body></html>`));
}

describe('readPageMeta: the publication time', () => {
  it.each([
    [
      'article:published_time',
      '<meta property="article:published_time" content="2019-09-07T13:43:45+08:00">',
      '',
      '2019-09-07T13:43:45+08:00',
    ],
    ['a publishdate meta', '<meta name="publishdate" content="2019-06-15">', '', '2019-06-15'],
    ['an itemprop meta', '<meta itemprop="datePublished" content="2020-01-03 18:13">', '', '2020-01-03 18:13'],
    [
      'JSON-LD after a broken block',
      '<script type="application/ld+json">{broken</script><script type="application/ld+json">{"datePublished":"2021-02-18T07:02:10+08:00"}</script>',
      '',
      '2021-02-18T07:02:10+08:00',
    ],
    [
      'Baidu-style JSON-LD pubDate',
      '<script type="application/ld+json">{"@context":"https://ziyuan.baidu.com/contexts/cambrian.jsonld","pubDate":"2019-09-30T22:46:13"}</script>',
      '',
      '2019-09-30T22:46:13',
    ],
    ['a <time pubdate> element', '', '<time pubdate datetime="2018-03-08T23:16:00+08:00">3月8日</time>', '2018-03-08T23:16:00+08:00'],
    [
      'an inline script variable',
      '<script>window.DATA = { "title": "儿歌", "pubtime": "2019-09-07 19:02:26" };</script>',
      '',
      '2019-09-07 19:02:26',
    ],
    [
      'a Founder enpproperty comment',
      '',
      '<!--enpproperty <articleid>1</articleid><date>2021-03-05 08:38:13.0</date><author></author>/enpproperty-->',
      '2021-03-05 08:38:13',
    ],
    ['nothing', '<meta name="keywords" content="泰安">', '', undefined],
  ])('from %s', (_, head, body, expected) => {
    expect(metaOf(head, body).published).toBe(expected);
  });

  it('keeps the modified time apart, and the source meta without its label', () => {
    const meta = metaOf(
      '<meta itemprop="dateUpdate" content="2019-10-08 12:00:57"><meta name="source" content="来源：人民网-文化频道 原创稿">',
    );
    expect(meta.published).toBeUndefined();
    expect(meta.modified).toBe('2019-10-08 12:00:57');
    expect(meta.source).toBe('人民网-文化频道');
  });
});

describe('readPageMeta: writers in an enpproperty comment', () => {
  it('names them when no other structured data does, split at 、', () => {
    const meta = metaOf('', '<!--enpproperty <date>2024-08-22</date><author>张文静、李明</author>/enpproperty--><h1>标题</h1>');
    expect(meta.authors).toEqual(['张文静', '李明']);
  });

  it('comes after JSON-LD writers, and reads nothing from other comments', () => {
    const ld = '<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"王丹"}}</script>';
    expect(metaOf(ld, '<!--enpproperty <author>张文静</author>-->').authors).toEqual(['王丹', '张文静']);
    expect(metaOf('', '<!-- <date>2024-08-22</date><author>张文静</author> -->').authors).toEqual([]);
  });

  it('keeps a credit line with roles whole, and never names the site', () => {
    const credit = '<!--enpproperty <author>本报记者 张三 通讯员 李四</author>-->';
    expect(metaOf('', credit).authors).toEqual(['本报记者 张三 通讯员 李四']);
    expect(metaOf('<meta property="og:site_name" content="泰安日报">', '<!--enpproperty <author>泰安日报</author>-->').authors).toEqual([]);
  });
});
