import type { Article } from '../domain/article.js';
import { showsFullContent, type ContentPolicy } from '../domain/content-policy.js';

/** The public JSON form of an article, as `/api/articles` serves it. */
export type ApiArticle = Omit<Article, 'itemKey' | 'contentHash'> & { contentWithheld?: true };

/**
 * Returns the article without the fields that only the store needs. Under a public policy an
 * article of a summary-only channel carries its summary in place of its text, as in the feeds:
 * the full text is for partners.
 */
export function toApiArticle(article: Article, policy: ContentPolicy = { kind: 'full' }): ApiArticle {
  const { itemKey: _itemKey, contentHash: _contentHash, ...rest } = article;
  if (showsFullContent(article, policy)) return rest;
  const summaryHtml = `<p>${article.summary.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`)}</p>`;
  return { ...rest, contentHtml: summaryHtml, contentText: article.summary, contentWithheld: true };
}
