import type { Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import { ALL_CHANNEL_ID } from '../domain/channel.js';
import { enqueuePublish, scheduleRetention } from '../queues/enqueue.js';
import { QUEUE, type QueueName } from '../queues/queue-names.js';
import { openQueues } from '../queues/queue-set.js';
import { createRedisConnection, type RedisTarget } from '../queues/redis-connection.js';
import { readyWithin } from '../queues/redis-ready.js';
import type { Preparer } from '../workers/process/prepare-pool.js';
import { connectionTrouble } from './connection-trouble.js';
import { createHttpServer, createMetricsServer } from './http-server.js';
import { scheduleSourcesInForce } from './runtime-sources.js';
import { httpServerParts } from './server-parts.js';
import { closeSharedRequests, openSharedParts } from './shared-parts.js';
import { buildProcessors, preparePool, startWorkers } from './worker-roles.js';

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
  const shared = openSharedParts(config, connection, queues, log);
  const workers: Worker[] = [];
  let preparer: Preparer | undefined;
  let server: FastifyInstance | undefined;
  let metricsServer: FastifyInstance | undefined;
  const close = async () => {
    await server?.close();
    await metricsServer?.close();
    // The reading events the server took are counted before the workers' running jobs are waited for.
    await shared.events.close();
    await Promise.all(workers.map((worker) => worker.close()));
    await preparer?.close();
    await closeSharedRequests(shared);
    await queues.close();
    await connection.quit();
  };
  try {
    if (roles.scheduler) {
      await scheduleSourcesInForce(shared.sources, config, queues.fetch);
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

/** A listening address as a URL to open from this machine. */
function localUrl(address: string | undefined): string | undefined {
  return address?.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
}
