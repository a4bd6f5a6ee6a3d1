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

const rssParser: Parser<Record<string, unknown>, FeedItemExtras> = new Parser({
  customFields: { item: ['dc:creator', 'dc:date', 'updated', 'id', 'summary', 'author'] },
});

/** A parsed feed: its title and link, and its items as RawItems. */
export interface ParsedFeed {
  title: string | undefined;
  link: string | undefined;
  items: RawItem[];
}

/**
 * Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 (through rss-parser) or JSON Feed 1.0/1.1 text into
 * RawItems, with item links resolved against the feed's URL.
 */
export async function parseFeed(text: string, feedUrl: string): Promise<ParsedFeed> {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) return parseJsonFeed(trimmed, feedUrl);
  if (!trimmed.startsWith('<')) throw new Error('feed: the document is neither XML nor JSON');
  let feed;
  try {
    feed = await rssParser.parseString(trimmed);
  } catch (cause) {
    throw new Error(`feed: unable to parse feed: ${(cause as Error).message}`, { cause });
  }
  const base = resolveUrl(feed.link, feedUrl) ?? feedUrl;
  return {
    title: feed.title,
    link: feed.link,
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
