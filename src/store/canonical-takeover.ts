import type { Redis, Result } from 'ioredis';
import type { Article } from '../domain/article.js';
import { takesCanonicalFrom } from '../domain/canonical-claim.js';
import type { NearDuplicateCheck } from '../domain/near-duplicate-check.js';
import type { Verdict } from '../domain/verdict.js';
import type { ArticleDocuments } from './article-documents.js';
import { claimHash, copyRecordOf } from './claim-records.js';
import { callDeclaring, declareKeys, type Undeclared } from './declared-keys.js';
import { articleKeysOf, bucketsOf, feedKeyGroups, readAheadMerged } from './script-keys.js';
import { CURRENT_ARTICLE_ID_LUA } from './scripts/current-article.js';
import { REPLACE_CANONICAL_LUA } from './scripts/replace-canonical.js';
import type { StoreKeys } from './store-keys.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    replaceCanonical(...args: (string | number)[]): Result<'replaced' | 'gone' | 'changed' | 'exists' | 'conflict' | Undeclared, Context>;
    currentArticleId(...args: (string | number)[]): Result<string | null | Undeclared, Context>;
  }
}

/** How many article ids one LSH bucket keeps (the newest): bounds the lookup cost as the store grows. */
export const LSH_BUCKET_CAP = 20;

/** How many times one copy follows its story's canonical article to a copy that replaced it meanwhile. */
const MAX_FOLLOWS = 1_000;

/**
 * Decides, after an item was recorded as a copy of a stored article, which of the two is the
 * story's canonical article, and swaps them when it is the item (DESIGN.md: the first-published
 * copy is canonical; takesCanonicalFrom is the rule, ties included, so the order copies arrive
 * in does not matter).
 */
export class CanonicalTakeover {
  constructor(
    private readonly redis: Redis,
    private readonly keys: StoreKeys,
    private readonly documents: ArticleDocuments,
    private readonly getMany: (ids: readonly string[]) => Promise<Article[]>,
  ) {
    // The number of keys varies with the call: the caller gives it first.
    redis.defineCommand('replaceCanonical', { lua: REPLACE_CANONICAL_LUA });
    redis.defineCommand('currentArticleId', { lua: CURRENT_ARTICLE_ID_LUA });
  }

  /**
   * Returns the verdict on `article`, just recorded as a copy of `duplicate.articleId` (`loaded`:
   * that article as read). When the item takes canonical status, one Lua script swaps the roles,
   * re-checking that nothing changed meanwhile. When another copy replaced the stored article in
   * between (this item's record moved along with its list), the item is compared with that one:
   * the story ends with the same canonical article whichever worker finished first.
   */
  async preferEarlier(
    article: Article,
    duplicate: Extract<Verdict, { kind: 'duplicate' }>,
    near: NearDuplicateCheck | undefined,
    loaded?: Article,
  ): Promise<Verdict> {
    let stored = loaded ?? (await this.currentArticle(duplicate.articleId));
    for (let follows = 0; stored && follows < MAX_FOLLOWS; follows++) {
      // Without a publication time of its own an item cannot be the first published.
      if (article.timeFlags.includes('missing') || !takesCanonicalFrom(article, stored)) return { ...duplicate, articleId: stored.id };
      const reply = await this.replace(article, stored, near);
      if (reply === 'replaced') return takeoverVerdict(article, stored);
      if (reply !== 'gone' && reply !== 'changed') return { ...duplicate, articleId: stored.id };
      const read = stored;
      stored = await this.currentArticle(stored.id);
      // 'changed' with nothing changed would loop: the store's keys disagree with the article; leave it.
      if (reply === 'changed' && stored?.itemKey === read.itemKey && stored.contentHash === read.contentHash)
        return { ...duplicate, articleId: read.id };
    }
    if (stored) throw new Error(`store: item ${article.itemKey} kept following replaced articles`);
    return duplicate;
  }

  /**
   * Returns the article an id stands for now (itself, or the copy that replaced it, found in one
   * Lua step: following merged keys one read at a time can miss a replacement made in between).
   */
  private async currentArticle(id: string): Promise<Article | undefined> {
    for (let attempt = 0; attempt < MAX_FOLLOWS; attempt++) {
      const current = await callDeclaring(
        (ids) => {
          const call = declareKeys({}, ids, { article: this.keys.article, merged: this.keys.merged });
          return this.redis.currentArticleId(...call.args, id);
        },
        { script: 'current-article', ids: [id], readAhead: this.readAhead },
      );
      if (!current) return undefined;
      const [article] = await this.getMany([current]);
      // Replaced again between the two reads: look again.
      if (article) return article;
    }
    return undefined;
  }

  /**
   * Runs the swap. On Redis Cluster the new article's document is written first, and afterwards
   * the replaced document, or the new one when nothing was replaced, is deleted.
   */
  private async replace(article: Article, stored: Article, near: NearDuplicateCheck | undefined) {
    const replaced = await this.documents.currentVersion(stored.id);
    const value = await this.documents.stage(article);
    const reply = await this.swap(article, stored, near, value);
    if (this.documents.separate) {
      if (reply === 'replaced') await this.documents.discard(stored.id, replaced);
      else await this.documents.discard(article.id, value);
    }
    return reply;
  }

  private async swap(article: Article, stored: Article, near: NearDuplicateCheck | undefined, value: string) {
    const { keys } = this;
    const { buckets, fields } = bucketsOf(keys, near?.bandKeys ?? []);
    const groups = {
      stored: keys.stored(),
      clock: keys.changeClock(),
      newItem: keys.item(claimHash(article.itemKey)),
      oldItem: keys.item(claimHash(stored.itemKey)),
      newUrl: keys.url(claimHash(article.url)),
      oldUrl: keys.url(claimHash(stored.url)),
      newContent: keys.content(article.contentHash),
      oldContent: keys.content(stored.contentHash),
      ...feedKeyGroups(keys, 'old', stored),
      ...feedKeyGroups(keys, 'new', article),
      buckets,
    };
    return callDeclaring(
      (ids) => {
        const call = declareKeys(groups, ids, articleKeysOf(keys));
        return this.redis.replaceCanonical(
          ...call.args,
          stored.id,
          article.id,
          value,
          Date.parse(article.publishedAt),
          article.contentHash,
          stored.contentHash,
          JSON.stringify(copyRecordOf(article)),
          JSON.stringify(copyRecordOf(stored)),
          fields,
          LSH_BUCKET_CAP,
          Date.parse(article.firstSeenAt),
        );
      },
      { script: 'replace-canonical', ids: [stored.id, article.id], readAhead: this.readAhead },
    );
  }

  /** Returns the ids merged chains lead to: declared ahead when a script meets a chain. */
  private readonly readAhead = (ids: readonly string[]) => readAheadMerged(this.redis, this.keys, ids);
}

/**
 * The verdict on an item that took its story's canonical status: a new article superseding the
 * old one, or, for an item of the same canonical URL (one id), a new version of that article.
 */
function takeoverVerdict(article: Article, stored: Article): Verdict {
  const channelIds = stored.channels.map((c) => c.id);
  if (article.id === stored.id) return { kind: 'updated', articleId: article.id, previousChannelIds: channelIds };
  return { kind: 'created', articleId: article.id, supersedes: { articleId: stored.id, channelIds } };
}
