import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { loadConfig } from '../src/config/load-config.js';
import { enqueueItems } from '../src/queues/enqueue.js';
import { DEFAULT_JOB_OPTIONS, openQueues } from '../src/queues/queue-set.js';
import { startRoles } from '../src/app/start-roles.js';
import { ArticleRepository } from '../src/store/article-repository.js';
import { deleteKeysWithPrefix } from '../src/store/delete-keys.js';
import { resolveRedis } from '../src/app/resolve-redis.js';
import { fmt, printTable } from './bench-table.js';
import { variedItems } from '../test/support/synthetic-items.js';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 3000);

/**
 * Pipeline throughput: feed items queued on `process` → normalized, deduplicated, classified,
 * stored → channel feeds rebuilt, against the ceiling of raw BullMQ no-op jobs through the same
 * Redis at the same concurrency. Target (DESIGN.md): ≥ 50%.
 */
export async function benchPipeline(): Promise<void> {
  const redis = await resolveRedis(process.env.REDIS_URL, path.resolve('data'));
  const config = loadConfig({});
  const concurrency = config.workers.processConcurrency;
  const noop = await measureNoop(redis.url, concurrency);
  const pipeline = await measurePipeline(redis.url, config);
  printTable(
    `Pipeline (${ITEMS} synthetic items: distinct stories about Tai'an towns, every tenth a repost; process concurrency ${concurrency}; Redis ${redis.url})`,
    ['run', 'items/s', 'ratio to ceiling'],
    [
      ['raw BullMQ no-op jobs (ceiling)', fmt(noop, 0), '100%'],
      ['items in → stored → channel feeds current', fmt(pipeline, 0), `${fmt((100 * pipeline) / noop, 0)}%  (target ≥ 50%)`],
    ],
  );
  await redis.stop();
}

async function measureNoop(url: string, concurrency: number): Promise<number> {
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  // The same job options as the pipeline's queues (retries, bounded history): only the work differs.
  const queue = new Queue('noop', { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
  let done = 0;
  const finished = new Promise<void>((resolve) => {
    const worker = new Worker('noop', () => Promise.resolve(), { connection, prefix, concurrency });
    worker.on('completed', () => {
      if (++done === ITEMS) void worker.close().then(resolve);
    });
  });
  const start = performance.now();
  for (let i = 0; i < ITEMS; i += 500) {
    await queue.addBulk(Array.from({ length: Math.min(500, ITEMS - i) }, (_, j) => ({ name: 'noop', data: { n: i + j } })));
  }
  await finished;
  const rate = (ITEMS * 1000) / (performance.now() - start);
  await queue.obliterate({ force: true });
  await queue.close();
  await connection.quit();
  return rate;
}

async function measurePipeline(url: string, base: ReturnType<typeof loadConfig>): Promise<number> {
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const config = { ...base, sources: [], redis: { ...base.redis, prefix } };
  const app = await startRoles(
    config,
    { workers: ['process', 'publish'], scheduler: false, server: false },
    url,
    pino({ level: 'silent' }),
  );
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const queues = openQueues(connection, prefix);
  const articles = new ArticleRepository(connection, prefix);
  const payloads = variedItems(ITEMS);
  const start = performance.now();
  for (let i = 0; i < payloads.length; i += 500) await enqueueItems(queues.process, payloads.slice(i, i + 500));
  // Every tenth item is a repost, recorded on its story rather than stored.
  const stories = ITEMS - Math.floor(ITEMS / 10);
  while ((await articles.countFeed('channel:all')) < stories) await sleep(20);
  // Feeds are current once no rebuild waits or runs: the last one ran after the last item.
  while (Object.values(await queues.publish.getJobCounts('waiting', 'active', 'delayed')).some((n) => n > 0)) await sleep(10);
  const rate = (ITEMS * 1000) / (performance.now() - start);
  await app.close();
  for (const queue of queues.all) await queue.obliterate({ force: true });
  await queues.close();
  await deleteKeysWithPrefix(connection, prefix);
  await connection.quit();
  return rate;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
