import type { Article } from './article.js';

/**
 * How long before its first sighting a copy's own publication time is believed when copies
 * compete for canonical status. A source polled late, or down for a day, still wins with its
 * real time; a date years before anyone saw the story is a claim, not evidence.
 */
export const CREDIBLE_BACKDATE_MS = 48 * 3600_000;

type Dated = Pick<Article, 'publishedAt' | 'firstSeenAt'>;

/**
 * Returns whether `newcomer`, a copy of the story `stored` holds, was published first and so
 * takes canonical status (DESIGN.md: the first-published copy is canonical). A publication
 * time more than CREDIBLE_BACKDATE_MS before the copy's first sighting counts only against
 * another copy whose time is no more credible (an archive imported today): otherwise the
 * copy competes with the time it was first seen, so a feed claiming a 2024 date for today's
 * story cannot take it from the source that ran it first.
 */
export function takesCanonicalFrom(newcomer: Dated, stored: Dated): boolean {
  return competingMs(newcomer, stored) < competingMs(stored, newcomer);
}

function competingMs(copy: Dated, other: Dated): number {
  return isCredible(copy) || !isCredible(other) ? Date.parse(copy.publishedAt) : Date.parse(copy.firstSeenAt);
}

function isCredible(copy: Dated): boolean {
  return Date.parse(copy.firstSeenAt) - Date.parse(copy.publishedAt) <= CREDIBLE_BACKDATE_MS;
}
