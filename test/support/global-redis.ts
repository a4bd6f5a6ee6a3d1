import type { TestProject } from 'vitest/node';
import { LOCAL_REDIS_URL, pingRedis, startRedisServer } from '../../src/app/resolve-redis.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/**
 * Finds the Redis the tests run against, once for the whole run: REDIS_URL, then
 * 127.0.0.1:6379, then a container (testcontainers, where Docker runs), then a
 * `redis-server` from PATH started for this run. Each test file then works under its own
 * key prefix, so files can run in parallel against one Redis.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const found = await findRedis();
  project.provide('redisUrl', found.url);
  process.stdout.write(`tests use Redis at ${found.url} (${found.origin})\n`);
  return found.stop;
}

async function findRedis(): Promise<{ url: string; origin: string; stop: () => Promise<void> }> {
  const none = () => Promise.resolve();
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, origin: 'REDIS_URL', stop: none };
  if (await pingRedis(LOCAL_REDIS_URL)) return { url: LOCAL_REDIS_URL, origin: '127.0.0.1:6379', stop: none };
  const container = await startContainer().catch(() => undefined);
  if (container) return container;
  const server = await startRedisServer(`${process.cwd()}/data/test-redis`).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`tests need Redis: set REDIS_URL, run one on 127.0.0.1:6379, run Docker, or put redis-server on PATH (${reason})`);
  });
  return { ...server, origin: 'redis-server child' };
}

async function startContainer(): Promise<{ url: string; origin: string; stop: () => Promise<void> }> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('redis:7-alpine')
    .withExposedPorts(6379)
    .withWaitStrategy(Wait.forLogMessage('Ready to accept connections'))
    .withStartupTimeout(30_000)
    .start();
  const url = `redis://${container.getHost()}:${container.getMappedPort(6379)}`;
  return {
    url,
    origin: 'testcontainers',
    stop: async () => {
      await container.stop();
    },
  };
}
