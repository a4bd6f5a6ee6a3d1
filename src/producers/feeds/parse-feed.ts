import Parser from 'rss-parser';
import { emptyRawItem, type RawItem } from '../../domain/raw-item.js';
import { parseJsonFeed } from './parse-json-feed.js';
import type { ParsedFeed } from './parsed-feed.js';

export type { ParsedFeed } from './parsed-feed.js';
import { resolveUrl } from '../resolve-url.js';

type FeedItemExtras = {
  'content:encoded'?: string;
  'dc:creator'?: string;
  'dc:date'?: string;
  summary?: string;
  id?: string;
  author?: string | { name?: string | string[] };
  /** Atom 1.0 times, renamed before parsing (see ATOM_TIMES). */
  'syn-published'?: string;
  'syn-updated'?: string;
  /** Atom 0.3 times. */
  issued?: string;
  modified?: string;
  created?: string;
};

const rssParser: Parser<{ ttl?: string }, FeedItemExtras> = new Parser({
  customFields: {
    feed: ['ttl'],
    item: ['dc:creator', 'dc:date', 'id', 'summary', 'author', 'syn-published', 'syn-updated', 'issued', 'modified', 'created'],
  },
});

/**
 * rss-parser converts Atom `published`/`updated` with `new Date(…).toISOString()`, which throws
 * on forms such as 2024年5月20日 (rejecting the whole feed) and reads zone-less times in the
 * server's zone. Renamed, they reach us as the raw strings, which normalize reads correctly.
 */
const ATOM_TIMES = /<(\/?)(published|updated)(?=[\s>])/g;
/** RSS 0.91/0.92 documents, and some 2.0 ones, omit the version rss-parser needs; 2.0 reads them all. */
const RSS_WITHOUT_VERSION = /<rss(?![^>]*\bversion=)(?=[\s>])/;


/** Characters XML 1.0 forbids (§2.2); feeds in the wild contain them, and they break the parser. */
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/**
 * Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 (through rss-parser) or JSON Feed 1.0/1.1 text into
 * RawItems, with item links resolved against the feed's URL.
 */
export async function parseFeed(text: string, feedUrl: string): Promise<ParsedFeed> {
  const trimmed = text.replace(/^\ufeff/, '').trimStart();
  if (trimmed === '') throw new Error('feed: the document is empty');
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return parseJsonFeed(trimmed, feedUrl);
  if (!trimmed.startsWith('<')) throw new Error('feed: the document is neither XML nor JSON');
  if (/^(<!--[\s\S]*?-->\s*)*<!doctype html|^(<!--[\s\S]*?-->\s*)*<html[\s>]/i.test(trimmed)) {
    throw new Error('feed: expected a feed but got an HTML page');
  }
  let feed;
  try {
    const repaired = trimmed.replace(XML_FORBIDDEN, '').replace(ATOM_TIMES, '<$1syn-$2').replace(RSS_WITHOUT_VERSION, '<rss version="2.0"');
    feed = await rssParser.parseString(repaired);
  } catch (cause) {
    throw new Error(`feed: unable to parse feed: ${(cause as Error).message.split('\n')[0]}`, { cause });
  }
  if (!feed.items) throw new Error('feed: the XML document is not an RSS or Atom feed');
  const base = resolveUrl(feed.link, feedUrl) ?? feedUrl;
  const ttl = Number(feed.ttl);
  return {
    title: feed.title,
    link: feed.link,
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : undefined,
    items: feed.items.map((item) => toRawItem(item, base)).filter(hasSubstance),
  };
}

function toRawItem(item: Parser.Item & FeedItemExtras, base: string): RawItem {
  const html = item['content:encoded'] ?? item.content ?? item.summary;
  // RSS: description is the summary when content:encoded holds the body; Atom: <summary> beside <content>.
  const summary = item['content:encoded'] ? item.content : item.content ? item.summary : undefined;
  return {
    ...emptyRawItem(),
    guid: nonBlank(item.guid) ?? nonBlank(item.id),
    url: resolveUrl(item.link, base),
    title: item.title?.trim(),
    html,
    summary: typeof summary === 'string' ? summary : undefined,
    authors: authorsOf(item),
    // Raw strings, not rss-parser's isoDate: a zone-less time is China time, not the server's.
    published: [item['syn-published'], item.issued, item.created, item.pubDate, item['dc:date']].map(nonBlank).find(Boolean),
    updated: [item['syn-updated'], item.modified].map(nonBlank).find(Boolean),
    categories: (item.categories ?? []).map(textOf).filter((category): category is string => category !== undefined),
    images: item.enclosure?.type?.startsWith('image/') ? [item.enclosure.url] : [],
  };
}

/** An entry with no title, link, id or content (`<entry><author/></entry>`) has nothing to publish. */
function hasSubstance(item: RawItem): boolean {
  return Boolean(item.title || item.url || item.guid || item.html || item.text);
}

/** The text of an element that may carry attributes (`<category domain="…">US news</category>`). */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return nonBlank(value);
  const text = (value as { _?: unknown } | null)?._;
  return typeof text === 'string' ? nonBlank(text) : undefined;
}

/** The value when it is a string with something in it; `<guid isPermaLink="false"/>` parses to an object. */
function nonBlank(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function authorsOf(item: Parser.Item & FeedItemExtras): string[] {
  const raw = item.creator ?? item['dc:creator'] ?? item.author;
  if (typeof raw === 'string') return raw.trim() ? [raw.trim()] : [];
  const name = raw?.name;
  return (Array.isArray(name) ? name : name ? [name] : []).map((n) => String(n).trim()).filter(Boolean);
}
