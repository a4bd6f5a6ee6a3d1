import type { RawItem } from '../../domain/raw-item.js';
import type { Source } from '../../domain/source.js';
import { parseFeed } from './formats/parse-feed.js';
import { discoverArticleLinks } from './pages/discover-links.js';
import { extractArticle } from './pages/extract-article.js';

/** What one fetched document yields: items to process, and pages to fetch next. */
export interface SourceReading {
  items: RawItem[];
  pageUrls: string[];
  /** A feed's `<ttl>`, when it has one. */
  ttlMinutes?: number | undefined;
}

/**
 * Reads one fetched document of a source: a feed's items, an article page's article, or the
 * article links of a list page. `isListedPage` marks a page that a list source linked to.
 */
export async function readSourceDocument(source: Source, text: string, url: string, isListedPage: boolean): Promise<SourceReading> {
  if (isListedPage || source.kind === 'page')
    return { items: [extractArticle(text, url, { rules: true, sourceRule: source.rules })], pageUrls: [] };
  if (source.kind === 'list') return { items: [], pageUrls: discoverArticleLinks(text, url, source.linkSelector) };
  const feed = await parseFeed(text, url);
  return { items: feed.items, pageUrls: [], ttlMinutes: feed.ttlMinutes };
}
