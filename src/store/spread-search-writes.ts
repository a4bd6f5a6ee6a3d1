import { randomUUID } from 'node:crypto';
import type { Redis, Result } from 'ioredis';
import { declareKeys } from './declared-keys.js';
import { BEGIN_SEARCH_TERMS_LUA, FINISH_SEARCH_TERMS_LUA, POST_SEARCH_TERMS_LUA } from './scripts/spread-search-terms.js';
import { searchShardOf, type StoreKeys } from './store-keys.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    beginSearchTerms(...args: (string | number)[]): Result<string[], Context>;
    postSearchTerms(...args: (string | number)[]): Result<1, Context>;
    finishSearchTerms(...args: (string | number)[]): Result<'written' | 'removed' | 'gone' | 'lost', Context>;
  }
}

/** How long one writer holds an article's postings: far longer than the few round trips a write takes. */
export const SEARCH_LEASE_MS = 10_000;
/**
 * How long a writer waits for another's lease on the same article before it gives up (its job is
 * retried): longer than a lease, so that the lease of a writer that died always runs out meanwhile.
 */
const LEASE_WAIT_MS = 15_000;

/**
 * Writes and removes articles' search terms on Redis Cluster, where the postings lie in
 * SEARCH_SHARDS slots spread over the masters, and only the article's list of terms and
 * search-changes sit in the store's slot. Three steps, one writer of an article at a time (a
 * lease): begin (the list becomes old ∪ new terms, marked pending), the postings (one script per
 * group), finish (the list becomes the new terms). The list thus always names every posting the article
 * is in, whatever step a process dies at: the next write or ensure of it finds the list pending
 * and writes again, a remove reaches every posting. What one Redis does in one script
 * (scripts/search-terms.ts), this does without an atomic step across slots.
 *
 * The one case it does not cover: a writer stalled longer than SEARCH_LEASE_MS between begin and
 * finish, whose late postings may land after the next writer's; its finish then fails ('lost').
 */
export class SpreadSearchWrites {
  constructor(
    private readonly redis: Redis,
    private readonly keys: StoreKeys,
  ) {
    redis.defineCommand('beginSearchTerms', { lua: BEGIN_SEARCH_TERMS_LUA });
    redis.defineCommand('postSearchTerms', { lua: POST_SEARCH_TERMS_LUA });
    redis.defineCommand('finishSearchTerms', { lua: FINISH_SEARCH_TERMS_LUA });
  }

  /** Indexes an article under its terms (`ensure`: unless they are fully written); returns whether it wrote. */
  async write(articleId: string, terms: readonly string[], mode: 'write' | 'ensure'): Promise<boolean> {
    const begun = await this.begin(articleId, mode, terms);
    if (begun.kind !== 'held') return false;
    const wanted = new Set(terms);
    await this.postings(
      articleId,
      terms,
      begun.old.filter((term) => !wanted.has(term)),
    );
    const finished = await this.finish(articleId, begun.token, 'write', terms);
    if (finished === 'written') return true;
    // Replaced or expired meanwhile: what this write posted goes, as a remove would take it.
    await this.postings(articleId, [], [...new Set([...begun.old, ...terms])]);
    await this.finish(articleId, begun.token, 'remove', []);
    return false;
  }

  /** Takes an article out of every posting its list names, then deletes the list and its search-changes entry. */
  async remove(articleId: string): Promise<void> {
    const begun = await this.begin(articleId, 'remove', []);
    if (begun.kind !== 'held') return;
    await this.postings(articleId, [], begun.old);
    await this.finish(articleId, begun.token, 'remove', []);
  }

  /** Takes the article's lease, waiting while another writer holds it. */
  private async begin(
    articleId: string,
    mode: 'write' | 'ensure' | 'remove',
    terms: readonly string[],
  ): Promise<{ kind: 'held'; token: string; old: string[] } | { kind: 'done' | 'gone' }> {
    const token = randomUUID();
    const { keys } = this;
    const call = declareKeys({ listed: keys.searchTerms(articleId), article: keys.article(articleId), lease: keys.searchLease(articleId) });
    const deadline = Date.now() + LEASE_WAIT_MS;
    for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
      const [kind, ...old] = await this.redis.beginSearchTerms(...call.args, token, SEARCH_LEASE_MS, mode, terms.join(','));
      if (kind === 'held') return { kind, token, old };
      if (kind === 'done' || kind === 'gone') return { kind };
      if (Date.now() > deadline) {
        throw new Error(`store: the search terms of article ${articleId} stayed locked by another writer for ${String(LEASE_WAIT_MS)} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /**
   * Enters the article in the postings of `added` and takes it out of those of `dropped`: one
   * script per group of postings (a slot, StoreKeys.searchPostings), the groups at once.
   */
  private async postings(articleId: string, added: readonly string[], dropped: readonly string[]): Promise<void> {
    const groups = new Map<number, { added: string[]; dropped: string[] }>();
    const groupOf = (term: string) => {
      const shard = searchShardOf(term);
      let group = groups.get(shard);
      if (!group) groups.set(shard, (group = { added: [], dropped: [] }));
      return group;
    };
    for (const term of added) groupOf(term).added.push(this.keys.searchPostings(term));
    for (const term of dropped) groupOf(term).dropped.push(this.keys.searchPostings(term));
    await Promise.all([...groups.values()].map((group) => this.redis.postSearchTerms(...declareKeys(group).args, articleId)));
  }

  private async finish(articleId: string, token: string, mode: 'write' | 'remove', terms: readonly string[]) {
    const { keys } = this;
    const call = declareKeys({
      listed: keys.searchTerms(articleId),
      article: keys.article(articleId),
      changes: keys.searchChanges(),
      clock: keys.changeClock(),
      lease: keys.searchLease(articleId),
    });
    const finished = await this.redis.finishSearchTerms(...call.args, token, articleId, mode, terms.join(','));
    if (finished === 'lost') {
      throw new Error(`store: the search terms of article ${articleId} took longer than their lease (${String(SEARCH_LEASE_MS)} ms)`);
    }
    return finished;
  }
}
