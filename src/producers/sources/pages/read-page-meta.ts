import type * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import { dropEmpty } from '../../../domain/drop-empty.js';
import { anyOf } from '../../../domain/news-vocabulary.js';
import { chinaDate, hasClock } from './date-patterns.js';
import { textOf } from './dom-text.js';
import { readEnpProperty } from './read-enp-property.js';
import { readJsonLd } from './read-json-ld.js';
import { readScriptData } from './read-script-data.js';
import { readStructuredAuthors } from './read-structured-authors.js';
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
  /** The headline the JSON-LD article gives. */
  ldHeadline?: string | undefined;
  /** Publication time from meta tags, JSON-LD, `<time>`, an inline script or a Founder enpproperty comment, as found. */
  published?: string | undefined;
  /** Last-modified time, as found; only ever used to give a yearless visible date its year. */
  modified?: string | undefined;
  /** The `source` meta (来源), without its label. */
  source?: string | undefined;
  /** Writers the page names in structured data (JSON-LD, article:author, author meta, microdata, enpproperty), not the site itself. */
  authors: string[];
  /** Author or account names the page's scripts hold. */
  scriptNames: string[];
}

/** Meta names (name, property or itemprop, lower-cased) that carry the publication time, best first. */
/** What a source meta may hold before the outlet: 来源：, 來源：. */
const SOURCE_LABEL = new RegExp(`^.*?${anyOf(['来源'])}\\s*[:：]\\s*`);
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
  // gov.cn writes 2024-05-17-15:38:15.
  'firstpublishedtime',
];
const MODIFIED_META = ['article:modified_time', 'og:updated_time', 'datemodified', 'dateupdate', 'lastmodified'];
const SITE_NAME_META = ['og:site_name', 'application-name', 'author', 'article:author'];

/** Reads the page's head tags and structured data. Call before scripts are removed. */
export function readPageMeta($: cheerio.CheerioAPI): PageMeta {
  const metas = collectMetas($);
  const first = (names: string[]) => names.map((name) => metas.get(name)).find(Boolean);
  const canonical = dropEmpty($('link[rel="canonical"]').attr('href')?.trim()) ?? metas.get('og:url');
  // One pass each over the scripts and the itemprop elements serves every reader below.
  const scriptElements = $('script').toArray();
  const itemprops = $('[itemprop], time[pubdate]').toArray();
  const linked = readJsonLd(scriptElements);
  const scripts = readScriptData(scriptElements);
  const documentTitle = squash($('title').first().text());
  const root = $.root()[0];
  const enp = root ? readEnpProperty(root) : {};
  return {
    canonical,
    identityUrls: [canonical, metas.get('og:url'), ...mobileUrls($, metas)].filter((url): url is string => !!url),
    siteNames: SITE_NAME_META.map((name) => metas.get(name)).filter((name): name is string => !!name),
    documentTitle,
    ogTitle: metas.get('og:title'),
    ldHeadline: linked.headline,
    published: preferClock([first(PUBLISHED_META), linked.published, readTimeElement(itemprops), scripts.published, enp.published]),
    modified: first(MODIFIED_META) ?? linked.modified,
    source: dropEmpty((metas.get('source') ?? metas.get('contentsource'))?.replace(SOURCE_LABEL, '').split(/\s+/)[0]),
    authors: readStructuredAuthors(itemprops, metas, [...linked.authors, ...(enp.author ? [enp.author] : [])], documentTitle),
    scriptNames: scripts.names,
  };
}

/**
 * The first time found, in the order of the sources; a later one of the same day stands in
 * for a first that gives the date alone (a publishdate meta of 2024-05-06 and an inline
 * 2024-05-06 16:32).
 */
function preferClock(times: readonly (string | undefined)[]): string | undefined {
  const found = times.filter((time): time is string => !!time).map(tidyTime);
  const [first] = found;
  if (first === undefined || hasClock(first)) return first;
  return found.find((time) => hasClock(time) && chinaDate(time) === chinaDate(first)) ?? first;
}

/** `2024-05-17-15:38:15` (gov.cn) as `2024-05-17 15:38:15`. */
function tidyTime(time: string): string {
  return time.trim().replace(/^(\d{4}-\d{1,2}-\d{1,2})-(\d{1,2}:\d{2})/, '$1 $2');
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

/** The time of the first `<time pubdate>` or itemprop=datePublished element: its datetime, content or text. */
function readTimeElement(itemprops: readonly Element[]): string | undefined {
  const element = itemprops.find(
    (node) => node.attribs.itemprop === 'datePublished' || (node.name === 'time' && node.attribs.pubdate !== undefined),
  );
  if (!element) return undefined;
  return (element.attribs.datetime ?? element.attribs.content ?? squash(textOf(element))) || undefined;
}
