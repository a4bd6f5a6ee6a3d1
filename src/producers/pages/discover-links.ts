import * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import { resolveUrl } from '../resolve-url.js';
import { squash } from './squash.js';

/** The shortest anchor text that reads as a headline rather than a menu item. */
const MIN_HEADLINE_CHARS = 6;

/**
 * Returns the article links of a channel list page, resolved against the page URL, in page
 * order, without repeats: those `linkSelector` picks, or by default the links of the
 * container holding the most headline-length links (the list, not the nav or a sidebar).
 */
export function discoverArticleLinks(html: string, pageUrl: string, linkSelector?: string): string[] {
  const $ = cheerio.load(html);
  const anchors = linkSelector ? $(linkSelector).toArray() : findLargestLinkList($);
  const urls = anchors
    .map((anchor) => resolveUrl($(anchor).attr('href'), pageUrl))
    .filter((url): url is string => url !== undefined && /^(https?|file):/.test(url));
  return [...new Set(urls)];
}

function findLargestLinkList($: cheerio.CheerioAPI): Element[] {
  const counts = new Map<Element, Element[]>();
  $('a[href]').each((_, anchor) => {
    if (squash($(anchor).text()).length < MIN_HEADLINE_CHARS) return;
    const list = $(anchor).closest('ul, ol, table, dl').get(0) ?? anchor.parent;
    if (!list || list.type !== 'tag') return;
    counts.set(list, [...(counts.get(list) ?? []), anchor]);
  });
  const [, anchors = []] = [...counts].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
  return anchors;
}
