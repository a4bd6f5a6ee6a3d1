import { availableParallelism } from 'node:os';
import { Worker, type Processor } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import { feedId } from '../domain/feed-id.js';
import { ALL_CHANNEL_ID, channelsWithAll } from '../domain/channel.js';
import { publicPolicy } from '../domain/content-policy.js';
import { createHttpServer, createMetricsServer, type HttpServerParts } from './http-server.js';
import { createMetrics, type Metrics, type ScrapedHealth } from '../ops/metrics.js';
import { createFetchProcessor } from '../producers/sources/fetch.processor.js';
import { httpLimitsOf } from '../producers/sources/fetch/http-get.js';
import { enqueueListRebuilds, enqueuePublish, scheduleRetention } from '../queues/enqueue.js';
import { QUEUE, type QueueName } from '../queues/queue-names.js';
import { CoalescingRequests } from '../queues/coalescing-requests.js';
import { openQueues, WORKER_LOCKS, type QueueSet } from '../queues/queue-set.js';
import { ProcessBacklog } from '../queues/process-backlog.js';
import { StoreRetention } from '../store/store-retention.js';
import { createRedisConnection, queueKeyPrefix, type RedisTarget } from '../queues/redis-connection.js';
import { ArticleRepository } from '../store/article-repository.js';
import { ArticleListing } from '../store/article-listing.js';
import type { SegmentText } from '../domain/search-terms.js';
import { isbot } from 'isbot';
import { ArticleChannels } from '../producers/events/article-channels.js';
import { newAdminToken } from './admin-token.js';
import { connectionTrouble, type ConnectionTrouble } from './connection-trouble.js';
import {
  findSourceInForce,
  openRuntimeSources,
  scheduleSourcesInForce,
  withConfigSources,
  type RuntimeSources,
} from './runtime-sources.js';
import { rememberingBotTest } from '../producers/events/screen-events.js';
import { EventBuffer } from '../producers/events/event-buffer.js';
import { readyWithin, redisReady } from '../queues/redis-ready.js';
import { ServedListCache } from '../feeds/serve/served-list-cache.js';
import { CardRepository } from '../store/card-repository.js';
import { ListRepository } from '../store/list-repository.js';
import { PicksRepository } from '../store/picks-repository.js';
import { ReaderActivityRepository } from '../store/reader-activity-repository.js';
import { FeedArrivals } from '../store/feed-arrivals.js';
import { FetchLeases } from '../store/fetch-leases.js';
import { FullTextCache } from '../store/full-text-cache.js';
import { ListedEntriesRepository } from '../store/listed-entries-repository.js';
import { RenderedFeedRepository } from '../store/rendered-feed-repository.js';
import { SearchIndex } from '../store/search-index.js';
import type { SourceRepository } from '../store/source-repository.js';
import { SourceStateRepository } from '../store/source-state-repository.js';
import { loadGazetteer } from '../workers/process/classify/load-gazetteer.js';
import { createJiebaSegmenter } from '../workers/process/keywords/jieba-segmenter.js';
import { createProcessProcessor } from '../workers/process/process.processor.js';
import { createPreparePool, defaultPrepareThreads, type Preparer } from '../workers/process/prepare-pool.js';
import { createPublishProcessor } from '../workers/publish/publish.processor.js';

/** Events one `POST /api/events` may carry. */
const MAX_EVENTS_PER_REQUEST = 500;

/** What one process can run: workers of some queues, the source scheduler, the HTTP server. */
export interface Roles {
  workers: QueueName[];
  scheduler: boolean;
  server: boolean;
}

export const ALL_ROLES: Roles = { workers: [QUEUE.fetch, QUEUE.process, QUEUE.publish], scheduler: true, server: true };

/** A started app: where it listens, and how to stop it. */
export interface RunningApp {
  /** The base URL of the HTTP server, when the server role runs. */
  baseUrl: string | undefined;
  /** The base URL of a worker process's /metrics, /healthz and /readyz (`workers.metricsPort`). */
  metricsUrl: string | undefined;
  /** Stops taking work, lets running jobs finish, and closes every connection. */
  close(): Promise<void>;
}

/** The connections, queues and repositories one process shares between its roles. */
interface Shared {
  config: Readonly<Config>;
  log: Logger;
  connection: Redis;
  queues: QueueSet;
  articles: ArticleRepository;
  cards: CardRepository;
  rendered: RenderedFeedRepository;
  sourceStates: SourceStateRepository;
  metrics: Metrics;
  publisher: CoalescingRequests;
  activity: ReaderActivityRepository;
  lists: ListRepository;
  picks: PicksRepository;
  listRequests: CoalescingRequests;
  /** Reading events accepted by this server, waiting to be counted together. */
  events: EventBuffer;
  /** The items waiting in `process`, against the limit past which intake waits. */
  backlog: ProcessBacklog;
  /** The sources in force (Redis; the config file seeds them) and what changes them at runtime. */
  sources: RuntimeSources;
}

/** How long a start waits for its Redis connection before it serves anyway (a Redis away makes /readyz say so). */
const READY_WAIT_MS = 5_000;

/**
 * Starts the given roles against the Redis at `redis` (a URL or a cluster's nodes): the scheduler first, then the HTTP
 * server, the workers last. If any step fails, what was already started is closed again, so a
 * failed start (a port in use) leaves no worker running and no connection open.
 */
export async function startRoles(config: Readonly<Config>, roles: Roles, redis: RedisTarget, log: Logger): Promise<RunningApp> {
  const connection = createRedisConnection(redis, 'syndicator');
  const trouble = connectionTrouble(log);
  connection.on('error', trouble.listener('store'));
  connection.on('ready', trouble.recovered);
  const queues = openQueues(connection, config.redis.prefix);
  for (const queue of queues.all) queue.on('error', trouble.listener(`queue ${queue.name}`));
  const activity = new ReaderActivityRepository(connection, config.redis.prefix, {
    profileTtlMs: config.lists.profileTtl,
    maxEventsPerMinute: config.lists.maxEventsPerMinute,
    profileSize: config.lists.profileSize,
  });
  const listRequests = new CoalescingRequests(
    (ids) => enqueueListRebuilds(queues.publish, ids),
    500,
    (error) => log.error({ err: error }, 'list rebuild request failed'),
  );
  const sourceStates = new SourceStateRepository(connection, config.redis.prefix);
  const sources = openRuntimeSources(config, connection, queues.fetch, sourceStates, log);
  const articles = new ArticleRepository(connection, config.redis.prefix);
  const metrics = createMetrics(queues.all, scrapedHealth(config, sourceStates, articles, sources.registry));
  const shared: Shared = {
    config,
    log,
    connection,
    queues,
    articles,
    cards: new CardRepository(connection, config.redis.prefix),
    activity,
    lists: new ListRepository(connection, config.redis.prefix),
    picks: new PicksRepository(connection, config.redis.prefix),
    listRequests,
    backlog: new ProcessBacklog(queues.process, config.workers.processBacklogLimit),
    rendered: new RenderedFeedRepository(connection, config.redis.prefix),
    sourceStates,
    sources,
    metrics,
    events: new EventBuffer(
      (events) => activity.record(events),
      (recorded) => {
        metrics.recordReaderEvents(recorded);
        listRequests.request(recorded.changedChannels);
      },
      (error) => log.error({ err: error }, 'counting reading events failed; they wait for the next try'),
    ),
    publisher: new CoalescingRequests(
      (ids) => enqueuePublish(queues.publish, ids),
      250,
      (error) => log.error({ err: error }, 'publish request failed'),
    ),
  };
  const workers: Worker[] = [];
  let preparer: Preparer | undefined;
  let server: FastifyInstance | undefined;
  let metricsServer: FastifyInstance | undefined;
  const close = async () => {
    await server?.close();
    await metricsServer?.close();
    await shared.events.close();
    await Promise.all(workers.map((worker) => worker.close()));
    await preparer?.close();
    await shared.listRequests.close();
    await shared.publisher.close();
    await queues.close();
    await connection.quit();
  };
  try {
    if (roles.scheduler) {
      await scheduleSourcesInForce(sources, config, queues.fetch);
      await scheduleRetention(queues.publish, config.retention.everyMs);
      await enqueuePublish(queues.publish, [...config.channels.map((channel) => channel.id), ALL_CHANNEL_ID]);
    }
    // Listening before the connection is ready would refuse the first pushes with 503.
    await readyWithin(connection, READY_WAIT_MS);
    // Readiness speaks for this process only: one without workers claims none.
    const workersRunning = roles.workers.length > 0 ? () => workers.every((worker) => worker.isRunning()) : undefined;
    server = roles.server ? await createHttpServer(httpServerParts(shared, workersRunning)) : undefined;
    const address = server ? await server.listen({ port: config.http.port, host: config.http.host }) : undefined;
    preparer = roles.workers.includes(QUEUE.process) ? preparePool(config) : undefined;
    workers.push(...startWorkers(roles.workers, buildProcessors(shared, preparer), shared, trouble));
    const metricsPort = config.workers.metricsPort;
    if (!server && roles.workers.length > 0 && metricsPort !== undefined)
      metricsServer = createMetricsServer({ log, metrics: shared.metrics, health: { redis: connection, workersRunning } });
    const metricsAddress = metricsServer ? await metricsServer.listen({ port: metricsPort ?? 0, host: config.http.host }) : undefined;
    return { baseUrl: localUrl(address), metricsUrl: localUrl(metricsAddress), close };
  } catch (error) {
    await close().catch(() => {
      // Starting failed; that error is the one to report, not what closing the half-started parts says.
    });
    throw error;
  }
}

/** The health of sources and channels that /metrics reads from Redis at scrape time. */
function scrapedHealth(
  config: Readonly<Config>,
  sourceStates: SourceStateRepository,
  articles: ArticleRepository,
  registry: SourceRepository,
): ScrapedHealth {
  const channels = channelsWithAll(config.channels);
  return {
    sourceErrorStreaks: async () =>
      Promise.all(
        (await registry.list()).map(async ({ record: { source } }) => ({
          id: source.id,
          errors: (await sourceStates.get(source.id)).errorCount,
        })),
      ),
    channelAges: async () => {
      const now = Date.now();
      const activity = await articles.feedActivity(
        channels.map((channel) => feedId.channel(channel.id)),
        now,
      );
      return channels.map((channel, i) => {
        const newestMs = activity[i]?.newestMs;
        return { id: channel.id, newestAgeSeconds: newestMs === undefined ? undefined : Math.max(0, (now - newestMs) / 1000) };
      });
    },
    staleAfter: channels.map((channel) => ({ id: channel.id, seconds: channel.staleAfterMs / 1000 })),
  };
}

/** The source or channel a job's data names, as log fields: every line of a job's work can be found by them. */
function subjectOf(data: unknown): { source_id?: string; channel_id?: string } {
  const fields = (typeof data === 'object' && data !== null ? data : {}) as {
    sourceId?: unknown;
    channelId?: unknown;
    source?: { id?: unknown };
  };
  const sourceId = fields.sourceId ?? fields.source?.id;
  return {
    ...(typeof sourceId === 'string' ? { source_id: sourceId } : {}),
    ...(typeof fields.channelId === 'string' ? { channel_id: fields.channelId } : {}),
  };
}

/** A listening address as a URL to open from this machine. */
function localUrl(address: string | undefined): string | undefined {
  return address?.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
}

function startWorkers(
  names: readonly QueueName[],
  processors: Record<QueueName, Processor>,
  { config, connection, log }: Shared,
  trouble: ConnectionTrouble,
): Worker[] {
  const concurrency: Record<QueueName, number> = {
    [QUEUE.fetch]: config.workers.fetchConcurrency,
    [QUEUE.process]: config.workers.processConcurrency,
    [QUEUE.publish]: 1,
  };
  return names.map((name) => {
    const worker = new Worker(name, processors[name], {
      connection,
      prefix: queueKeyPrefix(connection, config.redis.prefix, name),
      concurrency: concurrency[name],
      ...WORKER_LOCKS,
    });
    worker.on('failed', (job, error) => log.warn({ queue: name, job_id: job?.id, ...subjectOf(job?.data), err: error }, 'job failed'));
    worker.on('error', trouble.listener(`worker ${name}`));
    return worker;
  });
}

/** The threads that prepare items for `process` (config `workers.processThreads`, else defaultPrepareThreads); none when 0. */
function preparePool(config: Readonly<Config>): Preparer | undefined {
  const threads = config.workers.processThreads ?? defaultPrepareThreads(availableParallelism());
  return threads > 0 ? createPreparePool(config, threads) : undefined;
}

function buildProcessors(shared: Shared, preparer: Preparer | undefined): Record<QueueName, Processor> {
  const { config, log, articles, sourceStates, queues, publisher, metrics } = shared;
  const gazetteer = loadGazetteer(config);
  const arrivals = new FeedArrivals(shared.connection, config.redis.prefix);
  const search = new SearchIndex(shared.connection, config.redis.prefix);
  return {
    [QUEUE.fetch]: createFetchProcessor({
      sources: shared.sources.registry,
      sourceStates,
      queues,
      // A lease outlives the longest fetch, so it only expires on its own when its worker died.
      backlog: shared.backlog,
      leases: new FetchLeases(shared.connection, config.redis.prefix, config.fetch.perHostConcurrency, config.fetch.totalTimeout + 60_000),
      listed: new ListedEntriesRepository(shared.connection, config.redis.prefix),
      fullText: new FullTextCache(shared.connection, config.redis.prefix),
      limits: httpLimitsOf(config.fetch),
      log,
      observeFetch: metrics.observeFetch,
      observeStage: metrics.observeStage,
    }),
    [QUEUE.process]: createProcessProcessor({
      settings: { channels: config.channels, gazetteer, dedupe: config.dedupe, hostAliases: config.urls.hostAliases },
      articles,
      cards: shared.cards,
      search,
      segment: createJiebaSegmenter(gazetteer.placeNames()),
      preparer,
      publisher,
      log,
      onVerdict: metrics.recordVerdict,
      observeStage: metrics.observeStage,
      awaitFeeds: (articleId, fetchedAt, channelIds) => arrivals.expect(articleId, fetchedAt, channelIds),
      onItemFailed: (sourceId, message) => sourceStates.recordItemFailure(sourceId, new Date().toISOString(), message),
    }),
    [QUEUE.publish]: createPublishProcessor({
      site: config.site,
      channels: config.channels,
      sources: config.sources,
      sourcesInForce: async () => withConfigSources(config.sources, await shared.sources.registry.list()),
      partners: config.partners,
      feedLimit: config.feeds.limit,
      hub: config.feeds.hub,
      articles,
      rendered: shared.rendered,
      redis: shared.connection,
      keyPrefix: config.redis.prefix,
      log,
      lists: { activity: shared.activity, cards: shared.cards, lists: shared.lists, picks: shared.picks, size: config.lists.size },
      requestLists: (channelIds) => shared.listRequests.request(channelIds),
      retention: {
        store: new StoreRetention(shared.connection, articles.keys, articles, shared.cards, search),
        keepMs: config.retention.keepMs,
      },
      arrivals,
      observe: metrics.observePublish,
    }),
  };
}

/**
 * Cuts search queries as the process stage cut the articles (jieba with the city's place names),
 * loaded on the first query: a server that is never searched does not pay for the dictionary.
 */
function querySegmenter(config: Readonly<Config>): SegmentText {
  let segment: SegmentText | undefined;
  return (text) => {
    segment ??= createJiebaSegmenter(loadGazetteer(config).placeNames());
    return segment(text);
  };
}

function httpServerParts(shared: Shared, workersRunning: (() => boolean) | undefined): HttpServerParts {
  const { config, connection, queues } = shared;
  const prefix = config.redis.prefix;
  const channelIds = new Set([...config.channels.map((channel) => channel.id), ALL_CHANNEL_ID]);
  return {
    log: shared.log,
    // Without a configured token (serve() resolves one) the admin routes take a random one nobody knows: closed.
    adminToken: config.http.adminToken ?? newAdminToken(),
    feeds: {
      redis: connection,
      rendered: shared.rendered,
      log: shared.log,
      settings: {
        catalog: {
          site: config.site,
          channels: config.channels,
          sources: config.sources,
          partners: config.partners,
          limit: config.feeds.limit,
          hub: config.feeds.hub,
        },
        maxAgeMs: config.feeds.maxAge,
        keyPrefix: prefix,
        publishQueue: queues.publish,
        findSource: (id) => findSourceInForce(config.sources, shared.sources.registry, id),
        sourcesInForce: async () => (await shared.sources.registry.list()).map((read) => read.record.source),
      },
    },
    articles: {
      channelIds,
      articles: shared.articles,
      cards: shared.cards,
      policy: publicPolicy(config.channels),
      listing: new ArticleListing(connection, prefix),
      segment: querySegmenter(config),
    },
    push: {
      partners: config.partners,
      queues,
      redis: connection,
      keyPrefix: prefix,
      maxBodyBytes: config.push.maxBodyBytes,
      maxItems: config.push.maxItems,
      backlog: shared.backlog,
    },
    health: { redis: connection, workersRunning },
    sources: { sources: shared.sources.admin, sourceStates: shared.sourceStates },
    adminSources: { admin: shared.sources.admin, sourceStates: shared.sourceStates, channels: config.channels, siteName: config.site.name },
    dashboardQueues: queues.all,
    status: {
      sources: shared.sources.admin,
      channels: config.channels,
      sourceStates: shared.sourceStates,
      articles: shared.articles,
      queues: queues.all,
    },
    metrics: shared.metrics,
    events: {
      partners: config.partners,
      buffer: shared.events,
      redis: connection,
      articleChannels: new ArticleChannels(shared.cards),
      isBot: rememberingBotTest(isbot),
      onTally: shared.metrics.recordEventIntake,
      maxEvents: MAX_EVENTS_PER_REQUEST,
    },
    lists: {
      channelIds,
      lists: new ServedListCache(shared.lists, 250, Date.now, () => redisReady(connection)),
      cards: shared.cards,
      activity: shared.activity,
      articles: shared.articles,
      size: config.lists.size,
      maxAgeSeconds: Math.round(config.feeds.maxAge / 1000),
    },
    readers: shared.activity,
    picks: { channelIds, picks: shared.picks, cards: shared.cards, requestLists: (ids) => shared.listRequests.request(ids) },
  };
}
