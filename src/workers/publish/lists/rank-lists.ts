/** Hourly counts of one channel: hour (since the epoch) → article id → distinct readers. */
export type HourlyCounts = ReadonlyMap<number, ReadonlyMap<string, number>>;

/** How fast a reader's visit fades from the hot list: the half-life of a count, per window. */
export const HOT_HALF_LIFE_HOURS = { '24h': 6, '7d': 48 } as const;

/**
 * Returns the hot score of each article read in the window: its distinct readers per hour,
 * each hour's count halved every `halfLifeHours` of age, so that what is read now outranks
 * what was read as much a day ago.
 */
export function hotScores(counts: HourlyCounts, nowHour: number, windowHours: number, halfLifeHours: number): Map<string, number> {
  const scores = new Map<string, number>();
  for (const [hour, articles] of counts) {
    const age = nowHour - hour;
    if (age < 0 || age >= windowHours) continue;
    const weight = 0.5 ** (age / halfLifeHours);
    for (const [id, count] of articles) scores.set(id, (scores.get(id) ?? 0) + count * weight);
  }
  return scores;
}

/** Returns the ids with the highest scores, best first (ties: the id, for stable bytes). */
export function topByScore(scores: ReadonlyMap<string, number>, limit: number): [string, number][] {
  return [...scores].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit);
}

/** A recent article of a sister channel, with its hot score and age. */
export interface SisterCandidate {
  id: string;
  channelId: string;
  hot: number;
  ageHours: number;
}

/** Hours after which an article's freshness weighs half in channel picks. */
const FRESHNESS_HALF_LIFE_HOURS = 24;

/**
 * 频道推荐: the best recent articles of the sister channels, by hot score and freshness, taking
 * the channels in turn so that one busy county does not fill the list.
 */
export function channelPicks(candidates: readonly SisterCandidate[], limit: number): [string, number][] {
  const byChannel = new Map<string, [string, number][]>();
  for (const candidate of candidates) {
    const score = Math.log1p(candidate.hot) + 2 * 0.5 ** (candidate.ageHours / FRESHNESS_HALF_LIFE_HOURS);
    const list = byChannel.get(candidate.channelId) ?? [];
    list.push([candidate.id, score]);
    byChannel.set(candidate.channelId, list);
  }
  for (const list of byChannel.values()) list.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const picked: [string, number][] = [];
  const seen = new Set<string>();
  for (let round = 0; picked.length < limit; round++) {
    const row = [...byChannel.values()].map((list) => list[round]).filter((entry) => entry !== undefined);
    if (row.length === 0) break;
    for (const entry of row.sort((a, b) => b[1] - a[1])) {
      if (picked.length >= limit || seen.has(entry[0])) continue;
      seen.add(entry[0]);
      picked.push(entry);
    }
  }
  return picked;
}

/** 新闻推荐: the editors' live pins first, in the order they were pinned, then the hot list without them. */
export function editorsPicks(pinned: readonly string[], hot: readonly [string, number][], limit: number): [string, number][] {
  const pins = new Set(pinned);
  return [...pinned.map((id): [string, number] => [id, 1]), ...hot.filter(([id]) => !pins.has(id))].slice(0, limit);
}
