import Parser from 'rss-parser';
import { emptyRawItem, type RawItem } from '../../domain/raw-item.js';
import { parseJsonFeed } from './parse-json-feed.js';
import { resolveUrl } from '../resolve-url.js';

type FeedItemExtras = {
  'content:encoded'?: string;
  'dc:creator'?: string;
  'dc:date'?: string;
  summary?: string;
  updated?: string;
  id?: string;
  author?: string | { name?: string | string[] };
};

const rssParser: Parser<{ ttl?: string }, FeedItemExtras> = new Parser({
  customFields: { feed: ['ttl'], item: ['dc:creator', 'dc:date', 'updated', 'id', 'summary', 'author'] },
});

/** A parsed feed: its title and link, its items as RawItems, and how often it asks to be polled. */
export interface ParsedFeed {
  title: string | undefined;
  link: string | undefined;
  /** RSS 2.0 `<ttl>`: minutes the feed may be cached. */
  ttlMinutes?: number | undefined;
  items: RawItem[];
}

/** Characters XML 1.0 forbids (§2.2); feeds in the wild contain them, and they break the parser. */
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/**
 * Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 (through rss-parser) or JSON Feed 1.0/1.1 text into
 * RawItems, with item links resolved against the feed's URL.
 */
export async function parseFeed(text: string, feedUrl: string): Promise<ParsedFeed> {
  const trimmed = text.replace(/^\ufeff/, '').trimStart();
  if (trimmed === '') throw new Error('feed: the document is empty');
  if (trimmed.startsWith('{')) return parseJsonFeed(trimmed, feedUrl);
  if (!trimmed.startsWith('<')) throw new Error('feed: the document is neither XML nor JSON');
  if (/^(<!--[\s\S]*?-->\s*)*<!doctype html|^(<!--[\s\S]*?-->\s*)*<html[\s>]/i.test(trimmed)) {
    throw new Error('feed: expected a feed but got an HTML page');
  }
  let feed;
  try {
    feed = await rssParser.parseString(trimmed.replace(XML_FORBIDDEN, ''));
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
    items: feed.items.map((item) => toRawItem(item, base)),
  };
}

function toRawItem(item: Parser.Item & FeedItemExtras, base: string): RawItem {
  const html = item['content:encoded'] ?? item.content ?? item.summary;
  return {
    ...emptyRawItem(),
    guid: item.guid ?? item.id,
    url: resolveUrl(item.link, base),
    title: item.title?.trim(),
    html,
    summary: item['content:encoded'] ? item.content : undefined,
    authors: authorsOf(item),
    published: item.isoDate ?? item.pubDate ?? item['dc:date'],
    updated: item.updated,
    categories: (item.categories ?? []).map(String),
    images: item.enclosure?.type?.startsWith('image/') ? [item.enclosure.url] : [],
  };
}

function authorsOf(item: Parser.Item & FeedItemExtras): string[] {
  const raw = item.creator ?? item['dc:creator'] ?? item.author;
  if (typeof raw === 'string') return raw.trim() ? [raw.trim()] : [];
  const name = raw?.name;
  return (Array.isArray(name) ? name : name ? [name] : []).map((n) => String(n).trim()).filter(Boolean);
}
