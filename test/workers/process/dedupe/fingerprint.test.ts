import { describe, expect, it } from 'vitest';
import { articleIdFor, contentHashOf, itemKeyOf } from '../../../../src/workers/process/dedupe/fingerprint.js';

const KEXIE = '近日,中国科协2017年创新驱动助力工程试点单位评选揭晓,泰安市被选为中国科协2017年创新驱动助力工程示范市。';

describe('contentHashOf', () => {
  it.each([
    ['full-width punctuation', '近日，中国科协2017年创新驱动助力工程试点单位评选揭晓，泰安市被选为中国科协2017年创新驱动助力工程示范市。'],
    ['full-width digits', '近日,中国科协２０１７年创新驱动助力工程试点单位评选揭晓,泰安市被选为中国科协２０１７年创新驱动助力工程示范市。'],
    [
      'spaces, line breaks and U+3000',
      '近日, 中国科协2017年创新驱动助力工程\n试点单位评选揭晓,\u3000泰安市被选为中国科协2017年创新驱动助力工程示范市。',
    ],
    ['no punctuation at all', '近日中国科协2017年创新驱动助力工程试点单位评选揭晓泰安市被选为中国科协2017年创新驱动助力工程示范市'],
    ['quotes and symbols', '“近日”,中国科协2017年创新驱动助力工程试点单位评选揭晓,泰安市被选为中国科协2017年创新驱动助力工程示范市!!'],
  ])('ignores %s', (_, variant) => {
    expect(contentHashOf(variant)).toBe(contentHashOf(KEXIE));
  });

  it('ignores letter case', () => {
    expect(contentHashOf('QQ空间 App')).toBe(contentHashOf('qq空间app'));
  });

  it.each([
    ['one character changed', KEXIE.replace('示范市', '试点市')],
    ['a number changed', KEXIE.replace('2017', '2018')],
    ['a sentence added', `${KEXIE}全国共评出11个地级示范市。`],
    ['an unrelated text', '东平县老湖镇：东平湖畔“渔家乐”走出致富新路'],
  ])('differs for %s', (_, other) => {
    expect(contentHashOf(other)).not.toBe(contentHashOf(KEXIE));
  });

  it('is a hex SHA-256', () => {
    expect(contentHashOf(KEXIE)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('articleIdFor', () => {
  const urls = [
    'https://www.yybnet.net/taian/feicheng/news/201707/5862101.html',
    'https://www.yybnet.net/taian/feicheng/news/202403/6937245.html',
    'https://www.yybnet.net/taian/dongping/news/202404/6940552.html',
  ];

  it.each(urls)('is 16 hex digits and stable: %s', (url) => {
    const id = articleIdFor(url);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(articleIdFor(url)).toBe(id);
  });

  it('is the first 16 hex digits of the SHA-256 of the URL (stable across releases)', () => {
    // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223… (FIPS 180-2 test vector).
    expect(articleIdFor('abc')).toBe('ba7816bf8f01cfea');
  });

  it('differs between URLs', () => {
    expect(new Set(urls.map(articleIdFor)).size).toBe(urls.length);
  });
});

describe('itemKeyOf', () => {
  it.each([
    ['guid over url and title', { guid: 'yybnet-taian-6941286', url: 'https://x/1', title: 't' }, 'src:yybnet-taian-6941286'],
    [
      'url over title',
      { url: 'https://www.yybnet.net/taian/news/202404/6941286.html', title: 't' },
      'src:https://www.yybnet.net/taian/news/202404/6941286.html',
    ],
    ['title last', { title: '清明假期泰山景区接待游客21.3万人次' }, 'src:清明假期泰山景区接待游客21.3万人次'],
  ])('takes the %s', (_, item, expected) => {
    expect(itemKeyOf('src', item)).toBe(expected);
  });

  it('is scoped by source', () => {
    expect(itemKeyOf('a', { guid: 'g' })).not.toBe(itemKeyOf('b', { guid: 'g' }));
  });

  it.each([
    [{ guid: '', url: 'https://www.yybnet.net/a.html', title: 'a' }, 'src:https://www.yybnet.net/a.html'],
    [{ guid: '  ', url: undefined, title: '标题' }, 'src:标题'],
  ])('falls through an empty guid: %j → %s', (item, expected) => {
    expect(itemKeyOf('src', item)).toBe(expected);
  });
});
