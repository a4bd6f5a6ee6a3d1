import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChangedEntries, listingSignature } from '../../../src/producers/sources/list-changes.js';
import { discoverListEntries, type ListEntry } from '../../../src/producers/sources/pages/discover-links.js';
import { FIXTURES } from '../../support/paths.js';

const BASE = 'https://www.example.cn/xintai/news/';
const html = readFileSync(path.join(FIXTURES, 'list-pages', 'xintai-news-index_2.html'), 'utf8');

describe('discoverListEntries on a Chinese portal list page', () => {
  const entries = discoverListEntries(html, `${BASE}index_2.html`);

  it('finds the channel’s six articles, not the nav, the 热点排行 sidebar or the pager', () => {
    expect(entries.map((entry) => entry.url)).toEqual([
      'https://www.example.cn/xintai/news/202403/t20240326_812345.html',
      'https://www.example.cn/xintai/news/202403/t20240326_812340.html',
      'https://www.example.cn/xintai/news/202403/t20240325_812201.html',
      'https://www.example.cn/xintai/news/202403/t20240325_812188.html',
      'https://www.example.cn/xintai/news/202403/t20240324_812090.html',
      'https://www.example.cn/xintai/news/202403/t20240324_812077.html',
    ]);
  });

  it('gives each the title the list shows (the title attribute where the text is cut short) and its date', () => {
    expect(entries[0]).toEqual({
      url: 'https://www.example.cn/xintai/news/202403/t20240326_812345.html',
      title: '新泰市羊流镇开展春季植树造林活动，千余名干部群众参加',
      time: '2024-03-26',
    });
    expect(entries[2]).toMatchObject({ title: '新泰市翟镇举办乡村振兴专题培训班', time: '2024-03-25' });
  });

  it('reads a time of day beside the date, and none where an item holds several links', () => {
    const list = `<ul><li><a href="1.html">东平县老湖镇举行春季运动会</a> 2024-03-26 10:20</li>
      <li><a href="2.html">东平县州城街道举行春季运动会</a> 03-25</li></ul>
      <div><a href="3.html">宁阳县磁窑镇举行春季运动会</a><a href="4.html">肥城市桃花节开幕在即</a> 2024-03-20</div>`;
    const found = discoverListEntries(list, BASE, 'a');
    expect(found.map((entry) => entry.time)).toEqual(['2024-03-26 10:20', '03-25', undefined, undefined]);
  });
});

describe('findChangedEntries', () => {
  const entry = (url: string, title: string, time?: string): ListEntry => ({ url, title, time });
  const remembered = new Map([
    ['a', listingSignature(entry('a', '新泰市召开安全生产会议', '2024-03-26'))],
    ['b', listingSignature(entry('b', '东平湖春季禁渔期开始', '2024-03-25'))],
    ['c', listingSignature(entry('c', '肥城桃花节开幕'))],
  ]);

  it.each([
    ['the same title and time', entry('a', '新泰市召开安全生产会议', '2024-03-26'), false],
    ['a corrected title', entry('a', '新泰市召开安全生产工作会议', '2024-03-26'), true],
    ['a new time', entry('b', '东平湖春季禁渔期开始', '2024-03-26'), true],
    ['a time where there was none', entry('c', '肥城桃花节开幕', '2024-03-26'), true],
    ['an entry never remembered (new: fetched as new, not as changed)', entry('d', '宁阳县举行运动会', '2024-03-26'), false],
  ])('%s: changed %s', (_case, current, changed) => {
    expect(findChangedEntries(remembered, [current])).toEqual(changed ? [current] : []);
  });
});
