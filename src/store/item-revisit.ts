import type { Redis, Result } from 'ioredis';
import type { Article } from '../domain/article.js';
import type { NearDuplicateCheck } from '../domain/near-duplicate-check.js';
import type { Verdict } from '../domain/verdict.js';
import type { ArticleDocuments } from './article-documents.js';
import type { CanonicalTakeover } from './canonical-takeover.js';
import { claimHash as hash } from './claim-records.js';
import { declareKeys } from './declared-keys.js';
import { feedKeyGroups } from './script-keys.js';
import { UPDATE_ARTICLE_LUA } from './scripts/update-article.js';
import type { StoreKeys } from './store-keys.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    updateArticle(...args: (string | number)[]): Result<'updated' | 'conflict', Context>;
  }
}

/** An item the store has seen before, met again: unchanged, a copy seen again, or a new version of its article. */
export class ItemRevisit {
  constructor(
    private readonly redis: Redis,
    private readonly keys: StoreKeys,
    private readonly documents: ArticleDocuments,
    private readonly get: (id: string) => Promise<Article | undefined>,
    private readonly takeover: CanonicalTakeover,
  ) {
    // The number of keys of the update varies with the article's feeds: the caller gives it first.
    redis.defineCommand('updateArticle', { lua: UPDATE_ARTICLE_LUA });
  }

  /**
   * The item was seen before: nothing to do if its content is the same, else a new version. A
   * copy seen again decides on canonical status again, which changes nothing unless the job
   * that recorded it stopped before deciding (a crash, an error retried): then it decides now.
   */
  async decide(article: Article, itemValue: string, near: NearDuplicateCheck | undefined): Promise<Verdict | 'retry'> {
    const [articleId = '', contentHash, role] = itemValue.split('|');
    if (contentHash === article.contentHash && role === 'copy') {
      const verdict = await this.takeover.preferEarlier(article, { kind: 'duplicate', articleId, matchedBy: 'url' }, near);
      return verdict.kind === 'duplicate' ? { kind: 'unchanged', articleId: verdict.articleId } : verdict;
    }
    if (contentHash === article.contentHash) return { kind: 'unchanged', articleId };
    if (role === 'copy') return { kind: 'duplicate', articleId, matchedBy: 'url' };
    const stored = await this.get(articleId);
    if (!stored) return 'retry';
    const updated: Article = {
      ...article,
      id: stored.id,
      publishedAt: stored.publishedAt,
      firstSeenAt: stored.firstSeenAt,
      // The version's fetch time (firstSeenAt of the new copy) is when the change became known.
      updatedAt: laterOf(article.updatedAt, article.firstSeenAt, stored.updatedAt),
      alsoPublishedBy: [],
    };
    // On Redis Cluster: the version replaced, read after the item (a change in between fails the compare-and-set).
    const replaced = await this.documents.currentVersion(stored.id);
    const value = await this.documents.stage(updated);
    const { keys } = this;
    const call = declareKeys({
      item: keys.item(hash(article.itemKey)),
      article: keys.article(stored.id),
      oldContent: keys.content(stored.contentHash),
      newContent: keys.content(article.contentHash),
      clock: keys.changeClock(),
      ...feedKeyGroups(keys, 'old', stored),
      ...feedKeyGroups(keys, 'new', updated),
    });
    const reply = await this.redis.updateArticle(
      ...call.args,
      stored.id,
      itemValue,
      `${stored.id}|${article.contentHash}|own`,
      value,
      Date.parse(stored.publishedAt),
    );
    if (this.documents.separate) await this.documents.discard(stored.id, reply === 'updated' ? replaced : value);
    return reply === 'updated' ? { kind: 'updated', articleId: stored.id, previousChannelIds: stored.channels.map((c) => c.id) } : 'retry';
  }
}

/** The latest of some ISO times, written as the first of them is written. */
function laterOf(...times: string[]): string {
  return times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}
