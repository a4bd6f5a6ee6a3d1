import * as cheerio from 'cheerio';
import { assertParsableDepth } from '../../../domain/html-depth.js';
import type { AnyNode, Element } from 'domhandler';
import { resolveUrl } from '../resolve-url.js';
import { startsWithFurnitureMarker } from './body-lines.js';
import { isElement } from './dom-text.js';
import { squash } from './squash.js';

/** The shortest anchor text that reads as a headline rather than a menu item. */
const MIN_HEADLINE_CHARS = 6;
/** A date beside a link (2024-03-26, 03-26, 2024年3月26日): list items of news carry one. */
const ITEM_DATE = /\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}|(?<!\d)\d{1,2}[-/]\d{1,2}(?!\d)/;
/** How much a list headed by 热点排行, 相关新闻 and the like still counts. */
const FURNITURE_WEIGHT = 0.1;

/** One entry of a channel list page: the article's URL, and the title and time the list shows for it. */
export interface ListEntry {
  url: string;
  title: string;
  /** The date (and time) beside the link, as the list words it, when its item shows one. */
  time?: string | undefined;
}

/** A date beside a link, with its time of day when the list shows one (2024-03-26 10:20). */
const ENTRY_TIME = new RegExp(`(?:${ITEM_DATE.source})日?(?:\\s*\\d{1,2}:\\d{2}(?::\\d{2})?)?`);

/**
 * Returns the article links of a channel list page, resolved against the page URL, in page
 * order, without repeats: those `linkSelector` picks, or by default the links of the best
 * list on the page (the channel's own list, not the nav or a sidebar).
 */
export function discoverArticleLinks(html: string, pageUrl: string, linkSelector?: string): string[] {
  return discoverListEntries(html, pageUrl, linkSelector).map((entry) => entry.url);
}

/**
 * Returns the entries of a channel list page, as discoverArticleLinks finds their links, each
 * with the title the list gives it (the link's text, or its title attribute when the text is
 * cut short or empty) and the time its item shows beside it.
 */
export function discoverListEntries(html: string, pageUrl: string, linkSelector?: string): ListEntry[] {
  assertParsableDepth(html, 'discover');
  // parse5 throws on lone surrogates (UTF-16 bytes gone wrong), so the text is made well-formed first.
  const $ = cheerio.load(html.toWellFormed());
  const anchors = linkSelector ? $(linkSelector).toArray() : findArticleList($, pageUrl);
  // Local files are followed only from a local list page: a web page linking to file:///etc/…
  // must not make the fetcher read this machine's files.
  const allowed = pageUrl.startsWith('file:') ? /^(https?|file):/ : /^https?:/;
  const entries = new Map<string, ListEntry>();
  // Items are read once however many links they hold: a page of one cell of 800 links stays linear.
  const itemTimes = new Map<AnyNode, string | undefined>();
  for (const anchor of anchors) {
    const url = resolveUrl($(anchor).attr('href'), pageUrl);
    if (url === undefined || !allowed.test(url) || entries.has(url)) continue;
    entries.set(url, { url, title: entryTitle($, anchor), time: entryTime($, anchor, itemTimes) });
  }
  return [...entries.values()];
}

function entryTitle($: cheerio.CheerioAPI, anchor: AnyNode): string {
  const text = squash($(anchor).text());
  const title = isElement(anchor) ? squash(anchor.attribs.title ?? '') : '';
  return title && (text === '' || /(…|\.\.\.)$/.test(text)) ? title : text;
}

/** The time in the link's own item (li, tr, dd), when the item holds no other link whose time it could be. */
function entryTime($: cheerio.CheerioAPI, anchor: AnyNode, itemTimes: Map<AnyNode, string | undefined>): string | undefined {
  const item = $(anchor).closest('li, tr, dd').get(0) ?? anchor.parent;
  if (!item) return undefined;
  if (itemTimes.has(item)) return itemTimes.get(item);
  const time = $(item).find('a[href]').length > 1 ? undefined : ENTRY_TIME.exec(squash($(item).text()))?.[0];
  itemTimes.set(item, time);
  return time;
}

/**
 * The links of the list that scores best. Each headline-length link scores 1, plus 1 when it
 * stays under the list page's own path (a channel lists its own articles; sidebars link
 * across the site) and 1 when its item carries a date; a list headed by a furniture marker
 * (热点排行, 相关新闻) scores a tenth.
 */
function findArticleList($: cheerio.CheerioAPI, pageUrl: string): Element[] {
  const lists = new Map<Element, Element[]>();
  $('a[href]').each((_, anchor) => {
    if (squash($(anchor).text()).length < MIN_HEADLINE_CHARS) return;
    const list = $(anchor).closest('ul, ol, table, dl').get(0) ?? anchor.parent;
    if (!isElement(list)) return;
    const members = lists.get(list);
    if (members) members.push(anchor);
    else lists.set(list, [anchor]);
  });
  const pageDir = directoryOf(pageUrl);
  // Items are judged by their text once: anchors without an item of their own share their parent's.
  const dated = new Map<AnyNode, boolean>();
  const isDated = (item: AnyNode) => {
    const known = dated.get(item);
    if (known !== undefined) return known;
    const found = ITEM_DATE.test($(item).text());
    dated.set(item, found);
    return found;
  };
  let best: Element[] = [];
  let bestScore = 0;
  for (const [list, anchors] of lists) {
    const weight = isFurnitureList($, list) ? FURNITURE_WEIGHT : 1;
    const score = weight * anchors.reduce((sum, anchor) => sum + linkScore($, anchor, pageUrl, pageDir, isDated), 0);
    if (score > bestScore) {
      best = anchors;
      bestScore = score;
    }
  }
  return best;
}

function linkScore(
  $: cheerio.CheerioAPI,
  anchor: Element,
  pageUrl: string,
  pageDir: string | undefined,
  isDated: (item: AnyNode) => boolean,
): number {
  const url = resolveUrl(anchor.attribs.href, pageUrl);
  const underPage = pageDir !== undefined && url?.startsWith(pageDir) === true;
  const item = $(anchor).closest('li, tr, dd').get(0) ?? anchor.parent;
  return 1 + (underPage ? 1 : 0) + (item && isDated(item) ? 1 : 0);
}

/** True when the heading right before the list, or the list's first line, is a furniture marker. */
function isFurnitureList($: cheerio.CheerioAPI, list: Element): boolean {
  const heading = $(list).prevAll().first();
  const headingText = heading.length > 0 ? squash(heading.text()) : '';
  if (headingText.length <= 20 && startsWithFurnitureMarker(headingText)) return true;
  return startsWithFurnitureMarker(squash($(list).text()).slice(0, 12));
}

/** The page URL up to its last slash: the channel's own path. */
function directoryOf(pageUrl: string): string | undefined {
  try {
    const url = new URL(pageUrl);
    return `${url.origin === 'null' ? `${url.protocol}//` : url.origin}${url.pathname.replace(/[^/]*$/, '')}`;
  } catch {
    return undefined;
  }
}
