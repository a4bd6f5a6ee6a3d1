import Parser from 'rss-parser';
import { dropEmpty } from '../../../domain/drop-empty.js';
import { emptyRawItem, type RawItem } from '../../../domain/raw-item.js';
import { resolveUrl } from '../resolve-url.js';
import { findFeedStart, repairIllFormed } from './lenient-xml.js';
import { forRssParser } from './for-rss-parser.js';
import { outlineFeed, type EntryOutline, type FeedOutline } from './outline-feed.js';
import { parseJsonFeed } from './parse-json-feed.js';
import type { ParsedFeed } from './parsed-feed.js';
import { repairXml } from './repair-xml.js';
import { keepItemsApart } from './keep-items-apart.js';

export type { ParsedFeed } from './parsed-feed.js';

interface FeedItemExtras {
  'content:encoded'?: unknown;
  'dc:creator'?: unknown;
  'dc:date'?: unknown;
  summary?: unknown;
  id?: unknown;
  author?: unknown;
  /** Atom 1.0 times, renamed before parsing (for-rss-parser.ts). */
  'syn-published'?: unknown;
  'syn-updated'?: unknown;
  /** Atom 0.3 times. */
  issued?: unknown;
  modified?: unknown;
  created?: unknown;
}

type FeedItem = Omit<Parser.Item, 'title' | 'content' | 'categories'> &
  FeedItemExtras & { title?: unknown; content?: unknown; categories?: unknown };

const PARSER_OPTIONS = {
  customFields: {
    feed: ['ttl'],
    item: ['dc:creator', 'dc:date', 'id', 'summary', 'author', 'syn-published', 'syn-updated', 'issued', 'modified', 'created'],
  },
} satisfies Parser.ParserOptions<{ ttl?: string }, FeedItemExtras>;

/**
 * Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 (through rss-parser) or JSON Feed 1.0/1.1 text into
 * RawItems, with item links resolved against the feed's URL. The XML is repaired where real
 * feeds commonly break it (repairXml) and read once more by a strict XML parser (outlineFeed)
 * for what rss-parser misreads: Atom text constructs, xml:base, inline XHTML. The same text
 * always gives the same result. Throws an error starting `feed:` that names the problem.
 */
export async function parseFeed(text: string, feedUrl: string): Promise<ParsedFeed> {
  const trimmed = text.replace(/^\ufeff/, '').trimStart();
  if (trimmed === '') throw new Error('feed: the document is empty');
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return parseJsonFeed(trimmed, feedUrl);
  const start = trimmed.startsWith('<') ? 0 : findFeedStart(trimmed);
  if (start < 0) throw new Error('feed: the document is neither XML nor JSON');
  if (startsAsHtmlPage(trimmed)) throw new Error('feed: expected a feed but got an HTML page');
  const { xml: repaired, outline } = readOutline(repairXml(trimmed.slice(start)), feedUrl);
  let feed;
  try {
    // A parser per document: xml2js keeps state after an error, so a reused one answers the
    // same bytes differently the next time.
    const parser = new Parser<{ ttl?: unknown; title?: unknown; link?: unknown }, FeedItemExtras>(PARSER_OPTIONS);
    feed = await parser.parseString(forRssParser(repaired, outline));
  } catch (cause) {
    throw new Error(`feed: unable to parse feed: ${(cause as Error).message.split('\n')[0]}`, { cause });
  }
  const link = textOf(feed.link);
  // RFC 4287: Atom's relative references resolve against the document (or xml:base). RSS has
  // no such rule, and its relative links are the site's: they resolve against the channel link.
  const base = outline.format === 'atom' ? feedUrl : (resolveUrl(link, feedUrl) ?? feedUrl);
  const ttl = Number(textOf(feed.ttl));
  const entries = feed.items.length === outline.entries.length ? outline.entries : [];
  return {
    title: textOf(feed.title),
    link,
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : undefined,
    items: keepItemsApart(
      feed.items
        .map((item, index) => toRawItem(item as FeedItem, entries[index] ?? { authors: [], categories: [] }, base))
        .filter(hasSubstance),
    ),
  };
}

/** Whether a document opens as an HTML page: `<!doctype html>` or `<html>`, after any comments. */
function startsAsHtmlPage(text: string): boolean {
  let at = 0;
  while (text.startsWith('<!--', at)) {
    const end = text.indexOf('-->', at + 4);
    if (end < 0) return false;
    at = end + 3;
    while (/\s/.test(text[at] ?? '')) at++;
  }
  return /^(?:<!doctype html|<html[\s>])/i.test(text.slice(at, at + 20));
}

/** The outline of the XML, or, when strict parsing refuses it, of its leniently repaired copy; else the strict error. */
function readOutline(xml: string, feedUrl: string): { xml: string; outline: FeedOutline } {
  try {
    return { xml, outline: outlineFeed(xml, feedUrl) };
  } catch (error) {
    const lenient = repairIllFormed(xml);
    if (lenient === undefined) throw error;
    try {
      return { xml: lenient, outline: outlineFeed(lenient, feedUrl) };
    } catch {
      throw error;
    }
  }
}

function toRawItem(item: FeedItem, outline: EntryOutline, base: string): RawItem {
  const encoded = htmlOf(item['content:encoded']);
  const content = htmlOf(item.content);
  const html = outline.content ?? outline.summary ?? encoded ?? content ?? htmlOf(item.summary);
  // RSS: description is the summary when content:encoded holds the body; Atom: <summary> beside <content>.
  const summary = outline.content ? outline.summary : encoded ? content : content ? htmlOf(item.summary) : undefined;
  const link = outline.link ? resolveUrl(outline.link.href, outline.link.base ?? base) : resolveUrl(textOf(item.link), base);
  return {
    ...emptyRawItem(),
    guid: textOf(item.guid) ?? textOf(item.id),
    // RSS 2.0: a guid that is a permalink (isPermaLink not "false") is the item's URL when it has no link.
    url: link ?? outline.permalink,
    title: dropEmpty(outline.title) ?? textOf(item.title),
    html,
    summary: summary === html ? undefined : summary,
    contentBase: outline.contentBase,
    authors: outline.authors.length > 0 ? outline.authors : authorsOf(item),
    // Raw strings, not rss-parser's isoDate: a zone-less time is China time, not the server's.
    published: [item['syn-published'], item.issued, item.created, item.pubDate, item['dc:date']].map(textOf).find(Boolean),
    updated: [item['syn-updated'], item.modified].map(textOf).find(Boolean),
    categories:
      outline.categories.length > 0
        ? outline.categories
        : listOf(item.categories)
            .map(textOf)
            .filter((category): category is string => category !== undefined),
    images: imagesOf(item.enclosure),
  };
}

/** An entry with no title, link, id or content (`<entry><author/></entry>`) has nothing to publish. */
function hasSubstance(item: RawItem): boolean {
  return [item.title, item.url, item.guid, item.html, item.text].some(Boolean);
}

/**
 * The text of a value xml2js made of an element: a string, or the text of an element that
 * carries attributes (`<category domain="…">US news</category>`, `<guid isPermaLink="false">`).
 * Undefined when blank or when the element holds markup instead of text.
 */
function textOf(value: unknown): string | undefined {
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'string') return value.trim() || undefined;
  const text = (value as { _?: unknown } | null | undefined)?._;
  return typeof text === 'string' ? text.trim() || undefined : undefined;
}

/** HTML content as rss-parser returns it: a string, unless it rebuilt markup it could not read (then undefined). */
function htmlOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function imagesOf(enclosure: unknown): string[] {
  const { url, type } = (enclosure ?? {}) as { url?: unknown; type?: unknown };
  return typeof url === 'string' && typeof type === 'string' && type.startsWith('image/') ? [url] : [];
}

function authorsOf(item: FeedItem): string[] {
  for (const raw of [item.creator, item['dc:creator'], item.author]) {
    const names = listOf(raw).flatMap((entry) => {
      const text = textOf(entry);
      if (text) return [text];
      return listOf((entry as { name?: unknown } | null | undefined)?.name).map(textOf);
    });
    const found = names.filter((name): name is string => name !== undefined);
    if (found.length > 0) return found;
  }
  return [];
}
