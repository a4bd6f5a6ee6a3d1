import type { Article } from '../domain/article.js';

/** The public JSON form of an article, as `/api/articles` serves it. */
export type ApiArticle = Omit<Article, 'itemKey' | 'contentHash'>;

/** Returns the article without the fields that only the store needs. */
export function toApiArticle(article: Article): ApiArticle {
  const { itemKey: _itemKey, contentHash: _contentHash, ...rest } = article;
  return rest;
}
