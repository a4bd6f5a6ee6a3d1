import type { Article } from '../../domain/article.js';

const LEAD_CHARS = 200;

/**
 * Ranks candidates by how related they are to an article: the Jaccard similarity of the
 * character bigrams of title and lead, plus a bonus for each shared channel. Returns the best
 * `limit`, never the article itself, and none with nothing in common.
 */
export function rankRelated(article: Article, candidates: readonly Article[], limit: number): Article[] {
  const own = bigramsOf(article);
  const channels = new Set(article.channels.map((c) => c.id));
  return candidates
    .filter((candidate) => candidate.id !== article.id)
    .map((candidate) => {
      const shared = candidate.channels.filter((c) => channels.has(c.id)).length;
      return { candidate, score: jaccard(own, bigramsOf(candidate)) + 0.05 * shared };
    })
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || b.candidate.publishedAt.localeCompare(a.candidate.publishedAt))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

function bigramsOf(article: Article): Set<string> {
  const text = `${article.title} ${article.contentText.slice(0, LEAD_CHARS)}`.replace(/[\s\p{P}]/gu, '');
  const grams = new Set<string>();
  for (let i = 0; i + 2 <= text.length; i++) grams.add(text.slice(i, i + 2));
  return grams;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return shared / (a.size + b.size - shared);
}
