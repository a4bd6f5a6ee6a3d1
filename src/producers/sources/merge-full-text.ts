import * as cheerio from 'cheerio';
import type { RawItem } from '../../domain/raw-item.js';

/** A feed body this short is a teaser, kept as the summary when the page's body replaces it; a longer one is not. */
const MAX_TEASER_CHARS = 300;

/**
 * Returns a feed entry filled from the page it links to (fullText sources): the page's title,
 * body, time, byline, 来源 and images, the feed's own wherever the page gives none (its title
 * when the page has no headline, its time when the page shows none). The body is the page's
 * only when it says more than the feed did: an extraction that found a scrap does not replace
 * a feed's full content. The entry keeps its identity (guid, URL), and the feed's teaser (a short
 * body), when the page's body replaces it, becomes the summary. `pageUrl` is where the page was read from,
 * against which its relative links resolve.
 */
export function mergeFullText(feed: RawItem, page: RawItem, pageUrl: string): RawItem {
  const feedBody = feed.html ?? feed.text;
  const feedLength = feed.html !== undefined ? textLength(feed.html) : (feed.text?.replace(/\s+/g, '').length ?? 0);
  const pageLength = page.html === undefined ? 0 : textLength(page.html);
  const takesBody = pageLength > 0 && pageLength >= feedLength;
  const teaser = feedLength <= MAX_TEASER_CHARS ? feedBody : undefined;
  return {
    ...feed,
    title: page.title?.trim() ? page.title : feed.title,
    ...(takesBody ? { html: page.html, text: undefined, contentBase: pageUrl, summary: feed.summary ?? teaser } : {}),
    authors: page.authors.length > 0 ? page.authors : feed.authors,
    editors: page.editors?.length ? page.editors : feed.editors,
    originalSource: page.originalSource ?? feed.originalSource,
    published: page.published ?? feed.published,
    updated: page.updated ?? feed.updated,
    categories: union(feed.categories, page.categories),
    images: union(page.images, feed.images),
    placeHints: union(feed.placeHints, page.placeHints),
  };
}

/** What an entry's feed says about its version: when the entry changes, its page is read again. */
export function entryStamp(item: RawItem): string {
  return JSON.stringify([item.updated ?? item.published ?? '', item.title ?? '']);
}

function textLength(html: string): number {
  return cheerio.load(html).root().text().replace(/\s+/g, '').length;
}

function union(first: readonly string[], second: readonly string[]): string[] {
  return [...new Set([...first, ...second])];
}
