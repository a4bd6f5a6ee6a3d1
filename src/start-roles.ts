import { Worker, type Processor } from 'bullmq';
import type { Logger } from 'pino';
import type { Config } from './config/load-config.js';
import { ALL_CHANNEL_ID } from './domain/channel.js';
import { createHttpServer } from './feeds/http-server.js';
import { createMetrics } from './ops/metrics.js';
import { loadCityDivisions } from './config/load-divisions.js';
import { createFetchProcessor } from './producers/fetch.processor.js';
import { HostLimiter } from './producers/fetch/host-limiter.js';
import { enqueuePublish, scheduleSources } from './queues/enqueue.js';
import { QUEUE, type QueueName } from './queues/queue-names.js';
import { CoalescingPublisher } from './queues/coalescing-publisher.js';
import { openQueues } from './queues/queue-set.js';
import { createRedisConnection } from './queues/redis-connection.js';
import { ArticleRepository } from './store/article-repository.js';
import { RenderedFeedRepository } from './store/rendered-feed-repository.js';
import { SourceStateRepository } from './store/source-state-repository.js';
import { Gazetteer } from './workers/classify/gazetteer.js';
import { createProcessProcessor } from './workers/process.processor.js';
import { createPublishProcessor } from './workers/publish.processor.js';

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
  /** Stops taking work, lets running jobs finish, and closes every connection. */
  close(): Promise<void>;
}

/** Starts the given roles against the Redis at `redisUrl`. */
export async function startRoles(config: Readonly<Config>, roles: Roles, redisUrl: string, log: Logger): Promise<RunningApp> {
  const prefix = config.redis.prefix;
  const connection = createRedisConnection(redisUrl, 'syndicator');
  const queues = openQueues(connection, prefix);
  const articles = new ArticleRepository(connection, prefix);
  const rendered = new RenderedFeedRepository(connection, prefix);
  const sourceStates = new SourceStateRepository(connection, prefix);
  const metrics = createMetrics(queues.all);
  const channelIds = new Set([...config.channels.map((channel) => channel.id), ALL_CHANNEL_ID]);

  const gazetteer = new Gazetteer(loadCityDivisions(config.city.code), config.gazetteer);
  const publisher = new CoalescingPublisher(queues.publish, 250, (error) => log.error({ err: error }, 'publish request failed'));
  const processors: Record<QueueName, Processor> = {
    [QUEUE.fetch]: createFetchProcessor({
      sources: new Map(config.sources.map((source) => [source.id, source])),
      sourceStates,
      queues,
      hostLimiter: new HostLimiter(config.fetch.perHostConcurrency),
      limits: {
        headersTimeoutMs: config.fetch.timeout,
        bodyTimeoutMs: config.fetch.timeout,
        totalTimeoutMs: config.fetch.totalTimeout,
        maxBytes: config.fetch.maxBytes,
        maxRedirects: config.fetch.maxRedirects,
      },
      log,
    }),
    [QUEUE.process]: createProcessProcessor({
      settings: { channels: config.channels, gazetteer, dedupe: config.dedupe, hostAliases: config.urls.hostAliases },
      articles,
      publisher,
      log,
      onVerdict: metrics.recordVerdict,
    }),
    [QUEUE.publish]: createPublishProcessor({
      site: config.site,
      channels: config.channels,
      sources: config.sources,
      partners: config.partners,
      feedLimit: config.feeds.limit,
      hub: config.feeds.hub,
      articles,
      rendered,
      redis: connection,
      keyPrefix: prefix,
      log,
    }),
  };
  const concurrency: Record<QueueName, number> = {
    [QUEUE.fetch]: config.workers.fetchConcurrency,
    [QUEUE.process]: config.workers.processConcurrency,
    [QUEUE.publish]: 1,
  };
  const workers = roles.workers.map((name) => {
    const worker = new Worker(name, processors[name], { connection, prefix, concurrency: concurrency[name] });
    worker.on('failed', (job, error) => log.warn({ queue: name, job_id: job?.id, err: error }, 'job failed'));
    worker.on('error', (error) => log.error({ queue: name, err: error }, 'worker error'));
    return worker;
  });

  if (roles.scheduler) {
    await scheduleSources(queues.fetch, config.sources);
    await enqueuePublish(queues.publish, channelIds);
  }

  let baseUrl: string | undefined;
  const server = roles.server
    ? await createHttpServer({
        adminToken: config.http.adminToken,
        log,
        redis: connection,
        channelIds,
        articles,
        rendered,
        queues: queues.all,
        metrics,
        sources: config.sources,
        sourceStates,
        push: {
          partners: config.partners,
          queues,
          redis: connection,
          keyPrefix: prefix,
          maxBodyBytes: config.push.maxBodyBytes,
          maxItems: config.push.maxItems,
        },
        workersRunning: () => workers.every((worker) => worker.isRunning()),
        feeds: {
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
        },
      })
    : undefined;
  if (server) {
    const address = await server.listen({ port: config.http.port, host: config.http.host });
    baseUrl = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  }

  return {
    baseUrl,
    close: async () => {
      await server?.close();
      await Promise.all(workers.map((worker) => worker.close()));
      await publisher.close();
      await queues.close();
      await connection.quit();
    },
  };
}
