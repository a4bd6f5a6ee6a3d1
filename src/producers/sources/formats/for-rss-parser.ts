import type { FeedOutline } from './outline-feed.js';

/**
 * rss-parser converts Atom `published`/`updated` with `new Date(…).toISOString()`, which throws
 * on forms such as 2024年5月20日 (rejecting the whole feed) and reads zone-less times in the
 * server's zone. Renamed, they reach us as the raw strings, which normalize reads correctly.
 */
const ATOM_TIMES = /<(\/?)(published|updated)(?=[\s>])/g;
/** RSS 0.91/0.92 documents, and some 2.0 ones, omit the version rss-parser needs; 2.0 reads them all. */
const RSS_WITHOUT_VERSION = /<rss(?![^>]*\bversion=)(?=[\s>])/;

/** Atom links without an href (`<link/>`, `<link>text</link>`): rss-parser reads `link.$.href` and throws on them. */
const ATOM_LINK_WITHOUT_HREF = /<link\b(?![^>]*\bhref\s*=)[^>]*?(?:\/>|>[^<]*<\/link\s*>)/g;
/** Atom entries without a child element: xml2js makes them strings, on which rss-parser throws. */
const ATOM_ENTRY_WITHOUT_ELEMENTS = /<entry\b([^>]*?)(?:\/>|>((?:(?!<\/?entry\b|<[A-Za-z_])[^])*)<\/entry\s*>)/g;

/**
 * The text rss-parser is given: Atom times renamed (see ATOM_TIMES), a missing RSS version
 * added, the prefix of a feed written with prefixed elements (`<atom:feed>`) taken off, as
 * rss-parser matches element names, not namespaces, and the Atom shapes it throws on (links
 * without href, entries without elements) made harmless; the outline (outline-feed.ts) has read
 * them already.
 */
export function forRssParser(xml: string, outline: FeedOutline): string {
  const { feedPrefix } = outline;
  let text = feedPrefix ? xml.replace(new RegExp(`<(/?)${feedPrefix.replace(/[.-]/g, '\\$&')}:`, 'g'), '<$1') : xml;
  if (outline.format === 'atom') {
    text = text
      .replace(ATOM_LINK_WITHOUT_HREF, '')
      .replace(ATOM_ENTRY_WITHOUT_ELEMENTS, (_whole, attributes: string, inner = '') => `<entry${attributes}><syn-empty/>${inner}</entry>`);
  }
  return text.replace(ATOM_TIMES, '<$1syn-$2').replace(RSS_WITHOUT_VERSION, '<rss version="2.0"');
}
