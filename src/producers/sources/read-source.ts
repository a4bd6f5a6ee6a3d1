import type { RawItem } from '../../domain/raw-item.js';
import type { Source } from '../../domain/source.js';
import { parseFeed } from './formats/parse-feed.js';
import { discoverListEntries, type ListEntry } from './pages/discover-links.js';
import { extractArticle } from './pages/extract-article.js';
import { findNextPageUrl } from './pages/find-next-page.js';

/** What one fetched document yields: items to process, and pages to fetch next. */
export interface SourceReading {
  items: RawItem[];
  pageUrls: string[];
  /** A feed's `<ttl>`, when it has one. */
  ttlMinutes?: number | undefined;
  /** A list page's entries (their URLs are pageUrls), with the title and time the list shows for each. */
  entries?: ListEntry[];
  /** A list page's next page, when its pager has one. */
  nextPageUrl?: string | undefined;
}

/**
 * Reads one fetched document of a source: a feed's items, an article page's article, or the
 * article links of a list page and its next page. `isListedPage` marks a page that a list source linked to.
 */
export async function readSourceDocument(source: Source, text: string, url: string, isListedPage: boolean): Promise<SourceReading> {
  if (isListedPage || source.kind === 'page')
    return { items: [extractArticle(text, url, { rules: true, sourceRule: source.rules })], pageUrls: [] };
  if (source.kind === 'list') {
    const entries = discoverListEntries(text, url, source.linkSelector);
    return { items: [], pageUrls: entries.map((entry) => entry.url), entries, nextPageUrl: findNextPageUrl(text, url) };
  }
  const feed = await parseFeed(text, url);
  return { items: feed.items, pageUrls: [], ttlMinutes: feed.ttlMinutes };
}
