import { availableParallelism } from 'node:os';
import { Worker, type Processor } from 'bullmq';
import type { Config } from '../config/load-config.js';
import { createFetchProcessor } from '../producers/sources/fetch.processor.js';
import { httpLimitsOf } from '../producers/sources/fetch/http-get.js';
import { QUEUE, type QueueName } from '../queues/queue-names.js';
import { WORKER_LOCKS } from '../queues/queue-set.js';
import { queueKeyPrefix } from '../queues/redis-connection.js';
import { StoreRetention } from '../store/store-retention.js';
import { FeedArrivals } from '../store/feed-arrivals.js';
import { FetchLeases } from '../store/fetch-leases.js';
import { FullTextCache } from '../store/full-text-cache.js';
import { ListedEntriesRepository } from '../store/listed-entries-repository.js';
import { SearchIndex } from '../store/search-index.js';
import { loadGazetteer } from '../workers/process/classify/load-gazetteer.js';
import { createJiebaSegmenter } from '../workers/process/keywords/jieba-segmenter.js';
import { createProcessProcessor } from '../workers/process/process.processor.js';
import { createPreparePool, defaultPrepareThreads, type Preparer } from '../workers/process/prepare-pool.js';
import { createPublishProcessor } from '../workers/publish/publish.processor.js';
import type { ConnectionTrouble } from './connection-trouble.js';
import { withConfigSources } from './runtime-sources.js';
import type { SharedParts } from './shared-parts.js';

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

export function startWorkers(
  names: readonly QueueName[],
  processors: Record<QueueName, Processor>,
  { config, connection, log }: SharedParts,
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
export function preparePool(config: Readonly<Config>): Preparer | undefined {
  const threads = config.workers.processThreads ?? defaultPrepareThreads(availableParallelism());
  return threads > 0 ? createPreparePool(config, threads) : undefined;
}

export function buildProcessors(shared: SharedParts, preparer: Preparer | undefined): Record<QueueName, Processor> {
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
