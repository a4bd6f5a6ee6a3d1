import type { Article } from '../../../domain/article.js';
import type { ArticleCard, Keyword } from '../../../domain/article-card.js';
import { extractKeywords, type Segmenter } from './extract-keywords.js';

/**
 * Returns the card of a stored article: what lists show of it and what ranking compares — its
 * keywords from title and text, and the places its channel placement found (a tie-breaker).
 */
export function cardOf(article: Article, segment: Segmenter): ArticleCard {
  return cardWithKeywords(article, extractKeywords(article.title, article.contentText, segment));
}

/** As cardOf, with the keywords extracted already (when the item was prepared). */
export function cardWithKeywords(article: Article, keywords: Keyword[]): ArticleCard {
  const places = new Set(article.channels.flatMap((channel) => channel.evidence.map((evidence) => evidence.name)));
  return {
    id: article.id,
    title: article.title,
    url: article.url,
    publishedAt: article.publishedAt,
    channels: article.channels.map((channel) => channel.id),
    sourceId: article.source.id,
    contentHash: article.contentHash,
    keywords,
    places: [...places],
  };
}
