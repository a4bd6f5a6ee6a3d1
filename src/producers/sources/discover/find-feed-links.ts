import * as cheerio from 'cheerio';
import { resolveUrl } from '../resolve-url.js';
import { dropEmpty } from '../../../domain/drop-empty.js';

/** A feed a page names: where, and what its `<link>` says it is. */
export interface FeedLink {
  url: string;
  /** The media type the link declares (`application/rss+xml`…). */
  type: string;
  title: string | undefined;
}

/**
 * The media types of feed autodiscovery (RSS Board's RSS Autodiscovery, RFC 4287 §7's
 * application/atom+xml, JSON Feed 1.1's application/feed+json) and those sites use in their
 * place: RSS 1.0's application/rdf+xml, plain XML, and JSON (which is also how WordPress names
 * its REST API, so every candidate is fetched and read before it is believed).
 */
const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/rdf+xml',
  'application/json',
  'application/xml',
  'text/xml',
]);

/** Paths where sites without autodiscovery keep their feed, tried from the site's root. */
export const COMMON_FEED_PATHS = [
  '/feed',
  '/rss',
  '/rss.xml',
  '/atom.xml',
  '/index.xml',
  '/feed.xml',
  '/feed.json',
  '/index.rss',
  '/feed/atom',
];

/** Paths tried below the page's own directory too (a channel's or a blog's feed beside its page). */
const DIRECTORY_FEED_PATHS = ['feed', 'rss.xml', 'index.xml', 'atom.xml'];

/**
 * Returns the feeds an HTML page names with `<link rel="alternate" type="…">` (in the head or,
 * as some portals write it, the body), resolved against the page's base, in page order, once each.
 */
export function findFeedLinks(html: string, pageUrl: string): FeedLink[] {
  const $ = cheerio.load(html.toWellFormed());
  const base = resolveUrl($('base[href]').attr('href'), pageUrl) ?? pageUrl;
  const found = new Map<string, FeedLink>();
  $('link[rel][href]').each((_, element) => {
    const link = $(element);
    const rel = (link.attr('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (link.attr('type') ?? '').toLowerCase().split(';')[0]?.trim() ?? '';
    if (!rel.includes('alternate') || !FEED_TYPES.has(type)) return;
    const url = resolveUrl(link.attr('href'), base);
    if (!url || !/^https?:/.test(url) || found.has(url)) return;
    found.set(url, { url, type, title: dropEmpty(link.attr('title')?.trim()) });
  });
  return [...found.values()];
}

/** The common feed URLs of a site to try, for a page of it: the root's paths, then those beside the page. */
export function commonFeedUrls(pageUrl: string): string[] {
  const page = new URL(pageUrl);
  const directory = page.pathname.replace(/[^/]*$/, '');
  const urls = COMMON_FEED_PATHS.map((feedPath) => new URL(feedPath, page.origin).href);
  if (directory !== '/') urls.push(...DIRECTORY_FEED_PATHS.map((feedPath) => new URL(feedPath, `${page.origin}${directory}`).href));
  return [...new Set(urls)];
}

/** The format of a feed document from its first element: `atom`, `rdf` (RSS 1.0), `rss`, or `json`. */
export function feedFormatOf(text: string): 'rss' | 'atom' | 'rdf' | 'json' {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{')) return 'json';
  // The first element that is not a declaration, comment or processing instruction.
  const root = /<(?![?!])([\w.-]+:)?([\w.-]+)/.exec(start)?.[2]?.toLowerCase();
  return root === 'feed' ? 'atom' : root === 'rdf' ? 'rdf' : 'rss';
}
