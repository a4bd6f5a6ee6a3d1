/**
 * Scores 猜你喜欢 on simulated readers who each follow one topic: their history is what the
 * store kept of their reads (ReaderActivityRepository.recentReads), the candidates are the
 * whole catalogue, and a hit is a recommended article of the reader's topic.
 */
import type { ArticleCard } from '../src/domain/article-card.js';
import { rankForYou } from '../src/feeds/recommend/for-you.js';
import type { ReaderActivityRepository } from '../src/store/reader-activity-repository.js';
import { statisticsOf } from './related-scoring.js';

/** How many of a reader's reads for-you looks at (as GET /api/lists/for-you does). */
const HISTORY = 30;
/** The length of the list judged. */
const TOP = 5;

/** The topic and split of a catalogue article, by card id. */
export type TopicLabels = ReadonlyMap<string, { topic: string; split: 'dev' | 'heldout' }>;

/** Means over the readers of one split. */
export interface ForYouScore {
  readers: number;
  /** Share of the top 5 that is of the reader's topic (a short list counts its missing places as misses). */
  share: number;
  /** The best share possible: the topic's articles the reader has not read, at most 5, over 5. */
  ceiling: number;
  /** Items returned. */
  returned: number;
  /** Items returned that the reader had read (should be none): a total, not a mean. */
  seenReturned: number;
}

/**
 * Ranks for-you for each topic follower at `now` against the whole catalogue (what they read
 * included, so that its removal is tested) and returns the scores per split.
 */
export async function scoreForYou(
  activity: Pick<ReaderActivityRepository, 'recentReads'>,
  topicOf: ReadonlyMap<string, string>,
  catalogue: readonly ArticleCard[],
  labels: TopicLabels,
  now: number,
): Promise<Record<'dev' | 'heldout', ForYouScore>> {
  const statistics = statisticsOf(catalogue);
  const byId = new Map(catalogue.map((card) => [card.id, card]));
  const topicSize = new Map<string, number>();
  const splitOf = new Map<string, 'dev' | 'heldout'>();
  for (const { topic, split } of labels.values()) {
    topicSize.set(topic, (topicSize.get(topic) ?? 0) + 1);
    splitOf.set(topic, split);
  }
  const rows: Record<'dev' | 'heldout', ForYouScore[]> = { dev: [], heldout: [] };
  for (const [readerId, topic] of topicOf) {
    const reads = await activity.recentReads(readerId, HISTORY);
    const readAt = new Map(reads.map((read) => [read.articleId, read.at]));
    const cards = reads.map((read) => byId.get(read.articleId)).filter((card) => card !== undefined);
    const top = rankForYou({ cards, readAt }, catalogue, statistics, now, TOP);
    rows[splitOf.get(topic) ?? 'dev'].push({
      readers: 1,
      share: top.filter(({ card }) => labels.get(card.id)?.topic === topic).length / TOP,
      ceiling: Math.min(TOP, (topicSize.get(topic) ?? 0) - cards.length) / TOP,
      returned: top.length,
      seenReturned: top.filter(({ card }) => readAt.has(card.id)).length,
    });
  }
  return { dev: meanOf(rows.dev), heldout: meanOf(rows.heldout) };
}

function meanOf(rows: readonly ForYouScore[]): ForYouScore {
  const n = Math.max(rows.length, 1);
  const sum = (pick: (row: ForYouScore) => number) => rows.reduce((total, row) => total + pick(row), 0);
  return {
    readers: rows.length,
    share: sum((row) => row.share) / n,
    ceiling: sum((row) => row.ceiling) / n,
    returned: sum((row) => row.returned) / n,
    seenReturned: sum((row) => row.seenReturned),
  };
}
