import { Feed, type Item } from 'feed';
import type { FeedEntry } from './feed-entries.js';
import { baseFeedOptions, type FeedHead } from './feed-head.js';
import { escapeHtml } from '../../../domain/xml-text.js';

/**
 * Returns an Atom 1.0 document (RFC 4287): feed id, title, updated, author, `rel="alternate"`,
 * `rel="self"` and `rel="hub"` links plus the RFC 5005 paging links, and xml:lang; per entry an
 * id that never changes, a title, updated and published times, the alternate link, every author,
 * the summary and, when allowed, the content, all as `type="html"`.
 */
export function renderAtom(head: FeedHead, entries: readonly FeedEntry[]): string {
  const feed = new Feed({
    ...baseFeedOptions(head),
    author: { name: head.author },
    feedLinks: { atom: head.links.self },
    ...(head.hub ? { hub: head.hub } : {}),
  });
  for (const entry of entries) feed.addItem(atomEntry(entry));
  return withPagingLinks(withLanguage(feed.atom1(), head.language), head);
}

function atomEntry(entry: FeedEntry): Item {
  return {
    // RFC 4287 §3.1.1.2: `feed` marks titles type="html", so the plain title is escaped as HTML text.
    title: escapeHtml(entry.title),
    id: entry.id,
    link: entry.url,
    date: entry.updated,
    published: entry.published,
    description: escapeHtml(entry.summary),
    ...(entry.contentHtml !== undefined ? { content: entry.contentHtml } : {}),
    ...(entry.authors.length > 0 ? { author: entry.authors.map((name) => ({ name })) } : {}),
    // RFC 4287 §4.2.2.1: atom:category must have a term.
    category: entry.categories.map((id) => ({ term: id, name: id })),
    ...(entry.image ? { image: entry.image } : {}),
  };
}

/** RFC 4287 §2: the language of the feed's text, as xml:lang on the root element. */
function withLanguage(xml: string, language: string): string {
  return xml.replace(
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeHtml(language)}">`,
  );
}

/** `feed` writes only alternate, self and hub links; RFC 5005 §3 adds first, previous, next and last. */
function withPagingLinks(xml: string, head: FeedHead): string {
  const { first, previous, next, last } = head.links;
  const links = Object.entries({ first, previous, next, last })
    .filter((link): link is [string, string] => link[1] !== undefined)
    .map(([rel, href]) => `\n    <link rel="${rel}" href="${escapeHtml(href)}"/>`)
    .join('');
  const selfEnd = xml.indexOf('/>', xml.indexOf('<link rel="self"')) + 2;
  return `${xml.slice(0, selfEnd)}${links}${xml.slice(selfEnd)}`;
}
