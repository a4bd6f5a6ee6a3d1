import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Article } from '../domain/article.js';
import { scanKeys } from './scan-keys.js';
import type { StoreKeys } from './store-keys.js';

/**
 * How long a document no article key names is kept before it is deleted as left behind: a
 * document is written a moment before the claim that names it, so one unnamed and untouched for
 * an hour was left by a worker that stopped in between (OBJECT IDLETIME counts from the last access).
 */
const ORPHAN_IDLE_S = 3600;

/**
 * Where an article's JSON lives. On one Redis it is the value of `article:<id>` itself, written
 * by the store's Lua scripts in the same step as the claim. On Redis Cluster a script can only
 * touch keys of one slot, and the articles, the bulk of the store, should spread over the
 * masters: each version of an article is then a document of its own (`doc:<id>:<version>`, the
 * version a hash of the JSON, so a document never changes once written), written before the
 * script, and the script sets `article:<id>` to the version, atomically with the claim. A reader
 * that finds a version whose document is gone (replaced, expired meanwhile) skips it, as it
 * skips an article key that is gone.
 */
export class ArticleDocuments {
  constructor(
    private readonly redis: Redis,
    private readonly keys: StoreKeys,
  ) {}

  /** True when article keys hold versions and the JSON is in documents (Redis Cluster). */
  get separate(): boolean {
    return this.keys.layout === 'cluster';
  }

  /** Returns what `article:<id>` is to hold for `article`: its JSON, or on a cluster its version, its document written first. */
  async stage(article: Article): Promise<string> {
    const json = JSON.stringify(article);
    if (!this.separate) return json;
    const version = createHash('sha256').update(json).digest('hex').slice(0, 16);
    await this.redis.set(this.keys.document(article.id, version), json);
    return version;
  }

  /** Returns the version `article:<id>` holds now (on a cluster; undefined on one Redis or when none). */
  async currentVersion(id: string): Promise<string | undefined> {
    if (!this.separate) return undefined;
    return (await this.redis.get(this.keys.article(id))) ?? undefined;
  }

  /** Deletes a document that is not, or no longer, its article's current version (a lost race, a replaced version). */
  async discard(id: string, version: string | undefined): Promise<void> {
    if (!this.separate || version === undefined) return;
    if ((await this.redis.get(this.keys.article(id))) === version) return;
    await this.redis.unlink(this.keys.document(id, version));
  }

  /** Deletes the document of an article taken out of the store (retention), whose key held `version`. */
  async remove(id: string, version: string | null | undefined): Promise<void> {
    if (this.separate && version) await this.redis.unlink(this.keys.document(id, version));
  }

  /**
   * On a cluster: deletes the documents that no article key names and that nobody touched for an
   * hour (left by a worker killed between writing one and its claim); returns how many went.
   */
  async deleteOrphans(minIdleSeconds = ORPHAN_IDLE_S): Promise<number> {
    if (!this.separate) return 0;
    const start = this.keys.document('', '').slice(0, -1);
    let deleted = 0;
    await scanKeys(this.redis, this.keys.everyDocument(), async (documentKeys) => {
      const named = documentKeys.map((key) => {
        const rest = key.slice(start.length);
        const at = rest.lastIndexOf(':');
        return { key, id: rest.slice(0, at), version: rest.slice(at + 1) };
      });
      // The article keys share one slot: one MGET for the batch.
      const current = await this.redis.mget(named.map(({ id }) => this.keys.article(id)));
      for (const [i, { key, version }] of named.entries()) {
        if (current[i] === version) continue;
        const idle = Number(await this.redis.object('IDLETIME', key));
        if (idle >= minIdleSeconds) deleted += await this.redis.unlink(key);
      }
    });
    return deleted;
  }

  /**
   * Returns the JSON of articles from the values their article keys hold (null for none): the
   * values themselves on one Redis, the documents they name on a cluster (null when gone).
   */
  async read(ids: readonly string[], values: readonly (string | null)[]): Promise<(string | null)[]> {
    if (!this.separate) return [...values];
    // One GET per document, each sent to the master of its slot, all at once.
    return Promise.all(ids.map((id, i) => (values[i] ? this.redis.get(this.keys.document(id, values[i])) : Promise.resolve(null))));
  }
}
