import type { Article } from './article.js';

/**
 * How long before its first sighting a copy's own publication time is believed when copies
 * compete for canonical status. A source polled late, or down for a day, still wins with its
 * real time; a date years before anyone saw the story is a claim, not evidence.
 */
export const CREDIBLE_BACKDATE_MS = 48 * 3600_000;

/** What deciding between two copies of one story reads of each. */
export type CanonicalClaim = Pick<Article, 'id' | 'itemKey' | 'publishedAt' | 'firstSeenAt' | 'contentText'>;

/**
 * Returns whether `newcomer`, a copy of the story `stored` holds, takes canonical status from it
 * (DESIGN.md: the first-published copy is canonical). A publication time more than
 * CREDIBLE_BACKDATE_MS before the copy's first sighting counts only against another copy whose
 * time is no more credible (an archive imported today): otherwise the copy competes with the
 * time it was first seen, so a feed claiming a 2024 date for today's story cannot take it from
 * the source that ran it first.
 *
 * Equal times are decided by the smaller article id, so that the same copies give the same
 * canonical article whatever order they arrive in; two items of one canonical URL (one id: a page
 * and an aggregator's entry of it) by the fuller text, then the smaller item key. The order is
 * one ranking of all the copies (time first, for items of one URL as well), so that whichever
 * pairs the workers happen to compare, the story ends with the same copy on top.
 */
export function takesCanonicalFrom(newcomer: CanonicalClaim, stored: CanonicalClaim): boolean {
  const order =
    competingMs(newcomer, stored) - competingMs(stored, newcomer) ||
    compareText(newcomer.id, stored.id) ||
    stored.contentText.length - newcomer.contentText.length ||
    compareText(newcomer.itemKey, stored.itemKey);
  return order < 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function competingMs(copy: CanonicalClaim, other: CanonicalClaim): number {
  return isCredible(copy) || !isCredible(other) ? Date.parse(copy.publishedAt) : Date.parse(copy.firstSeenAt);
}

function isCredible(copy: CanonicalClaim): boolean {
  return Date.parse(copy.firstSeenAt) - Date.parse(copy.publishedAt) <= CREDIBLE_BACKDATE_MS;
}
