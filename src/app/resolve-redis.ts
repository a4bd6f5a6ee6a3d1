import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { Cluster, Redis } from 'ioredis';
import { maskCredentials } from '../domain/mask-credentials.js';
import { parseNode, type RedisTarget } from '../queues/redis-connection.js';

/** A Redis the app can use, and how to let go of it. */
export interface ResolvedRedis {
  /** The URL, or a cluster's nodes joined by ',' (for the log and the banner). */
  url: string;
  /** What to connect to. */
  target: RedisTarget;
  origin: 'REDIS_URL' | 'local' | 'child' | 'cluster';
  stop(): Promise<void>;
}

export const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379';

/** No Redis could be found or started; the message says how to get one. */
export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

const HOW_TO_GET_REDIS = `Syndicator needs Redis 6.2 or later. Any of these will do:
  - install it with your package manager (apt-get install redis-server, brew install redis) and run npm start again
    (a redis-server on PATH is started for you, with its data in ./data);
  - docker compose up -d redis
  - point REDIS_URL at a Redis you have, e.g. REDIS_URL=redis://host:6379`;

/**
 * Finds the Redis to use: the configured cluster (`redis.cluster`) if any; else REDIS_URL if
 * set; else 127.0.0.1:6379 if it answers; else a `redis-server` child process with its data
 * (append-only file on) under `dataDir`.
 */
export async function resolveRedis(
  configuredUrl: string | undefined,
  dataDir: string,
  cluster?: readonly string[],
): Promise<ResolvedRedis> {
  const nothingToStop = () => Promise.resolve();
  if (cluster && cluster.length > 0) {
    const nodes = cluster.join(',');
    if (!(await pingCluster(cluster)))
      throw new RedisUnavailableError(`redis: the Redis Cluster at ${nodes} (redis.cluster) does not answer.`);
    return { url: nodes, target: { cluster }, origin: 'cluster', stop: nothingToStop };
  }
  if (configuredUrl) {
    if (!(await pingRedis(configuredUrl))) {
      throw new RedisUnavailableError(`redis: REDIS_URL=${maskCredentials(configuredUrl)} does not answer.\n${HOW_TO_GET_REDIS}`);
    }
    return { url: configuredUrl, target: configuredUrl, origin: 'REDIS_URL', stop: nothingToStop };
  }
  if (await pingRedis(LOCAL_REDIS_URL)) return { url: LOCAL_REDIS_URL, target: LOCAL_REDIS_URL, origin: 'local', stop: nothingToStop };
  const child = await startRedisServer(dataDir).catch((cause: unknown) => {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new RedisUnavailableError(`redis: nothing answers on 127.0.0.1:6379 and ${reason}.\n${HOW_TO_GET_REDIS}`, { cause });
  });
  return { ...child, target: child.url, origin: 'child' };
}

/** True when the Redis Cluster seeded by `nodes` is up (its slots all served) and answers PING within `timeoutMs`. */
export async function pingCluster(nodes: readonly string[], timeoutMs = 3_000): Promise<boolean> {
  const client = new Cluster(nodes.map(parseNode), {
    lazyConnect: true,
    enableOfflineQueue: false,
    clusterRetryStrategy: () => null,
    redisOptions: { connectTimeout: timeoutMs, maxRetriesPerRequest: 0 },
  });
  client.on('error', () => {
    // connect() or ping() rejects with the same error; without a listener ioredis would also print it.
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    const answered = (async () => {
      await client.connect();
      // The types promise PONG; what answers on the port may be something else that speaks RESP.
      const reply: string = await client.ping();
      return reply === 'PONG';
    })().catch(() => false);
    return await Promise.race([answered, timeout]);
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

/** True when a Redis at `url` answers PING within `timeoutMs`. */
export async function pingRedis(url: string, timeoutMs = 1_000): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => {
    // connect() or ping() rejects with the same error; without a listener ioredis would also print it.
  });
  try {
    await client.connect();
    // The types promise PONG; what answers on the port may be something else that speaks RESP.
    const reply: string = await client.ping();
    return reply === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * Starts `redis-server` from PATH on a free loopback port with AOF persistence in `dataDir`,
 * and waits until it answers. Rejects when there is no redis-server or it does not come up.
 */
export async function startRedisServer(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  mkdirSync(dataDir, { recursive: true });
  const port = await findFreePort();
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      path.resolve(dataDir),
      '--appendonly',
      'yes',
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  await waitUntilUp(child, url);
  return { url, stop: () => stopChild(child) };
}

async function waitUntilUp(child: ChildProcess, url: string): Promise<void> {
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`redis-server could not be started (${error.message})`)));
    child.once('exit', (code) => reject(new Error(`redis-server exited with code ${code}`)));
  });
  const up = (async () => {
    for (let attempt = 0; attempt < 100; attempt++) {
      if (await pingRedis(url, 200)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('redis-server did not answer within 10 s');
  })();
  try {
    await Promise.race([up, failed]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM'); // redis-server flushes its append-only file on SIGTERM
  await exited;
}

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
