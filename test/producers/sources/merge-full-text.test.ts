import { describe, expect, it } from 'vitest';
import { emptyRawItem, type RawItem } from '../../../src/domain/raw-item.js';
import { entryStamp, mergeFullText } from '../../../src/producers/sources/merge-full-text.js';

const PAGE_URL = 'https://news.example.cn/xintai/2024/0326/1.html';
const BODY =
  '<p>3月26日，新泰市羊流镇组织机关干部、志愿者和村民一千余人，在镇驻地周边山体开展春季植树造林活动。</p><p>活动共栽植侧柏、黄栌等苗木一万余株。</p>';

const feed = (fields: Partial<RawItem> = {}): RawItem => ({
  ...emptyRawItem(),
  guid: 'xintai-1',
  url: PAGE_URL,
  title: '羊流镇植树',
  html: '<p>羊流镇开展春季植树造林活动。</p>',
  published: 'Tue, 26 Mar 2024 09:00:00 +0800',
  categories: ['新泰'],
  ...fields,
});
const page = (fields: Partial<RawItem> = {}): RawItem => ({
  ...emptyRawItem(),
  url: PAGE_URL,
  title: '新泰市羊流镇开展春季植树造林活动',
  html: BODY,
  authors: ['记者 王芳'],
  originalSource: '新泰融媒',
  published: '2024-03-26 10:20',
  placeHints: ['新泰新闻'],
  ...fields,
});

describe('mergeFullText', () => {
  it('fills a thin entry from its page: title, body, time, byline, 来源; the feed’s teaser becomes the summary', () => {
    expect(mergeFullText(feed(), page(), PAGE_URL)).toEqual({
      ...emptyRawItem(),
      guid: 'xintai-1',
      url: PAGE_URL,
      title: '新泰市羊流镇开展春季植树造林活动',
      html: BODY,
      text: undefined,
      contentBase: PAGE_URL,
      summary: '<p>羊流镇开展春季植树造林活动。</p>',
      authors: ['记者 王芳'],
      editors: undefined,
      originalSource: '新泰融媒',
      published: '2024-03-26 10:20',
      updated: undefined,
      categories: ['新泰'],
      placeHints: ['新泰新闻'],
    });
  });

  it('keeps the feed’s title and time where the page has no headline and shows no time', () => {
    const merged = mergeFullText(feed(), page({ title: undefined, published: undefined }), PAGE_URL);
    expect(merged.title).toBe('羊流镇植树');
    expect(merged.published).toBe('Tue, 26 Mar 2024 09:00:00 +0800');
    expect(merged.html).toBe(BODY);
  });

  it('keeps the feed’s body when the page’s says less (an extraction that found a scrap)', () => {
    const merged = mergeFullText(feed({ html: BODY }), page({ html: '<p>分享到：</p>' }), PAGE_URL);
    expect(merged.html).toBe(BODY);
    expect(merged.summary).toBeUndefined();
    expect(merged.authors).toEqual(['记者 王芳']);
  });

  it('keeps the feed’s authors when the page names none', () => {
    expect(mergeFullText(feed({ authors: ['张伟'] }), page({ authors: [] }), PAGE_URL).authors).toEqual(['张伟']);
  });
});

describe('entryStamp', () => {
  it('changes with the entry’s time or title, not with its body', () => {
    expect(entryStamp(feed())).toBe(entryStamp(feed({ html: '<p>另一段</p>' })));
    expect(entryStamp(feed())).not.toBe(entryStamp(feed({ updated: '2024-03-27T08:00:00+08:00' })));
    expect(entryStamp(feed())).not.toBe(entryStamp(feed({ title: '羊流镇植树（更正）' })));
  });
});
