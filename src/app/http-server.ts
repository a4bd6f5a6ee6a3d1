import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { registerDashboard } from '../ops/dashboard.js';
import { registerAdminRoutes } from '../ops/admin-guard.js';
import { registerHealthRoutes } from '../ops/health.route.js';
import { registerSourcesRoute } from '../ops/sources.route.js';
import type { Metrics } from '../ops/metrics.js';
import type { Source } from '../domain/source.js';
import type { ArticleRepository } from '../store/article-repository.js';
import type { RenderedFeedRepository } from '../store/rendered-feed-repository.js';
import type { SourceStateRepository } from '../store/source-state-repository.js';
import { registerPushRoute, type PushRouteDeps } from '../producers/push/push.route.js';
import { registerArticleRoutes } from '../feeds/routes/articles.route.js';
import { registerFeedServing, type FeedHttpSettings } from '../feeds/register-feed-serving.js';

export interface HttpServerDeps {
  /** Guards the dashboard and /api/sources when set. */
  adminToken?: string | undefined;
  log: Logger;
  redis: Redis;
  channelIds: ReadonlySet<string>;
  articles: ArticleRepository;
  rendered: RenderedFeedRepository;
  queues: readonly Queue[];
  metrics: Metrics;
  sources: readonly Source[];
  sourceStates: SourceStateRepository;
  workersRunning?: () => boolean;
  push: PushRouteDeps;
  feeds: FeedHttpSettings;
}

/** Builds the HTTP server: feeds, OPML and home page, the article API, health, metrics and the queue dashboard. */
export async function createHttpServer(deps: HttpServerDeps): Promise<FastifyInstance> {
  const loggerInstance: FastifyBaseLogger = deps.log.child({ stage: 'http' });
  // Per-request logs would dwarf everything else at feed-polling rates; errors are still logged.
  const app = Fastify({ loggerInstance, logController: new LogController({ disableRequestLogging: true }) });
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string; validation?: unknown }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error, route: request.routeOptions.url, method: request.method }, 'request failed');
    const message = status >= 500 ? 'internal error' : error.message;
    const code = error.validation ? 'bad_request' : (error.code ?? 'error').toLowerCase();
    return reply.code(status).send({ error: code, message });
  });
  await registerFeedServing(app, { redis: deps.redis, rendered: deps.rendered, log: deps.log, settings: deps.feeds });
  await registerPushRoute(app, deps.push);
  registerArticleRoutes(app, {
    ...deps,
    summaryOnlyChannels: deps.feeds.catalog.channels.filter((c) => c.publicContent === 'summary').map((c) => c.id),
  });
  registerHealthRoutes(app, deps);
  app.get('/metrics', async (_request, reply) =>
    reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics()),
  );
  await registerAdminRoutes(app, deps.adminToken, async (admin) => {
    registerSourcesRoute(admin, deps);
    await registerDashboard(admin, deps.queues);
  });
  return app;
}
