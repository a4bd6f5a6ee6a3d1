import { describe, expect, it } from 'vitest';
import { canonicalizeUrl } from '../../../../src/workers/process/normalize/canonical-url.js';

const KEXIE = 'https://www.yybnet.net/taian/feicheng/news/201707/5862101.html';

describe('canonicalizeUrl', () => {
  it.each([
    ['drops utm_* parameters', `${KEXIE}?utm_source=wechat&utm_medium=social&utm_campaign=kexie`, KEXIE],
    ['drops spm', `${KEXIE}?spm=a2c4g.11186623`, KEXIE],
    ['drops from', `${KEXIE}?from=timeline`, KEXIE],
    ['drops tracking names in any case', `${KEXIE}?FROM=singlemessage&Utm_Source=x&SPM=1`, KEXIE],
    ['drops WeChat share parameters', `${KEXIE}?isappinstalled=0&scene=1&clicktime=1700000000`, KEXIE],
    ['drops the fragment', `${KEXIE}#comment`, KEXIE],
    ['lower-cases scheme and host', 'HTTPS://WWW.YYBNET.NET/taian/feicheng/news/201707/5862101.html', KEXIE],
    ['keeps the path case', 'https://www.yybnet.net/Taian/News.html', 'https://www.yybnet.net/Taian/News.html'],
    ['drops the default https port', 'https://www.yybnet.net:443/taian/feicheng/news/201707/5862101.html', KEXIE],
    ['drops the default http port', 'http://www.yybnet.net:80/a.html', 'http://www.yybnet.net/a.html'],
    ['keeps another port', 'https://www.yybnet.net:8443/a.html', 'https://www.yybnet.net:8443/a.html'],
    ['keeps other parameters in order', `${KEXIE}?utm_source=x&id=5&page=2&spm=a#top`, `${KEXIE}?id=5&page=2`],
    ['leaves a URL without tracking alone', `${KEXIE}?id=5`, `${KEXIE}?id=5`],
    [
      'percent-encodes a Chinese path',
      'https://www.yybnet.net/泰安/新闻.html',
      'https://www.yybnet.net/%E6%B3%B0%E5%AE%89/%E6%96%B0%E9%97%BB.html',
    ],
    ['returns a non-URL trimmed', '  yybnet-taian-6941286 ', 'yybnet-taian-6941286'],
  ])('%s', (_, input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it.each([[`${KEXIE}?utm_source=x#c`], [`HTTP://Example.COM:80/a?b=1&from=x`], [`${KEXIE}?id=5&page=2`]])('is idempotent: %s', (input) => {
    const once = canonicalizeUrl(input);
    expect(canonicalizeUrl(once)).toBe(once);
  });

  it.each([
    [
      'https://www.yybnet.net/search?q=%E6%B3%B0%E5%AE%89%20%E8%82%A5%E5%9F%8E&utm_source=x',
      'https://www.yybnet.net/search?q=%E6%B3%B0%E5%AE%89%20%E8%82%A5%E5%9F%8E',
    ],
    ['https://www.yybnet.net/a.html?print&from=timeline', 'https://www.yybnet.net/a.html?print'],
  ])('gives %s the canonical URL of the same page without tracking (%s)', (tracked, clean) => {
    expect(canonicalizeUrl(tracked)).toBe(canonicalizeUrl(clean));
  });
});

describe('canonicalizeUrl with host aliases', () => {
  const aliases = { 'm.yybnet.net': 'www.yybnet.net', 'wap.yybnet.net': 'www.yybnet.net' };
  it.each([
    ['https://m.yybnet.net/taian/news/1.html?from=timeline#top', 'https://www.yybnet.net/taian/news/1.html'],
    ['https://WAP.yybnet.net:443/taian/news/1.html', 'https://www.yybnet.net/taian/news/1.html'],
    ['https://news.yybnet.net/1.html', 'https://news.yybnet.net/1.html'],
  ])('%s → %s', (url, canonical) => {
    expect(canonicalizeUrl(url, aliases)).toBe(canonical);
  });
});
