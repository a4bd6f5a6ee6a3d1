import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifySchemaValidationError,
} from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { registerDashboard } from '../ops/dashboard.js';
import { registerStatusPage } from '../ops/status-page.route.js';
import type { StatusReportDeps } from '../ops/status-report.js';
import { registerAdminRoutes } from '../ops/admin-guard.js';
import { registerHealthRoutes, type HealthDeps } from '../ops/health.route.js';
import { registerMetricsRoute, type Metrics } from '../ops/metrics.js';
import { registerSourcesRoute, type SourcesRouteDeps } from '../ops/sources.route.js';
import { registerAdminSourceRoutes, type AdminSourcesRouteDeps } from '../ops/sources/admin-sources.route.js';
import { registerPushRoute, type PushRouteDeps } from '../producers/push/push.route.js';
import { registerArticleRoutes, type ArticleRouteDeps } from '../feeds/routes/articles.route.js';
import { registerListRoutes, type ListRouteDeps } from '../feeds/routes/lists.route.js';
import { registerPicksRoutes, type PicksRouteDeps } from '../ops/picks.route.js';
import { registerReaderRoutes } from '../ops/readers.route.js';
import { registerEventRoutes, type EventsRouteDeps } from '../producers/events/events.route.js';
import type { ReaderActivityRepository } from '../store/reader-activity-repository.js';
import { registerFeedServing, type FeedServingDeps } from '../feeds/register-feed-serving.js';
import { registerOpenApiDocument } from './openapi-document.js';

/** What each part of the HTTP server needs, assembled by startRoles; each part gets its own and no more. */
export interface HttpServerParts {
  log: Logger;
  /** Guards the admin routes (status page, dashboard, source states, picks, readers). */
  adminToken: string;
  feeds: FeedServingDeps;
  articles: ArticleRouteDeps;
  push: PushRouteDeps;
  health: HealthDeps;
  sources: SourcesRouteDeps;
  /** The sources at runtime: add, edit, pause, resume, delete, poll now (admin routes). */
  adminSources: AdminSourcesRouteDeps;
  /** The queues the dashboard shows. */
  dashboardQueues: readonly Queue[];
  /** What the status page reads. */
  status: StatusReportDeps;
  metrics: Metrics;
  events: EventsRouteDeps;
  lists: ListRouteDeps;
  /** Deletes everything kept about a reader (an admin route). */
  readers: Pick<ReaderActivityRepository, 'deleteReader'>;
  picks: PicksRouteDeps;
}

/** Builds the HTTP server: feeds, OPML and home page, the article API, health, metrics and the queue dashboard. */
export async function createHttpServer(parts: HttpServerParts): Promise<FastifyInstance> {
  const loggerInstance: FastifyBaseLogger = parts.log.child({ stage: 'http' });
  // Per-request logs would dwarf everything else at feed-polling rates; errors are still logged.
  const app = Fastify({ loggerInstance, logController: new LogController({ disableRequestLogging: true }) });
  // HTTP input is validated one way: each route declares zod schemas for its params, query and body.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Before every route: the document is collected from the routes as they are added.
  await registerOpenApiDocument(app);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error, route: request.routeOptions.url, method: request.method }, 'request failed');
    if (error.validation)
      return reply.code(400).send({ error: 'bad_request', message: describeValidation(error.validation, error.validationContext) });
    const message = status >= 500 ? 'internal error' : error.message;
    return reply.code(status).send({ error: (error.code || 'error').toLowerCase(), message });
  });
  // Feed requests by status, counted on the routes that serve feeds (not by matching the raw URL).
  app.addHook('onResponse', async (request, reply) => {
    if (request.routeOptions.url?.startsWith('/feeds')) parts.metrics.countFeedRequest(reply.statusCode);
  });
  await registerFeedServing(app, parts.feeds);
  await registerPushRoute(app, parts.push);
  registerArticleRoutes(app, parts.articles);
  registerEventRoutes(app, parts.events);
  registerListRoutes(app, parts.lists);
  registerHealthRoutes(app, parts.health);
  registerMetricsRoute(app, parts.metrics);
  await registerAdminRoutes(app, parts.adminToken, async (admin) => {
    registerStatusPage(admin, parts.status);
    registerSourcesRoute(admin, parts.sources);
    registerAdminSourceRoutes(admin, parts.adminSources);
    registerReaderRoutes(admin, parts.readers);
    registerPicksRoutes(admin, parts.picks);
    await registerDashboard(admin, parts.dashboardQueues);
  });
  return app;
}

/** The HTTP server of a worker process: /metrics, /healthz and /readyz, nothing else. */
export function createMetricsServer(parts: Pick<HttpServerParts, 'log' | 'metrics' | 'health'>): FastifyInstance {
  const loggerInstance: FastifyBaseLogger = parts.log.child({ stage: 'metrics' });
  const app = Fastify({ loggerInstance, logController: new LogController({ disableRequestLogging: true }) });
  registerHealthRoutes(app, parts.health);
  registerMetricsRoute(app, parts.metrics);
  return app;
}

/** `limit: Too big: …; 1.authors: Invalid input` — each invalid field by its path (the part of the request when the whole is wrong). */
function describeValidation(issues: readonly FastifySchemaValidationError[], context: string | undefined): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.instancePath.split('/').filter(Boolean).join('.') || (context ?? 'request')}: ${issue.message ?? 'invalid'}`)
    .join('; ');
}
