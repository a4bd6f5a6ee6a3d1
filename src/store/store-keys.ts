/**
 * The Redis keys of the store, all under one prefix. With a hash-tagged prefix such as
 * `{syn}` every key lands in one Redis Cluster slot, which the Lua scripts rely on.
 */
export class StoreKeys {
  constructor(readonly prefix: string) {}

  /** String: an article as JSON. */
  article = (id: string): string => `${this.prefix}:article:${id}`;
  /** List: JSON records of other outlets that ran the article. */
  alsoPublished = (id: string): string => `${this.prefix}:also:${id}`;
  /** String: `articleId|contentHash|own|copy` for one item of one source. */
  item = (itemKeyHash: string): string => `${this.prefix}:item:${itemKeyHash}`;
  /** String: the article id that claimed a canonical URL. */
  url = (urlHash: string): string => `${this.prefix}:url:${urlHash}`;
  /** String: the id of the article that replaced this one as its story's canonical copy. */
  merged = (id: string): string => `${this.prefix}:merged:${id}`;
  /** String: the article id that claimed a content hash. */
  content = (contentHash: string): string => `${this.prefix}:content:${contentHash}`;
  /** Sorted set: every stored article id by the time it was first seen (ms): what retention expires. */
  stored = (): string => `${this.prefix}:stored`;
  /** String: a one-time step of the store was done (its time). */
  marker = (name: string): string => `${this.prefix}:marker:${name}`;
  /** The pattern of every key of one kind (`item`, `url`, `content`, `merged`, `lsh`, `article`), for a scan. */
  every = (kind: 'item' | 'url' | 'content' | 'merged' | 'lsh' | 'article'): string => `${this.prefix}:${kind}:*`;
  /** Sorted set: article ids of one feed (a channel or a source) by publication time. */
  feedIndex = (feedId: string): string => `${this.prefix}:index:${feedId}`;
  /**
   * Sorted set: article ids of one feed by when the store last wrote them (µs by the Redis clock,
   * strictly increasing over writes: scripts/change-clock.ts): what a partner syncs by.
   */
  feedChanges = (feedId: string): string => `${this.prefix}:changes:${feedId}`;
  /** String: the last time the change clock gave out (µs). */
  changeClock = (): string => `${this.prefix}:change-clock`;
  /** Sorted set (every score 0): the articles whose title or text holds a search term. */
  searchPostings = (term: string): string => `${this.prefix}:word:${term}`;
  /** String: the search terms an article is indexed under, joined by ',' (what its removal takes out). */
  searchTerms = (articleId: string): string => `${this.prefix}:words:${articleId}`;
  /** Sorted set: article ids by when their search terms were last written (change-clock µs). */
  searchChanges = (): string => `${this.prefix}:search-changes`;
  /** Sorted set: one listing request's intersection of indexes, deleted when read. */
  listing = (requestId: string): string => `${this.prefix}:listing:${requestId}`;
  /** Sorted set: new articles on their way to a channel's feeds, by fetch time (ms), for the latency metric. */
  feedArrivals = (channelId: string): string => `${this.prefix}:arrivals:${channelId}`;
  /** Hash: rendered bytes of one feed in every format, with their validators. */
  rendered = (feedId: string): string => `${this.prefix}:rendered:${feedId}`;
  /** Hash: the fetch state of one source (validators, errors, next poll). */
  sourceState = (sourceId: string): string => `${this.prefix}:source:${sourceId}`;
  /** Hash: the sources in force, id → JSON record (definition, paused, owner, who changed it last); the YAML only seeds it. */
  sourceRegistry = (): string => `${this.prefix}:sources`;
  /** Hash: sources deleted at runtime, id → JSON {at, by}: the config file does not bring them back. */
  deletedSources = (): string => `${this.prefix}:sources-deleted`;
  /** List: the latest changes of sources as JSON ({at, actor, change, sourceId, fields}), newest first, capped. */
  sourceChanges = (): string => `${this.prefix}:source-changes`;
  /** The namespace of @fastify/rate-limit's counters for partner pushes or partner feed pulls. */
  rateLimitNamespace = (kind: 'push' | 'feeds'): string => `${this.prefix}:ratelimit-${kind}:`;
  /** Sorted set: the pages of a feed readers asked for, by time of the last request. */
  feedDemand = (feedId: string): string => `${this.prefix}:feed-demand:${feedId}`;
  /** String: the job that is polling a source now; at most one poll per source runs at a time. */
  pollLease = (sourceId: string): string => `${this.prefix}:poll-lease:${sourceId}`;
  /** Sorted set: the fetches running against one host (member: holder, score: lease expiry), across processes. */
  hostSlots = (host: string): string => `${this.prefix}:host-slots:${host}`;
  /** Set: the page URLs a list source has linked to and that were queued once. */
  seenPages = (sourceId: string): string => `${this.prefix}:seen-pages:${sourceId}`;
  /** Hash: what a list source's pages last showed for each article URL (title and time), URL → signature. */
  listedEntries = (sourceId: string): string => `${this.prefix}:listed:${sourceId}`;
  /** Sorted set: the URLs of listedEntries by when a list last showed them (ms): what bounds it. */
  listedOrder = (sourceId: string): string => `${this.prefix}:listed-order:${sourceId}`;
  /** String: the full text extracted from one linked page (JSON), by the SHA-256 of its URL, with a TTL. */
  fullTextPage = (urlHash: string): string => `${this.prefix}:full-text:${urlHash}`;
  /** String: an article's card as JSON (what lists show and ranking compares). */
  card = (articleId: string): string => `${this.prefix}:card:${articleId}`;
  /** Sorted set: the articles whose text has a term, by publication time (the newest kept). */
  termPostings = (term: string): string => `${this.prefix}:term:${term}`;
  /** Hash: in how many stored articles each term occurs (the DF of TF-IDF), and `*`: how many articles. */
  termFrequencies = (): string => `${this.prefix}:term-df`;
  /** HyperLogLog: the distinct readers of one article in one hour. */
  articleReaders = (articleId: string, hour: number): string => `${this.prefix}:readers:${articleId}:${hour}`;
  /** Sorted set: articles of one channel by distinct readers in one hour. */
  hotHour = (channelId: string, hour: number): string => `${this.prefix}:hot:${channelId}:${hour}`;
  /** Sorted set: what one reader read (article id by time), while the reader's profile lives. */
  readerReads = (readerId: string): string => `${this.prefix}:reader:${readerId}:reads`;
  /** String: the events one reader sent in the current minute (flood control). */
  readerRate = (readerId: string): string => `${this.prefix}:reader:${readerId}:rate`;
  /** The pattern of every key kept about one reader: what DELETE /api/readers/{id} removes. */
  readerKeys = (readerId: string): string => `${this.prefix}:reader:${readerId}:*`;
  /** Sorted set: editors' picks of one channel, article id by the time the pin expires. */
  picks = (channelId: string): string => `${this.prefix}:picks:${channelId}`;
  /** Hash: a computed recommendation list (its items as JSON) and the version every write increments. */
  list = (listId: string): string => `${this.prefix}:list:${listId}`;
}
