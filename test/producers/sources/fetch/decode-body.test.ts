import { readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../../src/producers/sources/fetch/decode-body.js';
import { EXAMPLES } from '../../../support/paths.js';

const NINGYANG_PAGE = readFileSync(path.join(EXAMPLES, 'pages', 'ningyang-fushan-maitian-chunguan.html'));
const GBK_FEED = readFileSync(path.join(EXAMPLES, 'feeds', 'county-news-gbk.rss'));
const UTF8_PAGE = readFileSync(path.join(EXAMPLES, 'pages', 'feicheng-kexie-20170705.html'));
const UTF8_FEED = readFileSync(path.join(EXAMPLES, 'feeds', 'taian-news.rss'));
const TAOYUAN = '<p>肥城市桃园镇：桃花盛开引客来 “赏花经济”热起来</p>';
const GBK_NO_DECLARATION = iconv.encode(TAOYUAN, 'gbk');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('decodeBody: declared and detected charsets', () => {
  it.each([
    ['the UTF-8 page', UTF8_PAGE, undefined, '泰安市成功创建 中国科协创新驱动助力工程示范市'],
    ['the UTF-8 feed', UTF8_FEED, undefined, '清明假期泰山景区接待游客21.3万人次'],
    ['the GBK page by its meta charset', NINGYANG_PAGE, undefined, '宁阳县伏山镇：无人机飞防助力6.8万亩小麦春管'],
    ['the GBK feed by its XML prolog', GBK_FEED, undefined, '新泰市楼德镇：小煎饼做成大产业'],
    ['the GBK page with a correct header', NINGYANG_PAGE, 'text/html; charset=GBK', '宁阳县伏山镇'],
    ['the GBK page with a quoted GB2312 header', NINGYANG_PAGE, 'text/html; charset="gb2312"', '宁阳县伏山镇'],
    ['the GBK page with an unknown charset in the header', NINGYANG_PAGE, 'text/html; charset=x-unknown-cs', '宁阳县伏山镇'],
    ['the GBK page with a header that names no charset', NINGYANG_PAGE, 'text/html', '宁阳县伏山镇'],
    ['GBK bytes with no declaration (detected)', GBK_NO_DECLARATION, undefined, TAOYUAN],
    ['UTF-8 bytes with no declaration', Buffer.from('<p>东平县老湖镇</p>'), undefined, '<p>东平县老湖镇</p>'],
    ['Big5 by its meta charset', iconv.encode('<meta charset="big5"><p>臺灣新聞</p>', 'big5'), undefined, '臺灣新聞'],
  ])('decodes %s', (_, body, contentType, expected) => {
    const text = decodeBody(body, contentType);
    expect(text).toContain(expected);
    expect(text).not.toContain('\ufffd');
  });

  it('decodes GB18030 characters outside GBK (CJK extension B)', () => {
    const text = '<p>𠀀 泰安</p>';
    expect(decodeBody(iconv.encode(text, 'gb18030'), 'text/html; charset=gb18030')).toBe(text);
  });

  it('decodes the whole GBK feed as the same text iconv gives for GBK', () => {
    expect(decodeBody(GBK_FEED)).toBe(iconv.decode(GBK_FEED, 'gbk'));
  });
});

describe('decodeBody: damaged UTF-8', () => {
  /** The UTF-8 feed with a few bytes broken between two tags, as truncating CMSs and bad proxies leave them. */
  const cut = UTF8_FEED.indexOf('<item>');
  const damaged = Buffer.concat([UTF8_FEED.subarray(0, cut), Buffer.from([0xe6, 0xb3, 0x20, 0xff, 0xc3]), UTF8_FEED.subarray(cut)]);

  it.each([
    ['no declaration', undefined],
    ['a UTF-8 header', 'application/rss+xml; charset=utf-8'],
    ['a wrong GBK header', 'application/rss+xml; charset=gbk'],
  ])('keeps UTF-8 with %s, only the bad bytes becoming U+FFFD', (_case, contentType) => {
    const text = decodeBody(damaged, contentType);
    const before = UTF8_FEED.subarray(0, cut).toString('utf8');
    const after = UTF8_FEED.subarray(cut).toString('utf8');
    expect(text.startsWith(before)).toBe(true);
    expect(text.endsWith(after)).toBe(true);
    expect(text.slice(before.length, text.length - after.length).replace(/\ufffd/g, '')).toBe(' ');
    expect(text).toContain('清明假期泰山景区接待游客21.3万人次');
  });

  it('still reads GBK bytes under a UTF-8 header as GBK: they are mostly invalid as UTF-8', () => {
    expect(decodeBody(NINGYANG_PAGE, 'text/html; charset=utf-8')).toContain('宁阳县伏山镇');
  });
});

describe('decodeBody: wrong declarations', () => {
  it.each([
    ['a UTF-8 header on the GBK page', NINGYANG_PAGE, 'text/html; charset=utf-8', undefined, '宁阳县伏山镇'],
    ['a UTF-8 header on the GBK page, encoding: gbk configured', NINGYANG_PAGE, 'text/html; charset=utf-8', 'gbk', '宁阳县伏山镇'],
    ['a UTF-8 header on the GBK feed', GBK_FEED, 'application/rss+xml; charset=UTF-8', undefined, '新泰市楼德镇'],
    ['a GBK header on the UTF-8 page', UTF8_PAGE, 'text/html; charset=gbk', undefined, '泰安市成功创建'],
    ['an ISO-8859-1 header on the UTF-8 feed', UTF8_FEED, 'application/xml; charset=iso-8859-1', undefined, '清明假期泰山景区'],
  ])('decodes despite %s', (_, body, contentType, fallback, expected) => {
    const text = decodeBody(body, contentType, fallback);
    expect(text).toContain(expected);
    expect(text).not.toContain('\ufffd');
  });

  it('uses the configured encoding when the document declares none', () => {
    expect(decodeBody(GBK_NO_DECLARATION, undefined, 'gbk')).toBe(TAOYUAN);
  });

  it('keeps a UTF-8 document UTF-8 when the configured encoding says GBK', () => {
    expect(decodeBody(UTF8_FEED, undefined, 'gbk')).toContain('清明假期泰山景区');
  });
});

describe('decodeBody: byte order marks', () => {
  it('strips a UTF-8 BOM and lets it win over a contrary prolog', () => {
    const body = Buffer.concat([BOM, Buffer.from('<?xml version="1.0" encoding="gbk"?><title>泰安新闻</title>')]);
    expect(decodeBody(body)).toBe('<?xml version="1.0" encoding="gbk"?><title>泰安新闻</title>');
  });

  it('lets a UTF-8 BOM win over a contrary header', () => {
    expect(decodeBody(Buffer.concat([BOM, Buffer.from('泰安新闻')]), 'text/html; charset=gbk')).toBe('泰安新闻');
  });

  it.each([
    ['UTF-16LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<p>泰安新闻</p>', 'utf16le')])],
    ['UTF-16BE', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('<p>泰安新闻</p>', 'utf16le').swap16()])],
  ])('decodes a %s document by its BOM', (_, body) => {
    expect(decodeBody(body)).toBe('<p>泰安新闻</p>');
  });
});
