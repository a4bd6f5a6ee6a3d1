import type { Redis } from 'ioredis';

/** How many members one ZMSCORE asks about. */
const ZMSCORE_BATCH = 1_000;

/** The score of each member in a sorted set (null where it is no member), asked in batches. */
export async function scoresIn(redis: Redis, key: string, members: readonly string[]): Promise<(string | null)[]> {
  const scores: (string | null)[] = [];
  for (let i = 0; i < members.length; i += ZMSCORE_BATCH) {
    scores.push(...(await redis.zmscore(key, ...members.slice(i, i + ZMSCORE_BATCH))));
  }
  return scores;
}

/**
 * Returns the members that every one of the sorted sets holds, in their order: sets asked one at
 * a time, each about the members the ones before kept. The sets may lie in any slots of a Redis
 * Cluster (one command names one key): what ZINTERSTORE does within one slot, done across them.
 */
export async function heldByAll(redis: Redis, members: readonly string[], sets: readonly string[]): Promise<string[]> {
  let kept = [...members];
  for (const set of sets) {
    if (kept.length === 0) break;
    const scores = await scoresIn(redis, set, kept);
    kept = kept.filter((_, i) => scores[i] !== null);
  }
  return kept;
}
