import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../../src/producers/sources/fetch/decode-body.js';
import { readPageMeta } from '../../../../src/producers/sources/pages/read-page-meta.js';
import { FIXTURES } from '../../../support/paths.js';

/** The page meta of a labelled development page (test/fixtures/pages/labelled). */
function metaOfFixture(name: string) {
  return readPageMeta(cheerio.load(decodeBody(readFileSync(path.join(FIXTURES, 'pages', 'labelled', name)))));
}

function metaOf(head: string, body = '') {
  return readPageMeta(cheerio.load(`<html><head>${head}</head><body>${body}</body></html>`));
}

describe('readPageMeta on development pages: structured time, authors and script-held names', () => {
  it.each([
    {
      what: 'JSON-LD array: NewsArticle author as one Person object',
      fixture: 'gaoxin-zone-jsonld-array.html',
      published: '2024-05-10T15:20:00+08:00',
      authors: ['董明'],
      scriptNames: [],
    },
    {
      what: 'JSON-LD with a trailing comma (repaired), author as a plain string',
      fixture: 'mobile-amp-jsonld-string-author.html',
      published: '2024-05-18T09:05:00+08:00',
      authors: ['王海燕'],
      scriptNames: [],
    },
    {
      what: 'JSON-LD Person whose name carries the role',
      fixture: 'jsonld-person-role-prefix.html',
      published: '2024-06-06T08:05:00+08:00',
      authors: ['记者 宋涛'],
      scriptNames: [],
    },
    {
      what: 'JSON-LD author that is an Organization (the site): not a writer',
      fixture: 'conflict-jsonld-modified-as-published.html',
      published: '2024-05-21T16:48:00+08:00',
      authors: [],
      scriptNames: [],
    },
    {
      what: 'OpenGraph article:author of an account',
      fixture: 'sina-kandian.html',
      published: '2024-05-15T08:36:20+08:00',
      authors: ['泰山新闻'],
      scriptNames: [],
    },
    {
      what: 'meta author that names the site, and a department in the author meta of a government page',
      fixture: 'gmw-style-author-row.html',
      published: undefined,
      authors: [],
      scriptNames: [],
    },
    {
      what: 'a government PubDate meta with the minute, Author meta a department',
      fixture: 'gov-meta-pubdate.html',
      published: '2024-05-14 10:23',
      authors: [],
      scriptNames: [],
    },
    {
      what: 'gov.cn firstpublishedtime written 2024-05-17-15:38:15',
      fixture: 'gov-cn-national.html',
      published: '2024-05-17 15:38:15',
      authors: [],
      scriptNames: [],
    },
    {
      what: 'SSR state: epoch seconds in a string, the account under mediaUser.screenName',
      fixture: 'toutiao-user-state.html',
      published: '2024-05-10T10:21:00.000Z',
      authors: [],
      scriptNames: ['泰山区融媒'],
    },
    {
      what: 'SSR state: epoch seconds as a number',
      fixture: 'toutiao-relative-time.html',
      published: '2024-05-11T09:00:00.000Z',
      authors: [],
      scriptNames: ['宁阳县融媒体中心'],
    },
    {
      what: '__INITIAL_STATE__: epoch milliseconds and wm_name',
      fixture: 'dayu-uc-style.html',
      published: '2024-05-14T07:00:00.000Z',
      authors: [],
      scriptNames: ['泰城生活圈'],
    },
    {
      what: '__NEXT_DATA__ JSON block: pubTime and authorInfo.sname',
      fixture: 'pengpai-account-next-data.html',
      published: '2024-05-12 10:30',
      authors: [],
      scriptNames: ['泰安发布'],
    },
    {
      what: 'window.DATA: pubtime and media',
      fixture: 'qq-kuaibao-window-data.html',
      published: '2024-05-13 16:42:00',
      authors: [],
      scriptNames: ['东平融媒'],
    },
    {
      what: 'cambrian JSON-LD pubDate, and the author object inside a one-item list of window.jsonData',
      fixture: 'baijiahao-hashed-classes.html',
      published: '2024-05-12T07:44:00',
      authors: [],
      scriptNames: ['岱岳发布'],
    },
  ])('$what', ({ fixture, published, authors, scriptNames }) => {
    const meta = metaOfFixture(fixture);
    expect(meta.published).toBe(published);
    expect(meta.authors).toEqual(authors);
    expect(meta.scriptNames).toEqual(scriptNames);
  });

  it('gives the JSON-LD headline and the publisher apart from the authors', () => {
    const meta = metaOf(
      '<script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"示例网"},{"@type":["NewsArticle"],"headline":"泰安举办读书节","author":[{"@type":"Person","name":"韩雪"},{"@type":"Organization","name":"示例网"},"梁晨"]}]}</script>',
    );
    expect(meta.ldHeadline).toBe('泰安举办读书节');
    expect(meta.authors).toEqual(['韩雪', '梁晨']);
  });

  it('reads microdata authors and leaves URLs and the site name out', () => {
    const meta = metaOf(
      '<title>泰安举办读书节 - 泰安网</title><meta property="article:author" content="https://weibo.com/taian"><meta name="author" content="泰安网">',
      '<span itemprop="author" itemscope><span itemprop="name">范斌</span></span>',
    );
    expect(meta.authors).toEqual(['范斌']);
  });
});

describe('readPageMeta: times held by scripts', () => {
  it.each([
    [
      'a date variable completed by an epoch of the same day (WeChat: publish_time and ct)',
      '<script>var ct = "1715219100"; var publish_time = "2024-05-09" || "";</script>',
      '2024-05-09T01:45:00.000Z',
    ],
    ['a date variable alone', '<script>var publish_time = "2024-05-09" || "";</script>', '2024-05-09'],
    [
      'not the times of a list of other articles',
      '<script>var recommendList = [{"publish_time":"2024-03-26 10:05:00"},{"publish_time":"2024-04-30 08:00:00"}];</script>',
      undefined,
    ],
    ['not an id that looks like an epoch', '<script>var ct = "9999999999999";</script>', undefined],
    [
      'the shallowest time with a time of day',
      '<script>window.__STATE__ = {"article":{"publishTime":"2024-05-19T06:30:00.000Z","comments":{"item":{"publishTime":"2024-05-20 08:00"}}}};</script>',
      '2024-05-19T06:30:00.000Z',
    ],
    [
      'a key-value pair in a script that does not parse',
      '<script>foo({"pubtime": "2019-09-07 19:02:26", x: bar()});</script>',
      '2019-09-07 19:02:26',
    ],
  ])('%s', (_, head, expected) => {
    expect(metaOf(head).published).toBe(expected);
  });
});
