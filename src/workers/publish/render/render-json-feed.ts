import { summaryHtml, type FeedEntry } from './feed-entries.js';
import type { FeedHead } from './feed-head.js';

/**
 * Returns a JSON Feed 1.1 document (https://www.jsonfeed.org/version/1.1/): version, title,
 * home_page_url, feed_url, next_url (the RFC 5005 next page), language, authors and the WebSub
 * hub in `hubs`; per item an id that never changes, url, title, content_html (the summary as
 * HTML when only the summary is public), plain-text summary, times, authors, tags and image.
 */
export function renderJsonFeed(head: FeedHead, entries: readonly FeedEntry[]): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: head.title,
    home_page_url: head.homeUrl,
    feed_url: head.links.self,
    ...(head.links.next ? { next_url: head.links.next } : {}),
    description: head.description,
    language: head.language,
    authors: [{ name: head.author }],
    ...(head.hub ? { hubs: [{ type: 'WebSub', url: head.hub }] } : {}),
    items: entries.map(jsonItem),
  };
  return JSON.stringify(feed, null, 2);
}

function jsonItem(entry: FeedEntry): Record<string, unknown> {
  return {
    id: entry.id,
    url: entry.url,
    title: entry.title,
    content_html: entry.contentHtml ?? summaryHtml(entry),
    ...(entry.summary ? { summary: entry.summary } : {}),
    ...(entry.image ? { image: entry.image } : {}),
    date_published: entry.published.toISOString(),
    date_modified: entry.updated.toISOString(),
    ...(entry.authors.length > 0 ? { authors: entry.authors.map((name) => ({ name })) } : {}),
    ...(entry.categories.length > 0 ? { tags: entry.categories } : {}),
  };
}
