/** How keys are named: as always on one Redis, or hash-tagged in groups for Redis Cluster. */
export type KeyLayout = 'standalone' | 'cluster';

/** Returns the layout a connection needs: `cluster` for an ioredis Cluster client. */
export function keyLayoutOf(connection: { readonly isCluster: boolean }): KeyLayout {
  return connection.isCluster ? 'cluster' : 'standalone';
}

/**
 * In how many groups (slots) the search postings lie on Redis Cluster: enough to spread them
 * over the masters of a cluster of a few to a dozen, few enough that an article's hundreds of
 * terms take at most 16 script calls (32 groups measured slower: `npm run bench -- cluster`).
 * Fixed: a store keeps the groups its postings were written in.
 */
export const SEARCH_SHARDS = 16;

/** The group of a term's postings on Redis Cluster: FNV-1a of its UTF-16 code units, modulo SEARCH_SHARDS. */
export function searchShardOf(term: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) hash = Math.imul(hash ^ term.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % SEARCH_SHARDS;
}

/**
 * The Redis keys of the store, all under one prefix. On one Redis (`standalone`) every key is
 * `<prefix>:<kind>:…`, as stores have always been written. On Redis Cluster the keys that are
 * read or written together — in one Lua script, MULTI, pipeline or multi-key command — share a
 * hash tag, one per group, so that each group sits in one slot while the groups, and every key
 * used alone, spread over the masters:
 *
 * - `{<prefix>}`: the article store — which version of each article is current, the copies
 *   recorded on it, the dedupe claims (item, url, content, merged), LSH buckets, feed and change
 *   indexes, the change clock, each article's list of search terms, lists. The claim, takeover,
 *   update and search scripts read and write these atomically; listings intersect the feed
 *   indexes (ZINTERSTORE).
 * - untagged `<prefix>:doc:<id>:<version>`: the articles' JSON, written before the script that
 *   makes a version current (article-documents.ts), spread key by key.
 * - `{<prefix>:search-<n>}`: the search postings, in SEARCH_SHARDS groups by a hash of the term;
 *   an article's list of terms, in the store's slot, always names every posting it is in
 *   (spread-search-writes.ts), and listings filter by them term by term (posting-filter.ts).
 * - `{<prefix>:recs}`: cards, term postings and term frequencies (written together).
 * - `{<prefix>:activity}`: reader events — article-hour readers, hot sets, reader profiles.
 * - `{<prefix>:sources}`: the source registry, its change log, source states and seen pages.
 * - `{<prefix>:arrivals}`: the arrival times of new articles per channel (one pipeline for all).
 * - untagged, spread key by key: rendered feeds, feed demand, picks, leases, rate-limit counters.
 */
export class StoreKeys {
  private readonly articlePrefix: string;
  private readonly recsPrefix: string;
  private readonly activityPrefix: string;
  private readonly sourcesPrefix: string;
  private readonly arrivalsPrefix: string;

  constructor(
    readonly prefix: string,
    readonly layout: KeyLayout = 'standalone',
  ) {
    const group = (name?: string) => (layout === 'standalone' ? prefix : `{${name ? `${prefix}:${name}` : prefix}}`);
    this.articlePrefix = group();
    this.recsPrefix = group('recs');
    this.activityPrefix = group('activity');
    this.sourcesPrefix = group('sources');
    this.arrivalsPrefix = group('arrivals');
  }

  /**
   * String: an article as JSON; on Redis Cluster the version of its document instead (the
   * document itself is `document(id, version)`, out of the article store's slot).
   */
  article = (id: string): string => `${this.articlePrefix}:article:${id}`;
  /**
   * String, on Redis Cluster only: one version of an article as JSON, named by its id and a hash
   * of the JSON. Untagged: the documents, the bulk of the store, spread over the masters.
   */
  document = (id: string, version: string): string => `${this.prefix}:doc:${id}:${version}`;
  /** The pattern of every article document, for a scan. */
  everyDocument = (): string => `${this.prefix}:doc:*`;
  /** List: JSON records of other outlets that ran the article. */
  alsoPublished = (id: string): string => `${this.articlePrefix}:also:${id}`;
  /** String: `articleId|contentHash|own|copy` for one item of one source. */
  item = (itemKeyHash: string): string => `${this.articlePrefix}:item:${itemKeyHash}`;
  /** String: the article id that claimed a canonical URL. */
  url = (urlHash: string): string => `${this.articlePrefix}:url:${urlHash}`;
  /** String: the id of the article that replaced this one as its story's canonical copy. */
  merged = (id: string): string => `${this.articlePrefix}:merged:${id}`;
  /** String: the article id that claimed a content hash. */
  content = (contentHash: string): string => `${this.articlePrefix}:content:${contentHash}`;
  /** Hash: one LSH band bucket (`<band>.<shard>`), field → the ids of articles whose band hashes there, joined by ','. */
  lshBucket = (bandShard: string): string => `${this.articlePrefix}:lsh:${bandShard}`;
  /** Sorted set: every stored article id by the time it was first seen (ms): what retention expires. */
  stored = (): string => `${this.articlePrefix}:stored`;
  /** String: a one-time step of the store was done (its time). */
  marker = (name: string): string => `${this.articlePrefix}:marker:${name}`;
  /** The pattern of every key of one kind (`item`, `url`, `content`, `merged`, `lsh`, `article`), for a scan. */
  every = (kind: 'item' | 'url' | 'content' | 'merged' | 'lsh' | 'article'): string => `${this.articlePrefix}:${kind}:*`;
  /** Sorted set: article ids of one feed (a channel or a source) by publication time. */
  feedIndex = (feedId: string): string => `${this.articlePrefix}:index:${feedId}`;
  /**
   * Sorted set: article ids of one feed by when the store last wrote them (µs by the Redis clock,
   * strictly increasing over writes: scripts/change-clock.ts): what a partner syncs by.
   */
  feedChanges = (feedId: string): string => `${this.articlePrefix}:changes:${feedId}`;
  /** String: the last time the change clock gave out (µs). */
  changeClock = (): string => `${this.articlePrefix}:change-clock`;
  /**
   * Sorted set (every score 0): the articles whose title or text holds a search term. On Redis
   * Cluster in one of SEARCH_SHARDS groups by a hash of the term (`{<prefix>:search-<n>}`), so
   * that the postings, hundreds written for each article, spread over the masters and yet an
   * article's are written in one script per group (spread-search-writes.ts); on one Redis the
   * name is as it always was.
   */
  searchPostings = (term: string): string =>
    this.layout === 'cluster' ? `{${this.prefix}:search-${String(searchShardOf(term))}}:word:${term}` : `${this.prefix}:word:${term}`;
  /** String, on Redis Cluster only: the writer of one article's postings now (a token with a TTL), one at a time. */
  searchLease = (articleId: string): string => `${this.articlePrefix}:words-lease:${articleId}`;
  /** String: the search terms an article is indexed under, joined by ',' (what its removal takes out). */
  searchTerms = (articleId: string): string => `${this.articlePrefix}:words:${articleId}`;
  /** Sorted set: article ids by when their search terms were last written (change-clock µs). */
  searchChanges = (): string => `${this.articlePrefix}:search-changes`;
  /** Sorted set: one listing request's intersection of indexes, deleted when read. */
  listing = (requestId: string): string => `${this.articlePrefix}:listing:${requestId}`;
  /** Sorted set: new articles on their way to a channel's feeds, by fetch time (ms), for the latency metric. */
  feedArrivals = (channelId: string): string => `${this.arrivalsPrefix}:arrivals:${channelId}`;
  /** Hash: rendered bytes of one feed in every format, with their validators. */
  rendered = (feedId: string): string => `${this.prefix}:rendered:${feedId}`;
  /** Hash: the fetch state of one source (validators, errors, next poll). */
  sourceState = (sourceId: string): string => `${this.sourcesPrefix}:source:${sourceId}`;
  /** Hash: the sources in force, id → JSON record (definition, paused, owner, who changed it last); the YAML only seeds it. */
  sourceRegistry = (): string => `${this.sourcesPrefix}:sources`;
  /** Hash: sources deleted at runtime, id → JSON {at, by}: the config file does not bring them back. */
  deletedSources = (): string => `${this.sourcesPrefix}:sources-deleted`;
  /** List: the latest changes of sources as JSON ({at, actor, change, sourceId, fields}), newest first, capped. */
  sourceChanges = (): string => `${this.sourcesPrefix}:source-changes`;
  /** The namespace of @fastify/rate-limit's counters for partner pushes or partner feed pulls. */
  rateLimitNamespace = (kind: 'push' | 'feeds'): string => `${this.prefix}:ratelimit-${kind}:`;
  /** Sorted set: the pages of a feed readers asked for, by time of the last request. */
  feedDemand = (feedId: string): string => `${this.prefix}:feed-demand:${feedId}`;
  /** String: the job that is polling a source now; at most one poll per source runs at a time. */
  pollLease = (sourceId: string): string => `${this.prefix}:poll-lease:${sourceId}`;
  /** Sorted set: the fetches running against one host (member: holder, score: lease expiry), across processes. */
  hostSlots = (host: string): string => `${this.prefix}:host-slots:${host}`;
  /** Set: the page URLs a list source has linked to and that were queued once. */
  seenPages = (sourceId: string): string => `${this.sourcesPrefix}:seen-pages:${sourceId}`;
  /** Hash: what a list source's pages last showed for each article URL (title and time), URL → signature. */
  listedEntries = (sourceId: string): string => `${this.sourcesPrefix}:listed:${sourceId}`;
  /** Sorted set: the URLs of listedEntries by when a list last showed them (ms): what bounds it. */
  listedOrder = (sourceId: string): string => `${this.sourcesPrefix}:listed-order:${sourceId}`;
  /** String: the full text extracted from one linked page (JSON), by the SHA-256 of its URL, with a TTL. */
  fullTextPage = (urlHash: string): string => `${this.prefix}:full-text:${urlHash}`;
  /** String: an article's card as JSON (what lists show and ranking compares). */
  card = (articleId: string): string => `${this.recsPrefix}:card:${articleId}`;
  /** Sorted set: the articles whose text has a term, by publication time (the newest kept). */
  termPostings = (term: string): string => `${this.recsPrefix}:term:${term}`;
  /** Hash: in how many stored articles each term occurs (the DF of TF-IDF), and `*`: how many articles. */
  termFrequencies = (): string => `${this.recsPrefix}:term-df`;
  /** HyperLogLog: the distinct readers of one article in one hour. */
  articleReaders = (articleId: string, hour: number): string => `${this.activityPrefix}:readers:${articleId}:${hour}`;
  /** Sorted set: articles of one channel by distinct readers in one hour. */
  hotHour = (channelId: string, hour: number): string => `${this.activityPrefix}:hot:${channelId}:${hour}`;
  /** Sorted set: what one reader read (article id by time), while the reader's profile lives. */
  readerReads = (readerId: string): string => `${this.activityPrefix}:reader:${readerId}:reads`;
  /** String: the events one reader sent in the current minute (flood control). */
  readerRate = (readerId: string): string => `${this.activityPrefix}:reader:${readerId}:rate`;
  /** The pattern of every key kept about one reader: what DELETE /api/readers/{id} removes. */
  readerKeys = (readerId: string): string => `${this.activityPrefix}:reader:${readerId}:*`;
  /** Sorted set: editors' picks of one channel, article id by the time the pin expires. */
  picks = (channelId: string): string => `${this.prefix}:picks:${channelId}`;
  /** Hash: a computed recommendation list (its items as JSON) and the version every write increments. */
  list = (listId: string): string => `${this.articlePrefix}:list:${listId}`;
}
