/**
 * Scores the related-articles ranker on the labelled topics of test/fixtures/recs/topics.jsonl:
 * each article goes through the real pipeline (normalize, classify, card), every article is a
 * query, and its relevant set is the other articles of its topic. Pure apart from reading the file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ArticleCard, TermStatistics } from '../src/domain/article-card.js';
import { emptyRawItem } from '../src/domain/raw-item.js';
import { queryTerms, rankRelated } from '../src/feeds/recommend/related-articles.js';
import { cardOf } from '../src/workers/process/keywords/card-of.js';
import type { Segmenter } from '../src/workers/process/keywords/extract-keywords.js';
import { buildArticle, type ProcessSettings } from '../src/workers/process/process-item.js';

/** One labelled article of the topics set. */
export interface TopicArticle {
  id: string;
  topic: string;
  topicLabel: string;
  split: 'dev' | 'heldout';
  title: string;
  text: string;
  place: string;
  publishedAt: string;
  source: string;
}

/** Precision@5 over a part of the set, and the queries that found fewest of their topic. */
export interface RelatedScore {
  queries: number;
  precisionAt5: number;
  worst: string[];
}

export const TOPICS_FILE = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'test', 'fixtures', 'recs', 'topics.jsonl');

/** Reads the labelled topics. */
export function readTopics(file = TOPICS_FILE): TopicArticle[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as TopicArticle);
}

/** Builds the card of each labelled article through normalization, classification and keyword extraction. */
export function cardsOf(articles: readonly TopicArticle[], settings: ProcessSettings, segment: Segmenter): Map<string, ArticleCard> {
  const cards = new Map<string, ArticleCard>();
  for (const article of articles) {
    const item = {
      ...emptyRawItem(),
      url: `https://news.example.cn/${article.id}.html`,
      title: article.title,
      text: article.text,
      published: article.publishedAt,
    };
    const { article: built } = buildArticle(
      { source: { id: 'topics', name: article.source, channels: [] }, item, fetchedAt: '2024-07-01T00:00:00Z' },
      settings,
    );
    cards.set(article.id, cardOf(built, segment));
  }
  return cards;
}

/** The document frequencies of every term over the cards, as the store keeps them. */
export function statisticsOf(cards: Iterable<ArticleCard>): TermStatistics {
  const documentFrequency = new Map<string, number>();
  let articleCount = 0;
  for (const card of cards) {
    articleCount++;
    for (const { term } of card.keywords) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  return { documentFrequency, articleCount };
}

/**
 * Precision@5 of the related ranker for the queries of one split: candidates are found as the
 * store finds them (articles sharing one of the query's heaviest terms), ranked among the whole set.
 */
export function scoreRelated(
  articles: readonly TopicArticle[],
  cards: ReadonlyMap<string, ArticleCard>,
  split: 'dev' | 'heldout',
): RelatedScore {
  const statistics = statisticsOf(cards.values());
  const topicById = new Map(articles.map((article) => [article.id, article.topic]));
  const topicOf = new Map([...cards].map(([labelId, card]) => [card.id, topicById.get(labelId)]));
  const byTerm = new Map<string, ArticleCard[]>();
  for (const card of cards.values()) for (const { term } of card.keywords) byTerm.set(term, [...(byTerm.get(term) ?? []), card]);
  const rows: { id: string; hits: number }[] = [];
  for (const article of articles.filter((candidate) => candidate.split === split)) {
    const card = cards.get(article.id);
    if (!card) continue;
    const candidates = new Set(queryTerms(card, statistics).flatMap((term) => byTerm.get(term) ?? []));
    const top = rankRelated(card, [...candidates], statistics, 5);
    rows.push({
      id: `${article.id} ${article.title}`,
      hits: top.filter(({ card: related }) => topicOf.get(related.id) === article.topic).length,
    });
  }
  const precisionAt5 = rows.reduce((sum, row) => sum + row.hits / 5, 0) / Math.max(rows.length, 1);
  const worst = rows
    .filter((row) => row.hits <= 2)
    .map((row) => `${row.hits}/5 ${row.id}`)
    .slice(0, 10);
  return { queries: rows.length, precisionAt5, worst };
}
