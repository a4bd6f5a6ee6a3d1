import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { parseDocument } from 'yaml';
import { EXAMPLE_CONFIG_PATH } from '../src/config/load-config.js';
import { ALL_CHANNEL_ID } from '../src/domain/channel.js';
import { feedId } from '../src/domain/feed-id.js';
import { enqueueItems } from '../src/queues/enqueue.js';
import { openQueues } from '../src/queues/queue-set.js';
import { ArticleRepository } from '../src/store/article-repository.js';
import { AppProcess } from '../test/support/app-process.js';
import { HAS_REDIS_SERVER, OwnRedis } from '../test/support/own-redis.js';
import { variedItems } from '../test/support/synthetic-items.js';
import { fmt, printTable } from './bench-table.js';

const QUEUED = Number(process.env.BENCH_QUEUED ?? 100_000);
const WORKERS = 2;
/** How long the processes work through the queue while their memory is read. */
const WORK_MS = Number(process.env.BENCH_MEMORY_MS ?? 30_000);
const SAMPLE_EVERY_MS = 2_000;
const PREFIX = 'bench-memory';

/**
 * Memory with a deep backlog (issue 15, Bounded memory): QUEUED feed items queued on `process` of a
 * Redis of the bench's own (an empty `redis-server`, so that `used_memory` is ours alone), then a
 * `syndicator server` and WORKERS `syndicator worker` processes working through them for WORK_MS;
 * printed: Redis bytes per queued job, the resident memory (RSS) of each process while the backlog
 * is deep (highest of the samples), and Redis bytes per stored article once the queues are emptied
 * (articles, copies, cards, feed indexes, LSH buckets, counters: everything but BullMQ's keys).
 */
export async function benchMemory(): Promise<void> {
  if (!HAS_REDIS_SERVER) {
    process.stdout.write('\nMemory: skipped (no redis-server on PATH: the bench needs an empty Redis of its own)\n');
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-memory-'));
  const redis = new OwnRedis(dir);
  await redis.start();
  const client = new Redis(redis.url, { maxRetriesPerRequest: null });
  const queues = openQueues(client, PREFIX);
  const processes: AppProcess[] = [];
  try {
    const empty = await usedMemory(client);
    const payloads = variedItems(QUEUED);
    for (let i = 0; i < payloads.length; i += 1_000) await enqueueItems(queues.process, payloads.slice(i, i + 1_000));
    const queuedBytes = (await usedMemory(client)) - empty;

    const env = { REDIS_URL: redis.url, SYNDICATOR_CONFIG: writeConfig(dir), PORT: '0', LOG_LEVEL: 'info' };
    processes.push(new AppProcess(['server'], { cwd: dir, env }));
    for (let n = 0; n < WORKERS; n++) processes.push(new AppProcess(['worker', '--no-scheduler'], { cwd: dir, env }));
    await Promise.all(processes.map((child) => child.running()));
    const peaks = processes.map(() => 0);
    let leastWaiting = QUEUED;
    const until = performance.now() + WORK_MS;
    while (performance.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
      processes.forEach((child, i) => (peaks[i] = Math.max(peaks[i]!, rssOf(child.child.pid))));
      leastWaiting = Math.min(leastWaiting, await queues.process.getWaitingCount());
    }
    for (const child of processes) await child.terminate();
    const articles = new ArticleRepository(client, PREFIX);
    const stored = await articles.countFeed(feedId.channel(ALL_CHANNEL_ID));
    for (const queue of queues.all) await queue.obliterate({ force: true });
    const storeBytes = (await usedMemory(client)) - empty;
    const families = await bytesByFamily(client);

    printTable(
      `Memory (${QUEUED.toLocaleString('en')} synthetic items queued on \`process\` of an empty redis-server of the bench's own; ` +
        `then \`syndicator server\` + ${WORKERS} × \`syndicator worker --no-scheduler\` (from the sources under tsx) for ${WORK_MS / 1000} s, ` +
        `RSS read from /proc every ${SAMPLE_EVERY_MS / 1000} s; Redis used_memory after the queues are obliterated, over the articles stored)`,
      ['what', 'value', 'note'],
      [
        [
          'Redis bytes per queued process job',
          fmt(queuedBytes / QUEUED, 0),
          `${fmt(queuedBytes / 2 ** 20, 1)} MiB for ${QUEUED.toLocaleString('en')}`,
        ],
        ...processes.map((child, i) => [
          `RSS of ${i === 0 ? 'the server' : `worker ${i}`} (peak)`,
          `${fmt(peaks[i]! / 2 ** 20, 0)} MiB`,
          `while ≥ ${leastWaiting.toLocaleString('en')} jobs waited`,
        ]),
        ['articles stored in the run', stored.toLocaleString('en'), `of ${QUEUED.toLocaleString('en')} queued (every tenth a repost)`],
        ['Redis bytes per stored article', stored > 0 ? fmt(storeBytes / stored, 0) : '–', `${fmt(storeBytes / 2 ** 20, 1)} MiB in all`],
      ],
    );
    const perArticle = (bytes: number) => (stored > 0 ? fmt(bytes / stored, 0) : '–');
    printTable(
      `Store keys by kind after the run (MEMORY USAGE of each key under the prefix; Redis' own overhead per key not included)`,
      ['kind of key', 'keys', 'MiB', 'bytes per stored article'],
      [...families]
        .sort((a, b) => b[1].bytes - a[1].bytes)
        .map(([family, { keys, bytes }]) => [family, keys.toLocaleString('en'), fmt(bytes / 2 ** 20, 2), perArticle(bytes)]),
    );
  } finally {
    await Promise.all(processes.map((child) => child.kill()));
    await queues.close();
    await client.quit();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The example config with the bench's prefix and no sources, written where the processes run. */
function writeConfig(dir: string): string {
  const file = path.join(dir, 'syndicator.yaml');
  const doc = parseDocument(readFileSync(EXAMPLE_CONFIG_PATH, 'utf8'));
  doc.setIn(['redis', 'prefix'], PREFIX);
  doc.delete('sources');
  writeFileSync(file, doc.toString());
  return file;
}

/** Keys under the prefix by their kind (the part after the prefix, `article`, `term`, `lsh`…): how many and their bytes. */
async function bytesByFamily(client: Redis): Promise<Map<string, { keys: number; bytes: number }>> {
  const families = new Map<string, { keys: number; bytes: number }>();
  for await (const batch of client.scanStream({ match: `${PREFIX}:*`, count: 1_000 }) as AsyncIterable<string[]>) {
    const pipeline = client.pipeline();
    for (const key of batch) pipeline.memory('USAGE', key);
    const replies = (await pipeline.exec()) ?? [];
    batch.forEach((key, i) => {
      const family = key.slice(PREFIX.length + 1).split(':')[0] ?? '';
      const entry = families.get(family) ?? { keys: 0, bytes: 0 };
      entry.keys++;
      entry.bytes += Number(replies[i]?.[1] ?? 0);
      families.set(family, entry);
    });
  }
  return families;
}

async function usedMemory(client: Redis): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await client.info('memory'))?.[1]);
}

/** Resident set size of a process in bytes (Linux /proc), 0 when it cannot be read. */
function rssOf(pid: number | undefined): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(kb ?? 0) * 1024;
  } catch {
    return 0;
  }
}
