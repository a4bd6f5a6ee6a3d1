import * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import { dropEmpty } from '../../../domain/drop-empty.js';
import { assertParsableDepth, assertShallowTree } from '../../../domain/html-depth.js';
import {
  anyOf,
  COMMENT_MARKERS,
  RELATED_LIST_HEADINGS,
  REPORTER_ROLES,
  roleSource,
  SHARE_MARKERS,
} from '../../../domain/news-vocabulary.js';
import { emptyRawItem, type RawItem } from '../../../domain/raw-item.js';
import { resolveUrl } from '../resolve-url.js';
import { choosePublished } from './choose-published.js';
import { paragraphize, removeFurniture } from './clean-body.js';
import { isElement, measureText, textOutside, type TextMeasure } from './dom-text.js';
import { findBodyContainer } from './find-body.js';
import { findBreadcrumb } from './find-breadcrumb.js';
import { findHeadline, type Headline } from './find-headline.js';
import { joinSplitBody } from './join-split-body.js';
import { parseInfoLine, type InfoLine } from './info-line.js';
import { matchSiteRule } from './match-site-rule.js';
import { readHeader, readPreHeader, readTrailer, type Header } from './read-header.js';
import { readPageMeta, type PageMeta } from './read-page-meta.js';
import { SITE_RULES, type SiteRule } from './site-rules.js';
import { squash } from './squash.js';
import { trimBody, type TakenLines } from './trim-body.js';

/**
 * Tags that never hold article text. Not <form>: ASP.NET pages wrap the whole page in one;
 * forms inside the body go as furniture.
 */
const NON_CONTENT = 'script, style, noscript, iframe, button, input, select, textarea, svg, template';
/** Roles that name a writer; without any, the account a page names (百家号, 澎湃号) stands in as author. */
const WRITER_ROLE = new RegExp(anyOf(REPORTER_ROLES));
/** A writer credit after the body: the role set apart from the name (作者：马莉, 记者 黄磊), not 作者最新文章. */
const WRITER_CREDIT = new RegExp(`${roleSource(REPORTER_ROLES)}\\s*[:：|｜\\s]`);
/** Where the credits after a body end: the first share bar, recommendation list or comment box. */
const FURNITURE_START = new RegExp(anyOf([...SHARE_MARKERS, ...RELATED_LIST_HEADINGS, ...COMMENT_MARKERS, '分享']));
/** What a rule's 来源 element may print before the outlet: 来源：, 來源：. */
const SOURCE_LABEL = new RegExp(`^.*?${anyOf(['来源'])}\\s*[:：]\\s*`);
/** Hidden text with this many sentences is folded prose, not a keyword dump or a widget's copy. */
const MIN_HIDDEN_SENTENCES = 2;
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
/**
 * Where a page-wide search for an e-paper's issue date does not look, besides the body: links and
 * list items (往期回顾 2019年1月5日 第A01版, other editions in a sidebar).
 */
const LINKS_AND_LISTS = new Set(['a', 'li', 'option']);

/** How to extract: `rules: false` leaves the per-site rules out, to measure the generic extractor alone. */
export interface ExtractOptions {
  rules: boolean;
  /** The rule a source's config gives; it wins over the site table. */
  sourceRule?: SiteRule | undefined;
}

const DEFAULT_OPTIONS: ExtractOptions = { rules: true };

/**
 * Extracts one article from an article page: title, time, 来源, byline and the body HTML
 * without the page furniture. A site rule (site-rules.ts), when one matches the page, decides
 * the fields its selectors find; the generic extractor does the rest. Values stay as the page
 * words them (the time string as found, byline lines as found); normalize turns them into
 * typed values.
 */
export function extractArticle(html: string, pageUrl: string, options: ExtractOptions = DEFAULT_OPTIONS): RawItem {
  assertParsableDepth(html, 'extract');
  const $ = cheerio.load(html.toWellFormed(), { xml: { xmlMode: false, decodeEntities: true, encodeEntities: 'utf8' } });
  assertShallowTree($.root().toArray(), 'extract');
  const meta = readPageMeta($);
  const rule = options.sourceRule ?? (options.rules ? matchSiteRule(pageUrl, meta, SITE_RULES) : undefined);
  $(NON_CONTENT).remove();
  removeHidden($);
  if (rule?.drop?.length) $(rule.drop.join(', ')).remove();
  const root = $.root()[0];
  if (!root) throw new Error('extract: cheerio gave no document root');
  const measures = measureText(root);
  const headline = ruleHeadline($, rule) ?? findHeadline($, measures, meta);
  const body = firstWithText($, rule?.body) ?? joinedBody($, findBodyContainer(measures, headline.element), measures, headline.element);
  const header = readHeader(headline.element, body);
  const trailer = readTrailer(body);
  const info = parseInfoLine(header.text);
  const taken = body ? cleanBody($, body, measures, headline) : { bylines: [], sources: [] };
  const ruleSource = textOf($, rule?.source)?.replace(SOURCE_LABEL, '');
  return {
    ...emptyRawItem(),
    url: resolveUrl(meta.canonical, pageUrl) ?? pageUrl,
    title: headline.text,
    html: body ? ($(body).html() ?? '').trim() : undefined,
    authors: collectBylines($, rule, { taken, headerBylines: info.bylines, accountNames: header.authorHints, trailer, meta }),
    originalSource: dropEmpty(ruleSource) ?? dropEmpty(info.originalSource) ?? dropEmpty(taken.sources[0]) ?? meta.source,
    published: choosePublished({
      ruleText: timeText($, rule?.time),
      headerText: header.text,
      headerDatetimes: header.datetimes,
      preHeaderText: readPreHeader(headline.element),
      trailerText: trailer.text,
      meta,
      pageText: () => squash(textOutside(root, (element) => element === body || LINKS_AND_LISTS.has(element.name))),
    }),
    images: [],
    placeHints: findBreadcrumb($),
  };
}

/**
 * Removes elements the page hides from readers (display:none, the hidden attribute): SEO
 * keyword dumps, share-widget copies of the headline, templates. Hidden prose stays: it is
 * text the page's script reveals (the folded half of a mobile article behind 展开全文, a
 * WeChat body shown once its styles load).
 */
function removeHidden($: cheerio.CheerioAPI): void {
  $('[hidden], [style*="display"], [style*="visibility"]')
    .filter(
      (_, element) =>
        (element.attribs.hidden !== undefined || HIDDEN_STYLE.test(element.attribs.style ?? '')) && !isProse($(element).text()),
    )
    .remove();
}

/** Two sentences or more: what keyword dumps and widget copies never are. */
function isProse(text: string): boolean {
  return (text.match(/[。！？]/g)?.length ?? 0) >= MIN_HIDDEN_SENTENCES;
}

function joinedBody(
  $: cheerio.CheerioAPI,
  body: Element | undefined,
  measures: Map<Element, TextMeasure>,
  headline: Element | undefined,
): Element | undefined {
  return body ? joinSplitBody($, body, measures, headline) : undefined;
}

function cleanBody($: cheerio.CheerioAPI, body: Element, measures: Map<Element, TextMeasure>, headline: Headline): TakenLines {
  removeFurniture($, body, measures);
  paragraphize($, body);
  return trimBody($, body, headline.element, headline.text ?? '');
}

/**
 * The byline lines in page order (body, header, then the credits right after the body), led
 * by the authors a site rule names. When no line names a writer, the names the page gives
 * elsewhere stand in, best first: writers in structured data (JSON-LD, article:author,
 * microdata), the account named beside the headline, then the author or account the page's
 * scripts hold.
 */
function collectBylines($: cheerio.CheerioAPI, rule: SiteRule | undefined, evidence: BylineEvidence): string[] {
  const credits = creditsOf(evidence.trailer.text);
  const lines = [...evidence.taken.bylines, ...evidence.headerBylines, ...credits.bylines.filter((line) => WRITER_CREDIT.test(line))];
  const ruled = rule?.author
    ? $(rule.author)
        .toArray()
        .map((element) => squash($(element).text()))
        .filter(Boolean)
    : [];
  const { meta } = evidence;
  const standIns =
    [meta.authors, evidence.accountNames, meta.scriptNames, evidence.trailer.authorHints].find((names) => names.length > 0) ?? [];
  const accounts = ruled.length > 0 || lines.some((line) => WRITER_ROLE.test(line)) ? ruled : standIns;
  const named = accounts.map((name) => (WRITER_ROLE.test(name) ? name : `作者：${name}`));
  return [...new Set([...named, ...lines, ...credits.editors])];
}

/** Where a page names its writers besides the byline lines the body and header give. */
interface BylineEvidence {
  taken: TakenLines;
  headerBylines: string[];
  accountNames: string[];
  /** What follows the body: its credit lines, and the names of an author card below the article. */
  trailer: Header;
  meta: PageMeta;
}

/** The credit lines right after the body, up to the first block of furniture (分享, 推荐阅读…). */
function creditsOf(trailer: string): InfoLine {
  return parseInfoLine(trailer.split(FURNITURE_START)[0] ?? '');
}

function ruleHeadline($: cheerio.CheerioAPI, rule: SiteRule | undefined): Headline | undefined {
  const element = firstWithText($, rule?.title);
  return element ? { element, text: squash($(element).text()) } : undefined;
}

/**
 * The first element that holds text, trying a rule's comma-separated selectors in the order
 * written (the preferred markup first), not in document order: `#endText, .post_body` must
 * not pick .post_body because it wraps #endText.
 */
function firstWithText($: cheerio.CheerioAPI, selector: string | undefined): Element | undefined {
  for (const alternative of selector?.split(',') ?? []) {
    const found = $(alternative.trim())
      .toArray()
      .find((node): node is Element => isElement(node) && squash($(node).text()).length > 0);
    if (found) return found;
  }
  return undefined;
}

function textOf($: cheerio.CheerioAPI, selector: string | undefined): string | undefined {
  const element = firstWithText($, selector);
  return element ? squash($(element).text()) : undefined;
}

/** The text of a rule's time elements, or the machine-readable value they carry. */
function timeText($: cheerio.CheerioAPI, selector: string | undefined): string | undefined {
  if (!selector) return undefined;
  const elements = $(selector);
  const attribute = elements.attr('datetime') ?? elements.attr('content');
  return attribute ?? (squash(elements.text()) || undefined);
}
