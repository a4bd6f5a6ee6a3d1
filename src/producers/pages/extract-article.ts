import * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import { emptyRawItem, type RawItem } from '../../domain/raw-item.js';
import { resolveUrl } from '../resolve-url.js';
import { findBodyContainer, removeFurniture, takeBylineParagraphs } from './find-body.js';
import { findInfoLine, parseInfoLine } from './info-line.js';
import { squash } from './squash.js';

/** Tags that never hold article text. */
const NON_CONTENT = 'script, style, noscript, iframe, form, button, input, select, textarea, svg, template';

/**
 * Extracts one article from an article page: title, time, 来源, byline and the body HTML
 * without the page furniture. Values stay as the page words them (the time string as found,
 * the byline line as found); normalize turns them into typed values.
 */
export function extractArticle(html: string, pageUrl: string, options: { rules: boolean } = { rules: true }): RawItem {
  void options;
  const $ = cheerio.load(html);
  const canonical = resolveUrl($('link[rel="canonical"]').attr('href'), pageUrl);
  $(NON_CONTENT).remove();
  const titleElement = findTitleElement($);
  const title = titleElement ? squash($(titleElement).text()) : documentTitle($);
  const body = findBodyContainer($);
  const info = parseInfoLine(findInfoLine($, titleElement, body) ?? '');
  const bylines = body ? takeBylineParagraphs($, body) : [];
  if (body) removeFurniture($, body);
  const published = info.published ?? metaContent($, ['article:published_time', 'pubdate', 'publishdate', 'PubDate']);
  return {
    ...emptyRawItem(),
    url: canonical ?? pageUrl,
    title,
    html: body ? ($(body).html() ?? '').trim() : undefined,
    authors: [...bylines, ...info.bylines],
    editor: info.editor,
    originalSource: info.originalSource ?? metaContent($, ['source', 'og:site_name']),
    published,
    images: [],
    placeHints: findBreadcrumb($),
  };
}

/** The headline element: an h1 whose text the document title starts with, else the first h1. */
function findTitleElement($: cheerio.CheerioAPI): Element | undefined {
  const docTitle = squash($('title').first().text());
  const headings = $('h1, h2').toArray();
  const inTitle = headings.find((h) => {
    const text = squash($(h).text());
    return text.length >= 4 && squashSpaces(docTitle).startsWith(squashSpaces(text));
  });
  return inTitle ?? $('h1').toArray()[0];
}

function documentTitle($: cheerio.CheerioAPI): string | undefined {
  const og = $('meta[property="og:title"]').attr('content');
  const title = og ?? $('title').first().text();
  return squash(title.split(/[_|]| - | — /)[0] ?? '') || undefined;
}

function metaContent($: cheerio.CheerioAPI, names: string[]): string | undefined {
  for (const name of names) {
    const value = $(`meta[name="${name}"], meta[property="${name}"]`).attr('content')?.trim();
    if (value) return value;
  }
  return undefined;
}

/** The breadcrumb trail (地方网 > 山东 > 泰安市 > 肥城新闻 > 正文), as its parts. */
function findBreadcrumb($: cheerio.CheerioAPI): string[] {
  const candidates = $('[class*="crumb"], [class*="position"], [class*="location"], [id*="crumb"]').toArray();
  const trail = candidates.map((el) => squash($(el).text())).find((text) => /[>›»]/.test(text));
  if (!trail) return [];
  return trail
    .split(/\s*[>›»]\s*/)
    .map((part) => part.trim())
    .filter((part) => part && part !== '正文');
}

function squashSpaces(text: string): string {
  return text.replace(/\s+/g, '');
}
