import { Feed, type Item } from 'feed';
import type { FeedEntry } from './feed-entries.js';
import { baseFeedOptions, type FeedHead } from './feed-head.js';
import { escapeForXmlJsAttribute, escapeHtml } from '../../../domain/xml-text.js';

const DC_NAMESPACE = 'xmlns:dc="http://purl.org/dc/elements/1.1/"';

/**
 * Returns an RSS 2.0 document (https://www.rssboard.org/rss-specification): channel title, link
 * and description; per item a title, link, a guid that is not a permalink (a URN), pubDate in
 * RFC 822 form, the summary as HTML description and the body as content:encoded. The self,
 * hub and RFC 5005 paging links are atom:link elements, as RSS has none of its own.
 */
export function renderRss(head: FeedHead, entries: readonly FeedEntry[]): string {
  const feed = new Feed({
    ...baseFeedOptions(head),
    feedLinks: { rss: head.links.self },
  });
  // Replaces the atom:link list `feed` builds (self only) with self, hub and paging links.
  feed.addExtension({ name: 'atom:link', objects: repeated(atomLinks(head)) });
  for (const entry of entries) feed.addItem(rssItem(entry));
  return withDublinCore(feed.rss2());
}

function atomLinks(head: FeedHead): object[] {
  const { self, first, last, next, previous } = head.links;
  const links: [string, string | undefined, string?][] = [
    ['self', self, 'application/rss+xml'],
    ['hub', head.hub],
    ['first', first],
    ['previous', previous],
    ['next', next],
    ['last', last],
  ];
  return links
    .filter((link): link is [string, string, string?] => link[1] !== undefined)
    .map(([rel, href, type]) => ({ _attributes: { href: escapeForXmlJsAttribute(href), rel, ...(type ? { type } : {}) } }));
}

function rssItem(entry: FeedEntry): Item {
  return {
    title: entry.title,
    id: entry.id,
    guid: entry.id,
    link: entry.url,
    date: entry.updated,
    // `feed` writes pubDate from `published` when given (RSS 2.0: when the item was published).
    published: entry.published,
    description: escapeHtml(entry.summary),
    ...(entry.contentHtml !== undefined ? { content: entry.contentHtml } : {}),
    category: entry.categories.map((name) => ({ name })),
    ...(entry.image ? { image: entry.image } : {}),
    // RSS 2.0 <author> must be an e-mail address; names go in dc:creator, one per author.
    ...(entry.authors.length > 0
      ? { extensions: [{ name: 'dc:creator', objects: repeated(entry.authors.map((name) => ({ _text: name }))) }] }
      : {}),
  };
}

/** xml-js writes an array as repeated elements; `feed` types extension objects as one record. */
function repeated(elements: object[]): Record<string, unknown> {
  return elements as unknown as Record<string, unknown>;
}

/** `feed` declares the dc namespace only when some item has content; dc:creator needs it always. */
function withDublinCore(xml: string): string {
  return xml.includes(DC_NAMESPACE) ? xml : xml.replace('<rss version="2.0"', `<rss version="2.0" ${DC_NAMESPACE}`);
}
