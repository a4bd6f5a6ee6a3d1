import type { ArticleCard, TermStatistics } from '../../domain/article-card.js';
import { cosine, termVector, type ScoredCard, type TermVector } from './term-vectors.js';

/** Above this share of their terms in common two cards are the same story reposted, not a related one. */
const REPOST_OVERLAP = 0.8;
/** Days after which a related story weighs half: recent stories first among the equally related. */
const RECENCY_HALF_LIFE_DAYS = 60;
/** What a shared place adds: enough to order stories of equal subject, never to outrank a subject. */
const PLACE_BONUS = 0.02;

/**
 * Ranks candidates by how related they are to an article's subject: the cosine of their TF-IDF
 * term vectors (place names weigh little), a little recency, and a shared place as a
 * tie-breaker. Never the article itself, never a repost of it (the same content hash, or
 * terms almost all the same), never a story with no subject word in common.
 */
export function rankRelated(
  article: ArticleCard,
  candidates: readonly ArticleCard[],
  statistics: TermStatistics,
  limit: number,
): ScoredCard[] {
  const own = termVector(article, statistics);
  const places = new Set(article.places);
  const publishedMs = Date.parse(article.publishedAt);
  const scored: ScoredCard[] = [];
  for (const card of candidates) {
    if (card.id === article.id || card.contentHash === article.contentHash || isRepost(article, card)) continue;
    const vector: TermVector = termVector(card, statistics);
    const similarity = cosine(own, vector);
    if (similarity <= 0) continue;
    const days = Math.abs(publishedMs - Date.parse(card.publishedAt)) / 86_400_000 || 0;
    const recency = 0.8 + 0.2 * 0.5 ** (days / RECENCY_HALF_LIFE_DAYS);
    const sharedPlace = card.places.some((place) => places.has(place)) ? PLACE_BONUS : 0;
    scored.push({ card, score: similarity * recency + sharedPlace });
  }
  return scored.sort((a, b) => b.score - a.score || b.card.publishedAt.localeCompare(a.card.publishedAt)).slice(0, limit);
}

/** Whether two cards hold nearly the same terms (Jaccard of their term sets): a repost the dedupe stage let through. */
function isRepost(a: ArticleCard, b: ArticleCard): boolean {
  const terms = new Set(a.keywords.map((keyword) => keyword.term));
  const shared = b.keywords.filter((keyword) => terms.has(keyword.term)).length;
  return shared / (terms.size + b.keywords.length - shared) >= REPOST_OVERLAP;
}

/** The terms to look candidates up by: the article's heaviest subject words. */
export function queryTerms(article: ArticleCard, statistics: TermStatistics, count = 20): string[] {
  return [...termVector(article, statistics)]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([term]) => term);
}
