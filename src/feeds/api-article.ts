import { z } from 'zod';
import type { Article } from '../domain/article.js';
import { showsFullContent, type ContentPolicy } from '../domain/content-policy.js';
import { articleSchema } from '../store/stored-values.js';

/** The fields of an article that only the store needs: its identity in its source and its dedupe hash. */
type StoreOnlyField = 'itemKey' | 'contentHash';

/** The public JSON form of an article, as `/api/articles` serves it. */
export type ApiArticle = Omit<Article, StoreOnlyField> & { contentWithheld?: true };

/** The schema of ApiArticle, from the one the store decodes articles with: the responses' schema and the OpenAPI document's `Article`. */
export const apiArticleSchema = articleSchema
  .omit({ itemKey: true, contentHash: true })
  .extend({
    contentWithheld: z
      .literal(true)
      .optional()
      .describe('Set when the article is in a summary-only channel: contentHtml and contentText then carry its summary.'),
  })
  .meta({ id: 'Article' }) satisfies z.ZodType<ApiArticle>;

/**
 * Returns the article without the fields that only the store needs. Under a public policy an
 * article of a summary-only channel carries its summary in place of its text, as in the feeds:
 * the full text is for partners.
 */
export function toApiArticle(article: Article, policy: ContentPolicy = { kind: 'full' }): ApiArticle {
  const rest = withoutStoreOnlyFields(article);
  if (showsFullContent(article, policy)) return rest;
  const summaryHtml = `<p>${article.summary.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`)}</p>`;
  return { ...rest, contentHtml: summaryHtml, contentText: article.summary, contentWithheld: true };
}

/** Returns a copy of the article without the fields only the store needs, its other fields in their order. */
function withoutStoreOnlyFields(article: Article): Omit<Article, StoreOnlyField> {
  const copy: Omit<Article, StoreOnlyField> & Partial<Pick<Article, StoreOnlyField>> = { ...article };
  delete copy.itemKey;
  delete copy.contentHash;
  return copy;
}
