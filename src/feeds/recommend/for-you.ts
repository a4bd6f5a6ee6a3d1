import type { ArticleCard, TermStatistics } from '../../domain/article-card.js';
import { cosine, termVector, type ScoredCard, type TermVector } from './term-vectors.js';

/** What one reader read lately: the cards, newest first, and when. */
export interface ReadingHistory {
  cards: readonly ArticleCard[];
  readAt: ReadonlyMap<string, number>;
}

/** MMR's balance of relevance against variety (1: relevance only). */
const LAMBDA = 0.7;
/** Two candidates this similar are one story told twice: only one may be shown. */
const NEAR_DUPLICATE = 0.8;
/** Days after which a read weighs half in the reader's profile, and a candidate's freshness halves. */
const READ_HALF_LIFE_DAYS = 7;
const FRESH_HALF_LIFE_DAYS = 3;
/** At most this many items from one source in a row. */
const MAX_SOURCE_RUN = 2;

/**
 * 猜你喜欢: fresh articles close to what the reader read (the words of their titles and texts,
 * their channels), minus what they have seen, diversified by maximal marginal relevance: no two
 * near-duplicates, and no more than two from one source in a row.
 */
export function rankForYou(
  history: ReadingHistory,
  candidates: readonly ArticleCard[],
  statistics: TermStatistics,
  now: number,
  limit: number,
): ScoredCard[] {
  const profile = profileOf(history, statistics, now);
  const channelWeight = channelAffinity(history.cards);
  const pool = candidates
    .filter((card) => !history.readAt.has(card.id))
    .map((card) => {
      const vector = termVector(card, statistics);
      const affinity = Math.max(0, ...card.channels.map((channel) => channelWeight.get(channel) ?? 0));
      const ageDays = Math.max(0, (now - Date.parse(card.publishedAt)) / 86_400_000);
      const relevance = cosine(profile, vector) + 0.1 * affinity + 0.1 * 0.5 ** (ageDays / FRESH_HALF_LIFE_DAYS);
      return { card, vector, relevance };
    });
  return diversify(pool, limit);
}

/**
 * Selects by maximal marginal relevance, skipping near-duplicates of what is chosen and long runs
 * of one source (unless the pool has one source only: then there is nothing to alternate with).
 */
function diversify(pool: { card: ArticleCard; vector: TermVector; relevance: number }[], limit: number): ScoredCard[] {
  const chosen: { card: ArticleCard; vector: TermVector; score: number }[] = [];
  const left = [...pool];
  const oneSource = new Set(pool.map((candidate) => candidate.card.sourceId)).size <= 1;
  while (chosen.length < limit && left.length > 0) {
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < left.length; i++) {
      const candidate = left[i];
      if (!candidate || (!oneSource && breaksSourceRun(chosen, candidate.card))) continue;
      const redundancy = Math.max(0, ...chosen.map((picked) => cosine(picked.vector, candidate.vector)));
      if (redundancy >= NEAR_DUPLICATE || chosen.some((picked) => picked.card.contentHash === candidate.card.contentHash)) continue;
      const score = LAMBDA * candidate.relevance - (1 - LAMBDA) * redundancy;
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    if (best < 0) break;
    const [picked] = left.splice(best, 1);
    if (picked) chosen.push({ card: picked.card, vector: picked.vector, score: bestScore });
  }
  return chosen.map(({ card, score }) => ({ card, score }));
}

function breaksSourceRun(chosen: readonly { card: ArticleCard }[], card: ArticleCard): boolean {
  const run = chosen.slice(-MAX_SOURCE_RUN);
  return run.length === MAX_SOURCE_RUN && run.every((picked) => picked.card.sourceId === card.sourceId);
}

/** The reader's interests: the sum of what they read, recent reads weighing more, as a unit vector. */
function profileOf(history: ReadingHistory, statistics: TermStatistics, now: number): TermVector {
  const profile = new Map<string, number>();
  for (const card of history.cards) {
    const ageDays = Math.max(0, (now - (history.readAt.get(card.id) ?? now)) / 86_400_000);
    const weight = 0.5 ** (ageDays / READ_HALF_LIFE_DAYS);
    for (const [term, value] of termVector(card, statistics)) profile.set(term, (profile.get(term) ?? 0) + weight * value);
  }
  const length = Math.sqrt([...profile.values()].reduce((sum, value) => sum + value * value, 0)) || 1;
  for (const [term, value] of profile) profile.set(term, value / length);
  return profile;
}

/** The share of the reader's reads in each channel. */
function channelAffinity(cards: readonly ArticleCard[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const card of cards) for (const channel of card.channels) counts.set(channel, (counts.get(channel) ?? 0) + 1);
  for (const [channel, count] of counts) counts.set(channel, count / Math.max(cards.length, 1));
  return counts;
}
