import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { heldByAll, scoresIn } from './posting-filter.js';
import { keyLayoutOf, StoreKeys } from './store-keys.js';

/**
 * The two orders a listing reads in: `published`, newest publication first (the feed indexes);
 * `changed`, oldest write first (the change indexes, whose times only grow: the sync order).
 */
export type ListingOrder = 'published' | 'changed';

/** Where a page starts: past the entry with this score and id; with no id, past every entry of the score. */
export interface ListingPosition {
  score: number;
  id?: string | undefined;
}

/** One article of a listing: its id and its score in the order read (publication ms, or change µs). */
export interface ListingEntry {
  id: string;
  score: number;
}

export interface ListingQuery {
  order: ListingOrder;
  /** Feed ids an article must all be in (`channel:all`, `channel:taian`, `source:…`); at least one. */
  feeds: readonly [string, ...string[]];
  /** Search terms an article's title or text must all hold (none: no search). */
  terms: readonly string[];
  after?: ListingPosition | undefined;
  limit: number;
}

/** A temporary intersection outlives its request by this much at most, should the request die before deleting it. */
const TEMPORARY_MS = 60_000;
/** On Redis Cluster, by default, a posting of at most this many articles is read whole to answer a search. */
export const READ_WHOLE_POSTING = 5_000;

/**
 * Reads pages of article ids from the store's indexes, by keyset (score, id) rather than by
 * offset, so that articles written meanwhile never shift a page: in the published order they
 * sort before the reader's position or after it, in the changed order always after it.
 */
export class ArticleListing {
  private readonly keys: StoreKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    /** On Redis Cluster, a posting of at most this many articles is read whole to answer a search (readHeld). */
    private readonly readWholePosting = READ_WHOLE_POSTING,
  ) {
    this.keys = new StoreKeys(prefix, keyLayoutOf(redis));
  }

  /** Returns up to `limit` entries past `after` in the query's order, and whether more follow. */
  async page(query: ListingQuery): Promise<{ entries: ListingEntry[]; more: boolean }> {
    const { base, feeds, postings } = this.indexesOf(query);
    // On Redis Cluster the postings lie in slots of their own: they filter what the rest gives.
    const spread = this.keys.layout === 'cluster' ? postings : [];
    const filters = spread.length > 0 ? feeds : [...feeds, ...postings];
    const read = (key: string) => (spread.length > 0 ? this.readHeld(key, spread, query) : this.read(key, query));
    if (filters.length === 0) return read(base);
    // One sorted set holding the base's scores for the articles in every filter too (weight 0).
    const temporary = this.keys.listing(randomUUID());
    const weights = [1, ...filters.map(() => 0)];
    await this.redis
      .multi()
      .zinterstore(temporary, 1 + filters.length, base, ...filters, 'WEIGHTS', ...weights)
      .pexpire(temporary, TEMPORARY_MS)
      .exec();
    try {
      return await read(temporary);
    } finally {
      await this.redis.unlink(temporary);
    }
  }

  /**
   * The sorted set whose scores give the order, the feed indexes an article must also be in, and
   * the postings of the terms it must hold. A search in the changed order reads the time its
   * terms were written, not the time the article was: the terms are written just after it, and a
   * sync must not pass an article before it can be found.
   */
  private indexesOf({ order, feeds, terms }: ListingQuery): { base: string; feeds: string[]; postings: string[] } {
    const postings = terms.map((term) => this.keys.searchPostings(term));
    if (order === 'published') return { base: this.keys.feedIndex(feeds[0]), feeds: feeds.slice(1).map(this.keys.feedIndex), postings };
    if (terms.length > 0) return { base: this.keys.searchChanges(), feeds: feeds.map(this.keys.feedIndex), postings };
    return { base: this.keys.feedChanges(feeds[0]), feeds: feeds.slice(1).map(this.keys.feedIndex), postings: [] };
  }

  /**
   * Reads past the position in one sorted set, keeping the entries that `keep` keeps of each
   * batch; entries that tie with the position on score are skipped up to its id.
   */
  private async read(
    key: string,
    { order, after, limit }: ListingQuery,
    keep: (batch: ListingEntry[]) => Promise<ListingEntry[]> = (batch) => Promise.resolve(batch),
  ): Promise<{ entries: ListingEntry[]; more: boolean }> {
    const wanted = limit + 1;
    const entries: ListingEntry[] = [];
    const [from, to] = boundsOf(order, after);
    for (let offset = 0; entries.length < wanted;) {
      const reply =
        order === 'published'
          ? await this.redis.zrange(key, from, to, 'BYSCORE', 'REV', 'LIMIT', offset, wanted, 'WITHSCORES')
          : await this.redis.zrange(key, from, to, 'BYSCORE', 'LIMIT', offset, wanted, 'WITHSCORES');
      const batch = entriesOf(reply);
      entries.push(...(await keep(batch.filter((entry) => isPast(entry, after, order)))));
      offset += batch.length;
      if (batch.length < wanted) break;
    }
    return { entries: entries.slice(0, limit), more: entries.length > limit };
  }

  /**
   * Reads past the position in one sorted set the entries that every posting holds, the postings
   * in other slots. With a posting of at most readWholePosting articles (a rare term, as most
   * are), that one is read whole and the rest asked about its articles; with none, the sorted
   * set is read in order and each batch asked about.
   */
  private async readHeld(
    key: string,
    postings: readonly string[],
    query: ListingQuery,
  ): Promise<{ entries: ListingEntry[]; more: boolean }> {
    const sizes = await Promise.all(postings.map(async (posting) => ({ posting, size: await this.redis.zcard(posting) })));
    const [smallest] = sizes.sort((a, b) => a.size - b.size);
    const others = sizes.slice(1).map(({ posting }) => posting);
    if (!smallest || smallest.size > this.readWholePosting) {
      return this.read(key, query, async (batch) => {
        const held = new Set(
          await heldByAll(
            this.redis,
            batch.map((entry) => entry.id),
            postings,
          ),
        );
        return batch.filter((entry) => held.has(entry.id));
      });
    }
    const held = await heldByAll(this.redis, await this.redis.zrange(smallest.posting, 0, -1), others);
    const scores = await scoresIn(this.redis, key, held);
    const entries = held
      .flatMap((id, i) => (scores[i] == null ? [] : [{ id, score: Number(scores[i]) }]))
      .filter((entry) => isPast(entry, query.after, query.order))
      .sort(
        query.order === 'published'
          ? (a, b) => b.score - a.score || compareIds(b.id, a.id)
          : (a, b) => a.score - b.score || compareIds(a.id, b.id),
      );
    return { entries: entries.slice(0, query.limit), more: entries.length > query.limit };
  }
}

/** Ids as Redis orders the members of one score: by their bytes (the ids are ASCII, where code units order the same). */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The score range to read, from the position on: inclusive when ties are sorted out by id, exclusive when the whole score is passed. */
function boundsOf(order: ListingOrder, after: ListingPosition | undefined): [string, string] {
  const end = order === 'published' ? '-inf' : '+inf';
  if (!after) return [order === 'published' ? '+inf' : '-inf', end];
  return [after.id === undefined ? `(${String(after.score)}` : String(after.score), end];
}

/**
 * Whether an entry lies past a position in an order. Redis sorts equal scores by member, so
 * within one score the published order (read in reverse) goes down by id and the changed order up.
 */
export function isPast(entry: ListingEntry, after: ListingPosition | undefined, order: ListingOrder): boolean {
  if (!after) return true;
  if (entry.score !== after.score) return order === 'published' ? entry.score < after.score : entry.score > after.score;
  if (after.id === undefined) return false;
  // Members compare as bytes in Redis; the ids are ASCII, where code units order the same.
  return order === 'published' ? entry.id < after.id : entry.id > after.id;
}

/** Pairs a WITHSCORES reply ([member, score, member, score …]) up. */
function entriesOf(reply: string[]): ListingEntry[] {
  const entries: ListingEntry[] = [];
  for (let i = 0; i + 1 < reply.length; i += 2) entries.push({ id: reply[i] ?? '', score: Number(reply[i + 1]) });
  return entries;
}
