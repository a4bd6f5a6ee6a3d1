import { createServer, type Server } from 'node:net';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_ROLES, startRoles } from '../../src/app/start-roles.js';
import { exampleConfig } from '../support/example-config.js';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../support/redis.js';

describe('startRoles when a step fails', () => {
  const prefix = uniquePrefix('failed-start');
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  /** Taken by the test itself, so absent when it failed before. */
  let blocker: Server | undefined;

  afterAll(async () => {
    blocker?.close();
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('rejects when the port is taken, and leaves no worker taking jobs', async () => {
    const server = createServer();
    blocker = server;
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
    );
    const config = {
      ...exampleConfig,
      sources: [],
      redis: { ...exampleConfig.redis, prefix },
      http: { ...exampleConfig.http, port, host: '127.0.0.1' },
    };
    await expect(startRoles(config, ALL_ROLES, testRedisUrl(), pino({ level: 'silent' }))).rejects.toThrow(/EADDRINUSE/);
    const queue = new Queue('process', { connection: redis, prefix });
    const job = await queue.add('process-item', { nothing: true });
    // BullMQ names each worker's connection: none is left listening on the queue.
    expect(await queue.getWorkersCount()).toBe(0);
    expect(await job.getState()).toBe('waiting');
    await queue.close();
  });
});

describe('startRoles as separate processes', () => {
  const prefix = uniquePrefix('roles');
  const config = {
    ...exampleConfig,
    sources: [],
    redis: { ...exampleConfig.redis, prefix },
    http: { ...exampleConfig.http, port: 0, host: '127.0.0.1' },
  };
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });

  afterAll(async () => {
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('serves /metrics, /healthz and /readyz from a worker process on workers.metricsPort', async () => {
    const worker = await startRoles(
      { ...config, workers: { ...config.workers, metricsPort: 0 } },
      { workers: ['publish'], scheduler: false, server: false },
      testRedisUrl(),
      pino({ level: 'silent' }),
    );
    try {
      expect(worker.baseUrl).toBeUndefined();
      expect(worker.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(`${worker.metricsUrl}/readyz`)).json()).toEqual({ status: 'ready', redis: true, workers: true });
      expect(await (await fetch(`${worker.metricsUrl}/metrics`)).text()).toContain('syndicator_queue_jobs{queue="publish"');
    } finally {
      await worker.close();
    }
  });

  it('has a server-only process claim no workers on /readyz', async () => {
    const server = await startRoles(config, { workers: [], scheduler: false, server: true }, testRedisUrl(), pino({ level: 'silent' }));
    try {
      expect(server.metricsUrl).toBeUndefined();
      expect(await (await fetch(`${server.baseUrl}/readyz`)).json()).toEqual({ status: 'ready', redis: true, workers: 'none' });
    } finally {
      await server.close();
    }
  });
});
