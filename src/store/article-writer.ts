import type { Redis, Result } from 'ioredis';
import type { Article } from '../domain/article.js';
import type { Verdict } from '../domain/verdict.js';
import type { ArticleDocuments } from './article-documents.js';
import { CanonicalTakeover, LSH_BUCKET_CAP } from './canonical-takeover.js';
import { claimHash as hash, copyRecordOf } from './claim-records.js';
import { callDeclaring, declareKeys, UndeclaredKeysError, type Undeclared } from './declared-keys.js';
import { articleKeysOf, bucketsOf, feedKeyGroups, readAheadMerged } from './script-keys.js';
import { CLAIM_ARTICLE_LUA } from './scripts/claim-article.js';
import { RECORD_COPY_LUA } from './scripts/record-copy.js';
import { ItemRevisit } from './item-revisit.js';
import type { NearDuplicateCheck } from '../domain/near-duplicate-check.js';
import type { StoreKeys } from './store-keys.js';

type ClaimReply =
  | ['item', string]
  | ['duplicate', string, 'url' | 'content']
  | ['candidates', ...string[]]
  | ['created', string]
  | ['unwritten']
  | Undeclared;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    claimArticle(...args: (string | number)[]): Result<ClaimReply, Context>;
    recordCopy(...args: (string | number)[]): Result<'recorded' | 'item-exists' | 'moved', Context>;
  }
}

export { LSH_BUCKET_CAP } from './canonical-takeover.js';

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
  private readonly takeover: CanonicalTakeover;
  private readonly revisit: ItemRevisit;

  constructor(
    private readonly redis: Redis,
    private readonly keys: StoreKeys,
    private readonly documents: ArticleDocuments,
    private readonly getMany: (ids: readonly string[]) => Promise<Article[]>,
    get: (id: string) => Promise<Article | undefined>,
  ) {
    // The number of keys of the claim varies with the call: the caller gives it first.
    redis.defineCommand('claimArticle', { lua: CLAIM_ARTICLE_LUA });
    redis.defineCommand('recordCopy', { numberOfKeys: 3, lua: RECORD_COPY_LUA });
    this.takeover = new CanonicalTakeover(redis, keys, documents, getMany);
    this.revisit = new ItemRevisit(redis, keys, documents, get, this.takeover);
  }

  /**
   * Stores an article unless a copy exists: the same item again (an update when its content
   * changed), or the same article under another URL or with the same content (a duplicate,
   * recorded on the stored copy). Safe to call twice for one item, and from many workers.
   */
  async save(article: Article, near?: NearDuplicateCheck): Promise<Verdict> {
    const examined = new Set<string>();
    // The ids whose keys the claim declares: its own, and every id it met in an earlier round.
    const declared = new Set([article.id]);
    let retries = 0;
    // Rounds that only bring new candidates always make progress (each compares articles not seen
    // before); rounds lost to a concurrent write of the same item are bounded separately.
    for (let round = 0; round < MAX_CLAIM_ROUNDS && retries < MAX_RETRIES; round++) {
      const verdict = await this.claim(article, near, examined, declared);
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
    declared: Set<string>,
  ): Promise<Verdict | 'retry' | 'examined'> {
    const { keys } = this;
    const copy = copyRecordOf(article);
    const { buckets, fields } = bucketsOf(keys, near?.bandKeys ?? []);
    const groups = {
      item: keys.item(hash(article.itemKey)),
      // An item without a URL, or with too little text to tell it apart (图片新闻), claims keys of
      // its own: otherwise every such item would match the first one.
      url: article.url ? keys.url(hash(article.url)) : keys.url(`item-${hash(article.itemKey)}`),
      content:
        article.contentText.length >= MIN_CONTENT_FOR_HASH
          ? keys.content(article.contentHash)
          : keys.content(`item-${hash(article.itemKey)}`),
      stored: keys.stored(),
      clock: keys.changeClock(),
      buckets,
      ...feedKeyGroups(keys, 'new', article),
    };
    const claimWith = (stored: string) =>
      callDeclaring(
        (ids) => {
          const call = declareKeys(groups, ids, articleKeysOf(keys));
          return this.redis.claimArticle(
            ...call.args,
            article.id,
            stored,
            article.contentHash,
            Date.parse(article.publishedAt),
            JSON.stringify(copy),
            fields,
            [...examined].join(','),
            LSH_BUCKET_CAP,
            Date.parse(article.firstSeenAt),
            near?.maxCandidates ?? 0,
          );
        },
        { script: 'claim-article', readAhead: (ids) => readAheadMerged(this.redis, keys, ids) },
        declared,
      );
    // On Redis Cluster the article's document is written only when the claim would create it.
    // Under a burst of similar stories other workers can keep adding ids to the buckets faster than
    // a claim declares them: that counts as a round lost to concurrent writes (the ids stay declared).
    let reply;
    try {
      reply = await claimWith(this.documents.separate ? '' : JSON.stringify(article));
    } catch (error) {
      if (error instanceof UndeclaredKeysError) return 'retry';
      throw error;
    }
    if (reply[0] === 'unwritten') {
      const version = await this.documents.stage(article);
      reply = await claimWith(version);
      if (reply[0] !== 'created') await this.documents.discard(article.id, version);
      if (reply[0] === 'unwritten') return 'retry';
    }
    if (reply[0] === 'created') return { kind: 'created', articleId: reply[1] };
    if (reply[0] === 'duplicate')
      return this.takeover.preferEarlier(article, { kind: 'duplicate', articleId: reply[1], matchedBy: reply[2] }, near);
    if (reply[0] === 'item') return this.revisit.decide(article, reply[1], near);
    // The candidates come best first: the first confirmed is the copy's story.
    const [, ...candidateIds] = reply;
    // Only what was compared counts as examined: a candidate replaced since the claim read it is
    // gone from getMany, and the next round returns the article that stands for it now.
    const candidates = await this.getMany(candidateIds);
    candidates.forEach((candidate) => examined.add(candidate.id));
    const same = candidates.find((candidate) => near?.isSameStory(candidate));
    if (!same) return 'examined';
    const recorded = await this.redis.recordCopy(
      keys.item(hash(article.itemKey)),
      keys.article(same.id),
      keys.alsoPublished(same.id),
      same.id,
      article.contentHash,
      JSON.stringify(copy),
    );
    // Replaced by an earlier copy since it was read (whose id may be this same one again, when
    // that copy has the URL of an article it replaced before): the next round returns that one.
    if (recorded === 'moved') {
      examined.delete(same.id);
      return 'examined';
    }
    if (recorded !== 'recorded') return 'retry';
    return this.takeover.preferEarlier(article, { kind: 'duplicate', articleId: same.id, matchedBy: 'near' }, near, same);
  }
}
