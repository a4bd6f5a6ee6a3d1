import type * as cheerio from 'cheerio';
import { dropEmpty } from '../../../domain/drop-empty.js';
import { squash } from './squash.js';

/** What a page says about itself outside its visible text: head tags, JSON-LD and script data. */
export interface PageMeta {
  /** The canonical link, else og:url. */
  canonical?: string | undefined;
  /** URLs the page gives for itself (canonical, og:url, mobile-agent, mobile alternate): they name its site. */
  identityUrls: string[];
  /** Names the site gives itself (og:site_name, application-name, author meta). */
  siteNames: string[];
  documentTitle: string;
  ogTitle?: string | undefined;
  /** Publication time from meta tags, JSON-LD, `<time>` or an inline script, as found. */
  published?: string | undefined;
  /** Last-modified time, as found; only ever used to give a yearless visible date its year. */
  modified?: string | undefined;
  /** The `source` meta (来源), without its label. */
  source?: string | undefined;
}

/** Meta names (name, property or itemprop, lower-cased) that carry the publication time, best first. */
const PUBLISHED_META = [
  'article:published_time',
  'og:article:published_time',
  'og:release_date',
  'datepublished',
  'pubdate',
  'publishdate',
  'publish_date',
  'publish-date',
  'publishtime',
  'pubtime',
  'weibo:article:create_at',
  'dc.date.issued',
  'dcterms.issued',
  'dc.date',
  'parsely-pub-date',
  'sailthru.date',
];
const MODIFIED_META = ['article:modified_time', 'og:updated_time', 'datemodified', 'dateupdate', 'lastmodified'];
const SITE_NAME_META = ['og:site_name', 'application-name', 'author', 'article:author'];

/**
 * Script variables that hold the publication time (`"pubtime": "2019-09-07 19:02:26"`,
 * `publish_time = '…'`): portals that render with JavaScript keep it there.
 */
const SCRIPT_TIME =
  /["']?\b(?:pub_?time|publish_?time|publishTime|pub_?date|publishDate|ptime|datePublished)["']?\s*[:=]\s*["'](\d{4}[-/年]\d{1,2}[-/月]\d{1,2}[^"']{0,12})["']/i;

/** Reads the page's head tags and structured data. Call before scripts are removed. */
export function readPageMeta($: cheerio.CheerioAPI): PageMeta {
  const metas = collectMetas($);
  const first = (names: string[]) => names.map((name) => metas.get(name)).find(Boolean);
  const canonical = dropEmpty($('link[rel="canonical"]').attr('href')?.trim()) ?? metas.get('og:url');
  return {
    canonical,
    identityUrls: [canonical, metas.get('og:url'), ...mobileUrls($, metas)].filter((url): url is string => !!url),
    siteNames: SITE_NAME_META.map((name) => metas.get(name)).filter((name): name is string => !!name),
    documentTitle: squash($('title').first().text()),
    ogTitle: metas.get('og:title'),
    published: first(PUBLISHED_META) ?? readJsonLdDate($) ?? readTimeElement($) ?? readScriptTime($),
    modified: first(MODIFIED_META),
    source: dropEmpty(
      metas
        .get('source')
        ?.replace(/^.*?来源\s*[:：]\s*/, '')
        .split(/\s+/)[0],
    ),
  };
}

/** Every meta tag's content by its name, property or itemprop, lower-cased; the first of a name wins. */
function collectMetas($: cheerio.CheerioAPI): Map<string, string> {
  const metas = new Map<string, string>();
  $('meta[content]').each((_, meta) => {
    const name = (meta.attribs.name ?? meta.attribs.property ?? meta.attribs.itemprop ?? meta.attribs['http-equiv'])?.toLowerCase();
    const content = meta.attribs.content?.trim();
    if (name && content && !metas.has(name)) metas.set(name, content);
  });
  return metas;
}

/** The page URLs in mobile-agent metas (`format=html5;url=…`) and mobile alternate links. */
function mobileUrls($: cheerio.CheerioAPI, metas: Map<string, string>): string[] {
  const agent = /url=([^;\s]+)/.exec(metas.get('mobile-agent') ?? '')?.[1];
  const alternates = $('link[rel="alternate"][media], link[rel="alternate"][type*="wap"]')
    .toArray()
    .map((link) => link.attribs.href?.trim())
    .filter((href): href is string => !!href && /^(https?:)?\/\//.test(href));
  return [...(agent ? [agent] : []), ...alternates];
}

/** datePublished (or pubDate, as Baidu's schema writes it) from the first JSON-LD block that has one. */
function readJsonLdDate($: cheerio.CheerioAPI): string | undefined {
  for (const script of $('script[type="application/ld+json"]').toArray()) {
    try {
      const found = findKey(JSON.parse($(script).text()) as unknown, /^(datePublished|pubDate|dateCreated)$/, 0);
      if (found) return found;
    } catch {
      // A broken JSON-LD block is common and says nothing; the other sources still count.
    }
  }
  return undefined;
}

function findKey(value: unknown, key: RegExp, depth: number): string | undefined {
  if (depth > 5 || value === null || typeof value !== 'object') return undefined;
  for (const [name, child] of Object.entries(value)) {
    if (key.test(name) && typeof child === 'string' && child.trim()) return child.trim();
    const nested = findKey(child, key, depth + 1);
    if (nested) return nested;
  }
  return undefined;
}

function readTimeElement($: cheerio.CheerioAPI): string | undefined {
  const element = $('time[pubdate], time[itemprop="datePublished"], [itemprop="datePublished"]').first();
  return (element.attr('datetime') ?? element.attr('content') ?? squash(element.text())) || undefined;
}

function readScriptTime($: cheerio.CheerioAPI): string | undefined {
  for (const script of $('script:not([src])').toArray()) {
    const time = SCRIPT_TIME.exec($(script).text())?.[1];
    if (time !== undefined) return time.trim();
  }
  return undefined;
}
