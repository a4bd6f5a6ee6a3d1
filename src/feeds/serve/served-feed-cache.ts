import type { FeedFormat } from '../../domain/feed-format.js';
import type { RenderedFeedRepository, StoredDocument } from '../../store/rendered-feed-repository.js';
import { CHECK_DEADLINE_MS, checkedOrLastGood } from './last-good.js';
import type { ServedDocument } from './served-document.js';

/** Makes the served form of a stored document (headers depend on the feed). */
export type DecorateDocument = (feedId: string, variant: string, format: FeedFormat, doc: StoredDocument, count: number) => ServedDocument;

interface FeedEntry {
  version: number;
  checkedAt: number;
  /** By `{variant}:{format}`: the document, null when not rendered at this version, or its load. */
  docs: Map<string, ServedDocument | null | Promise<ServedDocument | null>>;
}

/** Bounds the documents kept per feed; past it, the feed's entries are dropped and reloaded as asked. */
const MAX_DOCS_PER_FEED = 256;

/**
 * Keeps served documents in this process, so that the hot path of a feed GET touches no Redis:
 * at most once per `ttlMs` a feed's version number is read (one HGET), and its documents are
 * reloaded only when the version changed, i.e. when the publish job wrote the feed. A change is
 * thus visible here within `ttlMs`.
 */
export class ServedFeedCache {
  private readonly feeds = new Map<string, FeedEntry>();
  private readonly checks = new Map<string, Promise<FeedEntry>>();

  constructor(
    private readonly repository: Pick<RenderedFeedRepository, 'version' | 'getDocument'>,
    private readonly decorate: DecorateDocument,
    private readonly ttlMs = 1_000,
    private readonly now: () => number = Date.now,
    /** Whether Redis is connected: while it is not, feeds are served from the last good bytes, unchecked. */
    private readonly storeReachable: () => boolean = () => true,
    /** How long a request waits for a due check before the last good bytes are served. */
    private readonly checkDeadlineMs = CHECK_DEADLINE_MS,
  ) {}

  /**
   * Returns a page only when it is at hand and its feed's version was checked within the TTL:
   * the hot path, with no promise and no I/O. Otherwise undefined, and `get` decides.
   */
  peek(feedId: string, variant: string, format: FeedFormat): ServedDocument | undefined {
    const entry = this.feeds.get(feedId);
    if (!entry || this.now() - entry.checkedAt >= this.ttlMs) return undefined;
    const doc = entry.docs.get(`${variant}:${format}`);
    return doc && !(doc instanceof Promise) ? doc : undefined;
  }

  /** Returns one page of a feed in one format, or undefined when it is not rendered. */
  async get(feedId: string, variant: string, format: FeedFormat): Promise<ServedDocument | undefined> {
    const entry = await this.freshEntry(feedId);
    const key = `${variant}:${format}`;
    const cached = entry.docs.get(key);
    if (cached !== undefined) return (await cached) ?? undefined;
    if (entry.docs.size >= MAX_DOCS_PER_FEED) entry.docs.clear();
    const loading = this.load(feedId, variant, format);
    entry.docs.set(key, loading);
    const doc = await loading;
    if (entry.docs.get(key) === loading) entry.docs.set(key, doc);
    return doc ?? undefined;
  }

  /** Reads a page from Redis now, past the cache (for a reader waiting for a page to be rendered). */
  async reload(feedId: string, variant: string, format: FeedFormat): Promise<ServedDocument | undefined> {
    return (await this.load(feedId, variant, format)) ?? undefined;
  }

  private async load(feedId: string, variant: string, format: FeedFormat): Promise<ServedDocument | null> {
    const stored = await this.repository.getDocument(feedId, variant, format);
    return stored ? this.decorate(feedId, variant, format, stored.document, stored.count) : null;
  }

  /**
   * The feed's entry, its version checked in Redis when due. With an entry at hand, a request
   * waits for the check at most `checkDeadlineMs` (a check caught by Redis going away waits for
   * its return), then is served the last good bytes.
   */
  private async freshEntry(feedId: string): Promise<FeedEntry> {
    const entry = this.feeds.get(feedId);
    if (entry && (this.now() - entry.checkedAt < this.ttlMs || !this.storeReachable())) return entry;
    let check = this.checks.get(feedId);
    if (!check) {
      check = this.checkVersion(feedId, entry).finally(() => this.checks.delete(feedId));
      this.checks.set(feedId, check);
    }
    return entry ? checkedOrLastGood(check, entry, this.checkDeadlineMs) : check;
  }

  private async checkVersion(feedId: string, entry: FeedEntry | undefined): Promise<FeedEntry> {
    const version = await this.repository.version(feedId);
    const fresh = entry?.version === version ? entry : { version, checkedAt: 0, docs: new Map() };
    fresh.checkedAt = this.now();
    this.feeds.set(feedId, fresh);
    return fresh;
  }
}
