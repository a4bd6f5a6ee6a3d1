import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Article } from '../domain/article.js';
import type { StoreKeys } from './store-keys.js';

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
   * Returns the JSON of articles from the values their article keys hold (null for none): the
   * values themselves on one Redis, the documents they name on a cluster (null when gone).
   */
  async read(ids: readonly string[], values: readonly (string | null)[]): Promise<(string | null)[]> {
    if (!this.separate) return [...values];
    // One GET per document, each sent to the master of its slot, all at once.
    return Promise.all(ids.map((id, i) => (values[i] ? this.redis.get(this.keys.document(id, values[i])) : Promise.resolve(null))));
  }
}
