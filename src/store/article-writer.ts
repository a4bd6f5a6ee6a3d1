import type { Redis, Result } from 'ioredis';
import type { AlsoPublished, Article } from '../domain/article.js';
import { takesCanonicalFrom } from '../domain/canonical-claim.js';
import { sha256 } from '../domain/sha256.js';
import type { Verdict } from '../domain/verdict.js';
import { CLAIM_ARTICLE_LUA } from './scripts/claim-article.js';
import { RECORD_COPY_LUA } from './scripts/record-copy.js';
import { REPLACE_CANONICAL_LUA } from './scripts/replace-canonical.js';
import { UPDATE_ARTICLE_LUA } from './scripts/update-article.js';
import { feedIdsOf } from '../domain/feed-id.js';
import type { NearDuplicateCheck } from '../domain/near-duplicate-check.js';
import type { StoreKeys } from './store-keys.js';

type ClaimReply = ['item', string] | ['duplicate', string, 'url' | 'content'] | ['candidates', ...string[]] | ['created', string];

declare module 'ioredis' {
  interface RedisCommander<Context> {
    claimArticle(...args: (string | number)[]): Result<ClaimReply, Context>;
    updateArticle(...args: (string | number)[]): Result<'updated' | 'conflict', Context>;
    recordCopy(...args: (string | number)[]): Result<'recorded' | 'item-exists', Context>;
    replaceCanonical(...args: (string | number)[]): Result<'replaced' | 'gone' | 'exists' | 'conflict', Context>;
  }
}

/** How many article ids one LSH bucket keeps (the newest): bounds the lookup cost as the store grows. */
export const LSH_BUCKET_CAP = 20;

/** Texts shorter than this (a caption, a title alone) are too little to call two items the same article. */
const MIN_CONTENT_FOR_HASH = 20;

/** How often a save tries again when other workers wrote the same item in between. */
const MAX_RETRIES = 10;
/** How many rounds of new near-duplicate candidates a save takes (similar stories arriving at once). */
const MAX_CLAIM_ROUNDS = 1_000;

/**
 * The writes of the article store: every check-and-claim is one Lua script, so that a retried
 * item, or two workers holding two copies of one story, never store it twice.
 */
export class ArticleWriter {
  constructor(
    private readonly redis: Redis,
    private readonly keys: StoreKeys,
    private readonly getMany: (ids: readonly string[]) => Promise<Article[]>,
    private readonly get: (id: string) => Promise<Article | undefined>,
  ) {
    redis.defineCommand('claimArticle', { numberOfKeys: 3, lua: CLAIM_ARTICLE_LUA });
    redis.defineCommand('updateArticle', { numberOfKeys: 1, lua: UPDATE_ARTICLE_LUA });
    redis.defineCommand('recordCopy', { numberOfKeys: 1, lua: RECORD_COPY_LUA });
    redis.defineCommand('replaceCanonical', { numberOfKeys: 0, lua: REPLACE_CANONICAL_LUA });
  }

  /**
   * Stores an article unless a copy exists: the same item again (an update when its content
   * changed), or the same article under another URL or with the same content (a duplicate,
   * recorded on the stored copy). Safe to call twice for one item, and from many workers.
   */
  async save(article: Article, near?: NearDuplicateCheck): Promise<Verdict> {
    const examined = new Set<string>();
    let retries = 0;
    // Rounds that only bring new candidates always make progress (each compares articles not seen
    // before); rounds lost to a concurrent write of the same item are bounded separately.
    for (let round = 0; round < MAX_CLAIM_ROUNDS && retries < MAX_RETRIES; round++) {
      const verdict = await this.claim(article, near, examined);
      if (verdict === 'retry') retries++;
      else if (verdict !== 'examined') return verdict;
    }
    throw new Error(`store: item ${article.itemKey} kept changing under concurrent writes`);
  }

  /**
   * One optimistic attempt: the Lua claim either decides, or returns near-duplicate candidates
   * not yet compared. Those are compared here (the comparison needs their text), a confirmed one
   * makes this a copy, and otherwise the claim runs again, now knowing them: an article that
   * arrived in a shared bucket in between is returned as a new candidate, never missed.
   */
  private async claim(
    article: Article,
    near: NearDuplicateCheck | undefined,
    examined: Set<string>,
  ): Promise<Verdict | 'retry' | 'examined'> {
    const { keys } = this;
    const copy = copyRecordOf(article);
    const reply = await this.redis.claimArticle(
      keys.item(hash(article.itemKey)),
      // An item without a URL, or with too little text to tell it apart (图片新闻), claims keys of
      // its own: otherwise every such item would match the first one.
      article.url ? keys.url(hash(article.url)) : keys.url(`item-${hash(article.itemKey)}`),
      article.contentText.length >= MIN_CONTENT_FOR_HASH
        ? keys.content(article.contentHash)
        : keys.content(`item-${hash(article.itemKey)}`),
      keys.prefix,
      article.id,
      JSON.stringify(article),
      article.contentHash,
      Date.parse(article.publishedAt),
      feedIdsOf(
        article.channels.map((c) => c.id),
        article.source.id,
      ).join(','),
      JSON.stringify(copy),
      (near?.bandKeys ?? []).join(','),
      [...examined].join(','),
      LSH_BUCKET_CAP,
      Date.parse(article.firstSeenAt),
    );
    if (reply[0] === 'created') return { kind: 'created', articleId: reply[1] };
    if (reply[0] === 'duplicate') return this.preferEarlier(article, { kind: 'duplicate', articleId: reply[1], matchedBy: reply[2] }, near);
    if (reply[0] === 'item') return this.updateItem(article, reply[1]);
    const [, ...candidateIds] = reply;
    candidateIds.forEach((id) => examined.add(id));
    const same = (await this.getMany(candidateIds)).find((candidate) => near?.isSameStory(candidate));
    if (!same) return 'examined';
    const recorded = await this.redis.recordCopy(
      keys.item(hash(article.itemKey)),
      keys.prefix,
      same.id,
      article.contentHash,
      JSON.stringify(copy),
    );
    if (recorded !== 'recorded') return 'retry';
    return this.preferEarlier(article, { kind: 'duplicate', articleId: same.id, matchedBy: 'near' }, near, same);
  }

  /**
   * DESIGN.md: the first-published copy is canonical. When the copy just recorded was published
   * before the stored article, it takes the stored article's place (one Lua script, which
   * re-checks that nothing changed meanwhile); otherwise the verdict stands. A publication time
   * far before a copy's first sighting does not count (takesCanonicalFrom): backdating wins nothing.
   */
  private async preferEarlier(
    article: Article,
    duplicate: Extract<Verdict, { kind: 'duplicate' }>,
    near: NearDuplicateCheck | undefined,
    loaded?: Article,
  ): Promise<Verdict> {
    const stored = loaded ?? (await this.getMany([duplicate.articleId]))[0];
    const earlier = stored && takesCanonicalFrom(article, stored);
    if (!stored || !earlier || article.timeFlags.includes('missing') || article.id === stored.id) return duplicate;
    const { keys } = this;
    const reply = await this.redis.replaceCanonical(
      keys.prefix,
      stored.id,
      article.id,
      JSON.stringify(article),
      Date.parse(article.publishedAt),
      feedIdsOf(
        stored.channels.map((c) => c.id),
        stored.source.id,
      ).join(','),
      feedIdsOf(
        article.channels.map((c) => c.id),
        article.source.id,
      ).join(','),
      hash(article.itemKey),
      hash(article.url),
      article.contentHash,
      hash(stored.itemKey),
      hash(stored.url),
      stored.contentHash,
      JSON.stringify(copyRecordOf(article)),
      JSON.stringify(copyRecordOf(stored)),
      (near?.bandKeys ?? []).join(','),
      LSH_BUCKET_CAP,
      Date.parse(article.firstSeenAt),
    );
    if (reply !== 'replaced') return duplicate;
    return { kind: 'created', articleId: article.id, supersedes: { articleId: stored.id, channelIds: stored.channels.map((c) => c.id) } };
  }

  /** The item was seen before: nothing to do if its content is the same, else a new version. */
  private async updateItem(article: Article, itemValue: string): Promise<Verdict | 'retry'> {
    const [articleId = '', contentHash, role] = itemValue.split('|');
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
    const reply = await this.redis.updateArticle(
      this.keys.item(hash(article.itemKey)),
      this.keys.prefix,
      stored.id,
      itemValue,
      `${stored.id}|${article.contentHash}|own`,
      JSON.stringify(updated),
      stored.contentHash,
      article.contentHash,
      Date.parse(stored.publishedAt),
      feedIdsOf(
        stored.channels.map((c) => c.id),
        stored.source.id,
      ).join(','),
      feedIdsOf(
        updated.channels.map((c) => c.id),
        updated.source.id,
      ).join(','),
    );
    return reply === 'updated' ? { kind: 'updated', articleId: stored.id, previousChannelIds: stored.channels.map((c) => c.id) } : 'retry';
  }
}

function copyRecordOf(article: Article): AlsoPublished {
  return { url: article.url, sourceId: article.source.id, sourceName: article.source.name, publishedAt: article.publishedAt };
}

function hash(text: string): string {
  return sha256(text, 'hex').slice(0, 32);
}

/** The latest of some ISO times, written as the first of them is written. */
function laterOf(...times: string[]): string {
  return times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}
