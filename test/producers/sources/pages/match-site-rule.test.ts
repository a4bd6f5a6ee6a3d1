import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../../src/producers/sources/pages/extract-article.js';
import { matchSiteRule } from '../../../../src/producers/sources/pages/match-site-rule.js';
import { readPageMeta } from '../../../../src/producers/sources/pages/read-page-meta.js';
import { SITE_RULES, type SiteRule } from '../../../../src/producers/sources/pages/site-rules.js';

const RULES: Record<string, SiteRule> = {
  'example.com': { body: '.example-body' },
  'news.example.org': { body: '.org-body', siteNames: ['示例新闻'] },
};

function ruleFor(head: string, pageUrl: string): SiteRule | undefined {
  return matchSiteRule(pageUrl, readPageMeta(cheerio.load(`<html><head>${head}</head><body></body></html>`)), RULES);
}

describe('matchSiteRule', () => {
  it.each([
    ['the fetched URL host', '', 'https://www.example.com/a/1.html', RULES['example.com']],
    ['the domain itself', '', 'https://example.com/', RULES['example.com']],
    [
      'a canonical link, for a saved file',
      '<link rel="canonical" href="https://m.example.com/1.html">',
      'file:///tmp/1.html',
      RULES['example.com'],
    ],
    ['og:url', '<meta property="og:url" content="https://news.example.org/1">', 'file:///tmp/1.html', RULES['news.example.org']],
    [
      'a mobile-agent meta',
      '<meta name="mobile-agent" content="format=html5;url=https://m.example.com/1.html">',
      'file:///tmp/1.html',
      RULES['example.com'],
    ],
    [
      'a mobile alternate link',
      '<link rel="alternate" media="handheld" href="//m.example.com/1.html">',
      'file:///tmp/1.html',
      RULES['example.com'],
    ],
    ['the site name in og:site_name', '<meta property="og:site_name" content="示例新闻">', 'file:///tmp/1.html', RULES['news.example.org']],
  ])('finds the rule by %s', (_, head, pageUrl, expected) => {
    expect(ruleFor(head, pageUrl)).toBe(expected);
  });

  it.each([
    ['a file path that names the site', '', 'file:///corpus/example.com/1.html'],
    ['a host that only ends like the domain', '', 'https://notexample.com/1.html'],
    ['a feed link on the site', '<link rel="alternate" type="application/rss+xml" href="https://example.com/rss">', 'file:///tmp/1.html'],
    [
      'a site name claimed by a page fetched from another host',
      '<meta property="og:site_name" content="示例新闻">',
      'https://copies.example.net/1.html',
    ],
  ])('finds none for %s', (_, head, pageUrl) => {
    expect(ruleFor(head, pageUrl)).toBeUndefined();
  });
});

/** A 网易号 (self-media) article as 163.com marks it up: the account sits beside the date. */
const DY_PAGE = `<html><head><title>京沪高速无锡至江阴大桥段封闭施工_网易订阅</title></head><body>
<div class="article_title"><h2>京沪高速无锡至江阴大桥段封闭施工</h2>
<div class="share_box"><p class="time"><span>2019-05-17</span><span class="point"> · </span><span>苏皖城市报道</span></p></div></div>
<div class="content" id="content"><p>下周一，京沪高速施工就将进入第二阶段，也是对无锡市民出行影响最大的一段。</p>
<p>请大家互相转告通知，愿大家都能平安出行，安全到家。</p></div></body></html>`;

describe('extractArticle with and without the site rules', () => {
  it('takes the account a 163.com rule names as the author, with rules on only', () => {
    const url = 'https://www.163.com/dy/article/EFDAIN1E054550F0.html';
    expect(extractArticle(DY_PAGE, url).authors).toEqual(['作者：苏皖城市报道']);
    expect(extractArticle(DY_PAGE, url, { rules: false }).authors).toEqual([]);
  });

  it('finds the same headline, time and text either way', () => {
    const url = 'https://www.163.com/dy/article/EFDAIN1E054550F0.html';
    const on = extractArticle(DY_PAGE, url);
    const off = extractArticle(DY_PAGE, url, { rules: false });
    expect({ ...on, authors: [] }).toEqual({ ...off, authors: [] });
    expect(on.title).toBe('京沪高速无锡至江阴大桥段封闭施工');
    expect(on.published).toBe('2019-05-17');
    expect(on.html).toContain('平安出行，安全到家。');
  });
});

describe('SITE_RULES', () => {
  const selectors = Object.entries(SITE_RULES).flatMap(([domain, rule]) =>
    [rule.title, rule.time, rule.source, rule.author, rule.body, ...(rule.drop ?? [])]
      .filter((selector): selector is string => !!selector)
      .map((selector) => [domain, selector] as const),
  );

  it.each(selectors)('%s: %s is a valid selector', (_, selector) => {
    const $ = cheerio.load('<html><body><p>x</p></body></html>');
    expect(() => $(selector)).not.toThrow();
  });

  it('keys every rule by a bare domain, never a path or file name', () => {
    for (const domain of Object.keys(SITE_RULES)) expect(domain).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
  });
});
