import type { ArticleCard } from '../../domain/article-card.js';
import type { CardRepository } from '../../store/card-repository.js';
import { queryTerms, rankRelated } from './related-articles.js';
import type { ScoredCard } from './term-vectors.js';

/** How many of the newest articles per query term are looked at. */
const POSTINGS_PER_TERM = 200;

/**
 * Returns the stories related to an article, from the term index: the newest articles sharing
 * its heaviest subject words, ranked by rankRelated. Undefined when the article has no card.
 */
export async function findRelated(cards: CardRepository, articleId: string, limit: number): Promise<ScoredCard[] | undefined> {
  const [article] = await cards.getMany([articleId]);
  if (!article) return undefined;
  const ownStatistics = await cards.statistics(article.keywords.map((keyword) => keyword.term));
  const postings = await cards.postings(queryTerms(article, ownStatistics), POSTINGS_PER_TERM);
  const ids = new Set([...postings.values()].flat());
  ids.delete(article.id);
  const candidates = await cards.getMany([...ids]);
  const statistics = await cards.statistics(termsOf([article, ...candidates]));
  return rankRelated(article, candidates, statistics, limit);
}

function termsOf(cards: readonly ArticleCard[]): string[] {
  return [...new Set(cards.flatMap((card) => card.keywords.map((keyword) => keyword.term)))];
}
