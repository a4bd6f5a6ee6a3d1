import type { Redis } from 'ioredis';
import type { Article } from '../domain/article.js';
import { feedIdsOf } from '../domain/feed-id.js';
import type { KeysOfId } from './declared-keys.js';
import type { StoreKeys } from './store-keys.js';

/** How many links of a merged chain one read-ahead follows (as many as a script's current() does). */
const MAX_CHAIN = 64;

/** Returns the keys of an article id the claim and takeover scripts read and write: the article, its merged key, its copy records. */
export function articleKeysOf(keys: StoreKeys): KeysOfId {
  return { article: keys.article, merged: keys.merged, also: keys.alsoPublished };
}

/** Returns the groups of an article's feed and change indexes (`<name>Indexes`, `<name>Changes`, in one order): what refile takes. */
export function feedKeyGroups(
  keys: StoreKeys,
  name: 'old' | 'new',
  article: Pick<Article, 'channels' | 'source'>,
): Record<string, readonly string[]> {
  const feedIds = feedIdsOf(
    article.channels.map((c) => c.id),
    article.source.id,
  );
  return { [`${name}Indexes`]: feedIds.map(keys.feedIndex), [`${name}Changes`]: feedIds.map(keys.feedChanges) };
}

/**
 * Returns the LSH buckets of an item's band keys (`band.shard.field`): the hash of each
 * (`lsh:<band>.<shard>`) and, joined by ',', the field of each in the same order.
 */
export function bucketsOf(keys: StoreKeys, bandKeys: readonly string[]): { buckets: string[]; fields: string } {
  const split = bandKeys.map((bandKey) => {
    const dot = bandKey.lastIndexOf('.');
    return [keys.lshBucket(bandKey.slice(0, dot)), bandKey.slice(dot + 1)] as const;
  });
  return { buckets: split.map(([bucket]) => bucket), fields: split.map(([, field]) => field).join(',') };
}

/**
 * Returns the ids the merged chains of some ids lead to (not the ids themselves), read one link
 * per round trip for all chains at once: what a script following those chains needs declared.
 */
export async function readAheadMerged(redis: Redis, keys: StoreKeys, ids: readonly string[]): Promise<string[]> {
  const seen = new Set(ids);
  const found: string[] = [];
  let next = [...ids];
  for (let link = 0; link < MAX_CHAIN && next.length > 0; link++) {
    const successors = await redis.mget(next.map(keys.merged));
    next = [];
    for (const id of successors) {
      if (id === null || seen.has(id)) continue;
      seen.add(id);
      found.push(id);
      next.push(id);
    }
  }
  return found;
}
