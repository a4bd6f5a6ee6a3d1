import type * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import { dropEmpty } from '../../../domain/drop-empty.js';
import { startsWithFurnitureMarker } from './body-lines.js';
import { findFullDate } from './date-patterns.js';
import { classAndId, isElement, textOf, type TextMeasure } from './dom-text.js';
import { findBodyContainer } from './find-body.js';
import type { PageMeta } from './read-page-meta.js';
import { squash } from './squash.js';

/** The headline: the element that shows it (when one does) and its text. */
export interface Headline {
  element?: Element | undefined;
  text?: string | undefined;
}

/** Headlines are rarely longer; longer leaf blocks are paragraphs. */
const MAX_HEADLINE_CHARS = 100;
const HEADING_BONUS: Record<string, number> = { h1: 6, h2: 4, h3: 2, h4: 1 };
/** The titles a page gives in its head and its structured data. */
export type Titles = Pick<PageMeta, 'documentTitle' | 'ogTitle' | 'ldHeadline'>;
/** Where the og:title and the JSON-LD headline sit among the titles compared: [document title, og:title, JSON-LD headline]. */
const OG_TITLE = 1;
const LD_HEADLINE = 2;
/** A date line is short; the headline sits at most this many lines above it (a subtitle may come between). */
const MAX_DATE_LINE = 100;
const LINES_ABOVE_DATE = 3;
/**
 * Fewer words in a title than this (a Han character or a run of Latin letters and digits
 * each count one), and it is a site's or an app's name (大众新闻, 泰山Plus), not a headline.
 */
const MIN_TITLE_WORDS = 6;
/** Elements that hold the document title without showing it on the page. */
const NOT_SHOWN = new Set(['html', 'head', 'title']);
const TITLE_CLASS = /title|headline|biaoti|tit\b/;
/** What sites append to the document title: `标题_频道_网站`, `标题-新华网`, `标题|游民星空`. */
const TITLE_SEPARATOR = /\s*(?:[_|｜]|-{1,2}|\s—\s)\s*/;

/**
 * Finds the headline by agreement between the page's visible headings and its document title,
 * og:title and JSON-LD headline: the leaf element whose text equals, or starts, a title wins,
 * headings and `*title*` classes first, link text never (related-news lists repeat headlines
 * as links). Without agreement: the first non-empty h1; else the line right above the page's
 * first date line (app share pages title their document with the app's name and show the
 * headline in a plain div); else the title-classed line nearest above the article text (a
 * mobile page whose date line has no year); else the document title before its site suffix.
 */
export function findHeadline($: cheerio.CheerioAPI, measures: Map<Element, TextMeasure>, titles: Titles): Headline {
  const wanted = [titles.documentTitle, titles.ogTitle ?? '', titles.ldHeadline ?? ''].map(withoutSpace);
  let best: { element: Element; score: number } | undefined;
  for (const [element, measure] of measures) {
    const length = measure.text + measure.linkText;
    if (measure.hasBlock || length < 4 || length > MAX_HEADLINE_CHARS || NOT_SHOWN.has(element.name)) continue;
    // Only a heading may be a link (to the article itself); elsewhere linked headlines are teasers.
    const heading = element.name in HEADING_BONUS;
    if (!heading && (measure.linkText > 0 || insideLink(element))) continue;
    const score = agreement(withoutSpace(textOf(element)), wanted) + markupBonus(element);
    if (score > 100 && (!best || score > best.score)) best = { element, score };
  }
  if (best) return { element: best.element, text: squash(textOf(best.element)) };
  const h1 = $('h1')
    .toArray()
    .find((element) => squash($(element).text()));
  if (h1) return { element: h1, text: squash($(h1).text()) };
  const aboveDate = lineAboveDate($, measures);
  if (aboveDate) return { element: aboveDate, text: squash(textOf(aboveDate)) };
  const aboveText = titledLineAboveText(measures);
  if (aboveText) return { element: aboveText, text: squash(textOf(aboveText)) };
  return { text: stripSiteSuffix(dropEmpty(titles.ogTitle) ?? titles.documentTitle) || undefined };
}

/** The headline-like line (short, not a link, not a sentence) at most three lines above a date line. */
function lineAboveDate($: cheerio.CheerioAPI, measures: Map<Element, TextMeasure>): Element | undefined {
  const lines = $('body *')
    .toArray()
    .filter((element) => {
      const measure = measures.get(element);
      return measure && !measure.hasBlock && measure.text + measure.linkText > 0;
    });
  for (const [i, line] of lines.entries()) {
    const text = squash(textOf(line));
    if (text.length > MAX_DATE_LINE || !findFullDate(text)) continue;
    const above = lines.slice(Math.max(0, i - LINES_ABOVE_DATE), i).reverse();
    const headline = above.find((element) => isHeadlineLike(element, measures.get(element)));
    if (headline) return headline;
  }
  return undefined;
}

/**
 * The headline-like line with a `*title*` class (its own or its parent's) that ends nearest
 * above the start of the article text, as findBodyContainer finds it without a headline.
 */
function titledLineAboveText(measures: Map<Element, TextMeasure>): Element | undefined {
  const body = findBodyContainer(measures);
  const start = body ? measures.get(body)?.offset : undefined;
  if (start === undefined) return undefined;
  let nearest: { element: Element; end: number } | undefined;
  for (const [element, measure] of measures) {
    const end = measure.offset + measure.text + measure.linkText;
    if (measure.hasBlock || end > start || (nearest && end <= nearest.end) || markupBonus(element) < 3) continue;
    if (isHeadlineLike(element, measure)) nearest = { element, end };
  }
  return nearest?.element;
}

function isHeadlineLike(element: Element, measure: TextMeasure | undefined): boolean {
  const text = squash(textOf(element));
  return (
    !!measure &&
    measure.linkText === 0 &&
    !insideLink(element) &&
    text.length >= 6 &&
    text.length <= MAX_HEADLINE_CHARS &&
    !/[。；;]$/.test(text) &&
    !findFullDate(text) &&
    !startsWithFurnitureMarker(text)
  );
}

/**
 * Nothing for a title shorter than MIN_TITLE_WORDS;
 * 300 for the title's headline part exactly (310 for the og:title, which names the article
 * where the document title may name only the site), 150 for the whole document title with
 * its site suffix (share widgets repeat that, headlines do not), 100 to 200 for a prefix of
 * a title, by how much of the headline part it covers.
 */
function agreement(text: string, titles: string[]): number {
  let score = 0;
  titles.forEach((title, index) => {
    const head = withoutSpace(stripSiteSuffix(title));
    // A title this short names the site or the app (大众新闻, 学习平台) that the page also shows; it agrees with no headline.
    if (countWords(head) < MIN_TITLE_WORDS) return;
    if (text === head) score = Math.max(score, index === OG_TITLE ? 310 : index === LD_HEADLINE ? 305 : 300);
    else if (text === title) score = Math.max(score, 150);
    else if (text.length >= 8 && title.startsWith(text)) score = Math.max(score, 100 + Math.min(100, (100 * text.length) / head.length));
  });
  return score;
}

function markupBonus(element: Element): number {
  const heading = HEADING_BONUS[element.name] ?? 0;
  const parent = isElement(element.parent) ? element.parent : undefined;
  const titled = TITLE_CLASS.test(classAndId(element)) || (parent && TITLE_CLASS.test(classAndId(parent)));
  return heading + (titled ? 3 : 0);
}

function insideLink(element: Element): boolean {
  for (let node: Element | null = element; node; node = isElement(node.parent) ? node.parent : null) {
    if (node.name === 'a') return true;
  }
  return false;
}

/**
 * The document title without the channel and site names the site joins to it: the longest
 * part between separators, since a headline outlasts `网易新闻` or `股票频道`.
 */
export function stripSiteSuffix(title: string): string {
  const parts = title.split(TITLE_SEPARATOR).map(squash);
  return parts.reduce((longest, part) => (part.length > longest.length ? part : longest), '');
}

/** Han characters and runs of Latin letters or digits: 泰山Plus is three words, not six characters. */
function countWords(text: string): number {
  return text.match(/\p{Script=Han}|[\p{Script=Latin}\p{N}]+/gu)?.length ?? 0;
}

function withoutSpace(text: string): string {
  return text.replace(/[\s\u3000\u00a0]+/g, '');
}
