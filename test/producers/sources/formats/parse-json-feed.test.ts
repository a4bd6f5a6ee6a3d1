import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonFeed } from '../../../../src/producers/sources/formats/parse-json-feed.js';
import { FIXTURES } from '../../../support/paths.js';

const Y = 'https://www.yybnet.net';
const V11 = readFileSync(path.join(FIXTURES, 'feeds', 'taian-news-1.1.json'), 'utf8');
const V10 = readFileSync(path.join(FIXTURES, 'feeds', 'xintai-news-1.0.json'), 'utf8');

describe('parseJsonFeed: JSON Feed 1.1', () => {
  const feed = parseJsonFeed(V11, `${Y}/feeds/taian-news.json`);

  it('reads the feed title and home page', () => {
    expect(feed.title).toBe('泰安新闻 JSON');
    expect(feed.link).toBe(`${Y}/taian/`);
    expect(feed.items).toHaveLength(3);
  });

  it.each([
    [
      0,
      {
        guid: 'yybnet-taishan-6952019',
        url: `${Y}/taian/taishan/news/202405/6952019.html`,
        title: '泰山区财源街道打造“15分钟便民生活圈”',
        published: '2024-05-20T16:02:00+08:00',
        updated: '2024-05-21T09:00:00+08:00',
        authors: ['赵磊', '孙静'],
        categories: ['泰山区', '民生'],
        images: [`${Y}/uploads/2024/05/caiyuan.jpg`],
        summary: '财源街道青年路社区便民服务综合体正式投入使用。',
        text: undefined,
      },
    ],
    [
      1,
      {
        guid: '6952020',
        url: `${Y}/taian/news/202405/6952020.html`,
        title: '泰安城区新增3条公交线路 6月1日起开通运营',
        published: '2024-05-20T00:00:00Z',
        updated: undefined,
        authors: ['地方网泰安频道'],
        categories: [],
        images: [],
        summary: undefined,
        html: undefined,
      },
    ],
    [2, { guid: 'yybnet-daiyue-6935027', authors: ['通讯员 韩冰'], published: '2024-03-20T08:50:00+08:00' }],
  ])('item %d', (index, expected) => {
    expect(feed.items[index]).toMatchObject(expected);
  });

  it('keeps content_html as html and content_text as text', () => {
    expect(feed.items[0]!.html).toBe(
      '<p>5月18日，泰山区财源街道青年路社区便民服务综合体正式投入使用。</p><p>据了解，财源街道计划年底前实现辖区14个社区便民生活圈全覆盖。</p>',
    );
    expect(feed.items[1]!.text).toBe('记者从泰安市交通运输局获悉，6月1日起城区新增3条公交线路。\n三条线路均采用新能源公交车。');
  });
});

describe('parseJsonFeed: JSON Feed 1.0', () => {
  const feed = parseJsonFeed(V10, `${Y}/feeds/xintai-news.json`);

  it.each([
    [0, `${Y}/taian/xintai/news/202403/6934120.html`, ['张伟']],
    [1, `${Y}/taian/xintai/news/202404/6939874.html`, ['地方网新泰频道']],
  ])('item %d: url resolved against home_page_url, author (or the feed author)', (index, url, authors) => {
    expect(feed.items[index]!.url).toBe(url);
    expect(feed.items[index]!.authors).toEqual(authors);
  });

  it('reads titles and times', () => {
    expect(feed.items.map((item) => [item.title, item.published])).toEqual([
      ['新泰市青云街道12个老旧小区改造项目集中开工', '2024-03-12T09:15:00+08:00'],
      ['新泰市首条城乡定制公交线路开通', '2024-04-02T09:10:00+08:00'],
    ]);
  });
});

describe('parseJsonFeed: relative URLs without a home page', () => {
  it('resolves against the feed URL', () => {
    const text = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      items: [{ id: 'a', url: 'news/a.html', image: '/img/a.jpg' }],
    });
    const item = parseJsonFeed(text, `${Y}/feeds/dir/x.json`).items[0]!;
    expect(item.url).toBe(`${Y}/feeds/dir/news/a.html`);
    expect(item.images).toEqual([`${Y}/img/a.jpg`]);
  });
});

describe('parseJsonFeed: errors name the field', () => {
  it.each([
    ['{"title":"x","items":[]}', /^feed: not a JSON Feed: version: /],
    ['{"version":"https://jsonfeed.org/version/1.1"}', /^feed: not a JSON Feed: items: /],
    ['{"version":"https://jsonfeed.org/version/1.1","items":[{"title":"no id"}]}', /^feed: not a JSON Feed: items\.0\.id: /],
    ['{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"a","authors":"张伟"}]}', /^feed: not a JSON Feed: items\.0\.authors: /],
    ['{"version":"https://example.com/version/1","items":[]}', /^feed: not a JSON Feed: version: not a JSON Feed version URL/],
    ['{"version":', /^feed: invalid JSON: /],
  ])('%s', (text, message) => {
    expect(() => parseJsonFeed(text, `${Y}/feeds/x.json`)).toThrow(message);
  });
});
