import type { Article } from './article.js';

/**
 * How long before its first sighting a copy's own publication time is believed when copies
 * compete for canonical status. A source polled late, or down for a day, still wins with its
 * real time; a date years before anyone saw the story is a claim, not evidence.
 */
export const CREDIBLE_BACKDATE_MS = 48 * 3600_000;

/**
 * Returns the time a copy of a story competes with for canonical status (the earliest wins):
 * its publication time, or its first sighting when the publication time lies more than
 * CREDIBLE_BACKDATE_MS before it — so that a feed claiming a 2024 date for today's story
 * cannot take it from the source that ran it first.
 */
export function canonicalClaimMs(article: Pick<Article, 'publishedAt' | 'firstSeenAt'>): number {
  const published = Date.parse(article.publishedAt);
  const firstSeen = Date.parse(article.firstSeenAt);
  return firstSeen - published > CREDIBLE_BACKDATE_MS ? firstSeen : published;
}
