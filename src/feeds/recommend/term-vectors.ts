import type { ArticleCard, TermStatistics } from '../../domain/article-card.js';

/** A card's terms weighted by TF-IDF and scaled to unit length, so that a dot product is the cosine. */
export type TermVector = ReadonlyMap<string, number>;

/** A card chosen by a ranking, with the score that put it there. */
export interface ScoredCard {
  card: ArticleCard;
  score: number;
}

/** How much a place name weighs against a subject word: a story is not about 楼德镇 because it happens there. */
const PLACE_WEIGHT = 0.1;

/**
 * Returns the TF-IDF vector of a card: each term's count damped by a logarithm, times its
 * smoothed inverse document frequency over the stored articles (IDF = ln((N + 1) / (df + 1)) + 1).
 * Place names are scaled down: place is a tie-breaker, the subject is what relates two stories.
 * Words that only one stored article holds are left out.
 */
export function termVector(card: Pick<ArticleCard, 'keywords' | 'places'>, statistics: TermStatistics): TermVector {
  const places = new Set(card.places.map((place) => place.toLowerCase()));
  const weights = new Map<string, number>();
  let norm = 0;
  for (const { term, count } of card.keywords) {
    const df = statistics.documentFrequency.get(term) ?? 0;
    // A word only this article has relates it to nothing; it would only lengthen the vector and so
    // weaken every word it does share (a story full of names would look unlike its own subject).
    if (df === 1) continue;
    const idf = Math.log((statistics.articleCount + 1) / (df + 1)) + 1;
    const weight = (1 + Math.log(count)) * idf * (places.has(term) || isPlaceLike(term) ? PLACE_WEIGHT : 1);
    weights.set(term, weight);
    norm += weight * weight;
  }
  const length = Math.sqrt(norm) || 1;
  for (const [term, weight] of weights) weights.set(term, weight / length);
  return weights;
}

/** Returns the cosine similarity of two unit vectors: 0 (nothing shared) to 1 (the same terms in the same measure). */
export function cosine(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, weight] of small) dot += weight * (large.get(term) ?? 0);
  return dot;
}

/** Names of administrative places by their suffix (泰安市, 宁阳县, 楼德镇, 青云街道): not a subject either. */
function isPlaceLike(term: string): boolean {
  return /(?:省|市|县|区|镇|乡|街道|村|社区)$/u.test(term) && term.length <= 6;
}

/** Returns `a + weight × b`, scaled back to unit length. */
export function blend(a: TermVector, b: TermVector, weight: number): TermVector {
  const sum = new Map(a);
  for (const [term, value] of b) sum.set(term, (sum.get(term) ?? 0) + weight * value);
  let norm = 0;
  for (const value of sum.values()) norm += value * value;
  const length = Math.sqrt(norm) || 1;
  for (const [term, value] of sum) sum.set(term, value / length);
  return sum;
}
