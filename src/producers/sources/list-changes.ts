import type { ListEntry } from './pages/discover-links.js';

/** What a list showed for one URL, as it is remembered: its title and time, in one string. */
export function listingSignature(entry: Pick<ListEntry, 'title' | 'time'>): string {
  return JSON.stringify([entry.title, entry.time ?? '']);
}

/**
 * Returns the entries whose title or time differs from what the list showed for their URL
 * before (a correction, an update the list re-dates): the article pages to fetch again. An
 * entry with nothing remembered is not changed: it is new (fetched as new), or was seen before
 * the list was remembered.
 */
export function findChangedEntries(remembered: ReadonlyMap<string, string>, entries: readonly ListEntry[]): ListEntry[] {
  return entries.filter((entry) => {
    const before = remembered.get(entry.url);
    return before !== undefined && before !== listingSignature(entry);
  });
}
