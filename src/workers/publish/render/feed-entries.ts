import type { Article } from '../../../domain/article.js';
import { showsFullContent, type ContentPolicy } from '../../../domain/content-policy.js';
import { escapeHtml, stripNonXmlChars } from '../../../domain/xml-text.js';

/** One article as every feed format shows it: XML-safe text, the body the policy allows. */
export interface FeedEntry {
  /** RFC 4287 §4.2.6: never changes, also across updates of the article. */
  id: string;
  url: string;
  title: string;
  /** Plain text. */
  summary: string;
  /** Sanitized HTML of the body; absent when the policy allows only the summary. */
  contentHtml?: string;
  /** The writers' names (RSS dc:creator, Atom author, JSON Feed authors carry names, not roles). */
  authors: string[];
  categories: string[];
  image?: string;
  published: Date;
  updated: Date;
  /** When the feed last changed because of this entry: its update, or when it reached us. */
  changed: number;
}

/** Returns the stable entry id of an article: the same URN in every format and forever. */
export function entryIdOf(articleId: string): string {
  return `urn:syndicator:article:${articleId}`;
}

/**
 * Returns the feed entry of a stored article. Its HTML was sanitized when it was stored; here
 * only the characters XML cannot carry are removed, from every string that reaches a document.
 */
export function toFeedEntry(article: Article, policy: ContentPolicy): FeedEntry {
  const updated = Date.parse(article.updatedAt);
  const full = showsFullContent(article, policy);
  return {
    id: entryIdOf(article.id),
    url: article.url,
    title: stripNonXmlChars(article.title),
    summary: stripNonXmlChars(article.summary),
    ...(full ? { contentHtml: stripNonXmlChars(article.contentHtml) } : {}),
    authors: article.authors.map((author) => stripNonXmlChars(author.name)).filter((name) => name.length > 0),
    categories: article.channels.map((channel) => channel.id),
    ...(article.images[0] ? { image: article.images[0] } : {}),
    published: new Date(article.publishedAt),
    updated: new Date(updated),
    changed: Math.max(updated, Date.parse(article.firstSeenAt) || 0),
  };
}

/** Returns the HTML a format shows in place of the body when only the summary is public. */
export function summaryHtml(entry: FeedEntry): string {
  return `<p>${escapeHtml(entry.summary)}</p>`;
}
