import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { enqueuePublish } from '../queues/enqueue.js';
import type { PublishPayload } from '../queues/payloads.js';
import { FeedDemandRepository } from '../store/feed-demand-repository.js';
import type { RenderedFeedRepository } from '../store/rendered-feed-repository.js';
import type { FeedCatalogSettings } from '../domain/feed-catalog.js';
import type { Source } from '../domain/source.js';
import { registerDiscoveryRoutes } from './routes/discovery.route.js';
import { registerFeedRoutes } from './routes/feed.route.js';
import { registerPartnerFeedRoute } from './routes/partner-feed.route.js';
import { FeedDirectory } from './serve/feed-directory.js';
import { redisReady } from '../queues/redis-ready.js';
import { ServedFeedCache } from './serve/served-feed-cache.js';
import { SourcesInForce, type FindSource } from './serve/sources-in-force.js';
import type { FeedServing } from './serve/serve-feed.js';

/** How the server serves feeds: what exists, for how long caches keep it, where to ask for pages. */
export interface FeedHttpSettings {
  catalog: FeedCatalogSettings;
  /** Cache-Control max-age, in milliseconds (config `feeds.maxAge`). */
  maxAgeMs: number;
  /** The Redis key prefix (demand and rate-limit keys live under it). */
  keyPrefix: string;
  /** Where to ask for the rendering of a page nobody asked for before; without it such a page is a 503. */
  publishQueue?: Queue<PublishPayload>;
  /** How long a request waits for such a page (default 5 s). */
  pageWaitMs?: number;
  /** How often a served feed's version is checked in Redis (default 250 ms: a change is served within that). */
  versionTtlMs?: number;
  /**
   * Finds a source in force by id: the feeds at /feeds/sources/{id} are served while their source
   * is in force (added at runtime: from then; deleted: no more, within 5 s).
   */
  findSource?: FindSource;
  /** The sources in force, for /feeds.opml and the home page (default: the config file's). */
  sourcesInForce?: () => Promise<Pick<Source, 'id' | 'name'>[]>;
}

/** Registers the feed routes (public, source, partner) and the OPML list and home page. */
/** What serving feeds needs: Redis (versions, demand, rate limits), the rendered pages, a logger and the settings. */
export interface FeedServingDeps {
  redis: Redis;
  rendered: RenderedFeedRepository;
  log: Logger;
  settings: FeedHttpSettings;
}

export async function registerFeedServing(app: FastifyInstance, deps: FeedServingDeps): Promise<void> {
  const { settings } = deps;
  const maxAgeSeconds = Math.round(settings.maxAgeMs / 1000);
  const directory = new FeedDirectory(settings.catalog, maxAgeSeconds);
  const queue = settings.publishQueue;
  const serving: FeedServing = {
    cache: new ServedFeedCache(deps.rendered, directory.decorate, settings.versionTtlMs ?? 250, Date.now, () => redisReady(deps.redis)),
    demand: new FeedDemandRepository(deps.redis, settings.keyPrefix),
    requestPublish: async (channelId) => {
      if (queue)
        await enqueuePublish(queue, [channelId]).catch((error: unknown) =>
          deps.log.warn({ stage: 'http', err: error }, 'publish request failed'),
        );
    },
    waitMs: settings.pageWaitMs ?? 5_000,
    noted: new Map(),
  };
  registerFeedRoutes(app, { directory, serving, ...(settings.findSource ? { sources: new SourcesInForce(settings.findSource) } : {}) });
  await registerPartnerFeedRoute(app, {
    directory,
    serving,
    partners: settings.catalog.partners,
    redis: deps.redis,
    keyPrefix: settings.keyPrefix,
  });
  registerDiscoveryRoutes(app, {
    directory,
    maxAgeSeconds,
    ...(settings.sourcesInForce ? { sourcesInForce: settings.sourcesInForce } : {}),
  });
}
