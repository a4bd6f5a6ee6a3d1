import * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import { assertParsableDepth } from '../../../domain/html-depth.js';
import { resolveUrl } from '../resolve-url.js';
import { squash } from './squash.js';

/**
 * Labels of a pager's next link, once arrows, brackets and spaces are stripped: 下一页 and its
 * short and traditional forms, and the English words. 下一篇 (the next article) is not one.
 */
const NEXT_WORDS = new Set(['下一页', '下页', '后页', '下一頁', '下頁', '後頁', 'next', 'nextpage', 'older', 'olderposts', 'olderentries']);
/** What is stripped from a label before it is compared: arrows, brackets, spaces. */
const LABEL_NOISE = /[\s<>《》«»‹›→\-[\]【】()（）]/g;
/** Arrow-only labels, the single arrow first: some pagers put » on the last page and › on the next. */
const NEXT_ARROWS = ['›', '>', '→', '»', '>>', '›››'];
/** Classes that mark a pager's current page. */
const CURRENT_CLASS = /(^|[\s_-])(cur|current|active|on|selected|thisclass|now)($|[\s_-])/i;
/** A URL that names its page: index_2.html, list-3.shtml, ?page=4, /page/5. */
const PAGED_URL = /[_-]\d+\.s?html?$|[?&](page|p|pn|pageno|pageindex|curpage)=\d+|\/page\/\d+\/?$/i;
/**
 * The pager of TRS-built portals, written by a script: createPageHTML(pages, current, 'index',
 * 'html'), the current page counted from 0, page 0 being index.html and page n index_n.html.
 */
const TRS_PAGER = /createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*["']([\w-]+)["']\s*,\s*["'](\w+)["']\s*\)/;

/**
 * Returns the URL of the next page of a paged list, resolved against the page URL, or undefined
 * when the page names none. Tried in order: a `rel=next` link; a link labelled 下一页 (下页, 后页,
 * next…), then one labelled with an arrow (›, », >); the TRS pager script; the link numbered one
 * past the pager's current page. A link back to the page itself is no next page (a pager's last
 * page often keeps its 下一页 pointing there).
 */
export function findNextPageUrl(html: string, pageUrl: string): string | undefined {
  assertParsableDepth(html, 'discover');
  const $ = cheerio.load(html.toWellFormed());
  const usable = (href: string | undefined) => {
    if (!href || /^\s*(javascript:|#|mailto:)/i.test(href)) return undefined;
    const url = resolveUrl(href, pageUrl);
    return url !== undefined && /^(https?|file):/.test(url) && !samePage(url, pageUrl) ? url : undefined;
  };
  const relNext = $('link[rel~="next"], a[rel~="next"]')
    .toArray()
    .map((element) => usable($(element).attr('href')))
    .find((url) => url !== undefined);
  if (relNext) return relNext;
  const anchors = $('a[href]').toArray();
  const labelled = (test: (label: string) => boolean) =>
    anchors.map((anchor) => (test(labelOf($, anchor)) ? usable(anchor.attribs.href) : undefined)).find((url) => url !== undefined);
  const byWord = labelled((label) => NEXT_WORDS.has(label.replace(LABEL_NOISE, '').toLowerCase()));
  if (byWord) return byWord;
  for (const arrow of NEXT_ARROWS) {
    const byArrow = labelled((label) => label.replace(/\s/g, '') === arrow);
    if (byArrow) return byArrow;
  }
  return usable(nextOfTrsPager(html)) ?? nextByNumber($, anchors, pageUrl, usable);
}

/** A link's label: its text, else its title or aria-label (icon links). */
function labelOf($: cheerio.CheerioAPI, anchor: Element): string {
  return squash($(anchor).text()) || squash(anchor.attribs.title ?? anchor.attribs['aria-label'] ?? '');
}

function nextOfTrsPager(html: string): string | undefined {
  const match = TRS_PAGER.exec(html);
  if (!match) return undefined;
  const [, pages, current, name, extension] = match;
  const next = Number(current) + 1;
  return next < Number(pages) ? `${name}_${next}.${extension}` : undefined;
}

/**
 * The link labelled with the page number after the current one. The current page is the
 * number the pager shows without a link or marks as current (class current, on, active);
 * without one, a URL that names no page is page 1.
 */
function nextByNumber(
  $: cheerio.CheerioAPI,
  anchors: Element[],
  pageUrl: string,
  usable: (href: string | undefined) => string | undefined,
): string | undefined {
  const numbered = anchors.filter((anchor) => /^\d{1,4}$/.test(labelOf($, anchor).replace(/[[\]]/g, '')));
  if (numbered.length === 0) return undefined;
  const current = currentPageNumber($, numbered) ?? (PAGED_URL.test(pageUrl) ? undefined : 1);
  if (current === undefined) return undefined;
  const next = numbered.find((anchor) => Number(labelOf($, anchor).replace(/[[\]]/g, '')) === current + 1);
  return next ? usable(next.attribs.href) : undefined;
}

function currentPageNumber($: cheerio.CheerioAPI, numbered: Element[]): number | undefined {
  for (const anchor of numbered) {
    if (CURRENT_CLASS.test(anchor.attribs.class ?? '')) return Number(labelOf($, anchor).replace(/[[\]]/g, ''));
  }
  // A number in the pager that is no link: the page being shown.
  const pager = numbered[0]?.parent;
  if (!pager) return undefined;
  const plain = $(pager)
    .children()
    .toArray()
    .find((child) => child.tagName !== 'a' && /^\[?\d{1,4}\]?$/.test(squash($(child).text())));
  return plain ? Number(squash($(plain).text()).replace(/[[\]]/g, '')) : undefined;
}

/** The same page, whatever its fragment. */
function samePage(a: string, b: string): boolean {
  return a.replace(/#.*$/, '') === b.replace(/#.*$/, '');
}
