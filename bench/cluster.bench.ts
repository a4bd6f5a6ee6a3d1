import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { startRoles } from '../src/app/start-roles.js';
import { loadConfig } from '../src/config/load-config.js';
import { QUEUE } from '../src/queues/queue-names.js';
import { openQueues } from '../src/queues/queue-set.js';
import { createRedisConnection, queueKeyPrefix } from '../src/queues/redis-connection.js';
import { ArticleRepository } from '../src/store/article-repository.js';
import { StoreKeys } from '../src/store/store-keys.js';
import { HAS_REDIS_CLUSTER_TOOLS, startLocalCluster } from '../test/support/redis-cluster.js';
import { variedItems } from '../test/support/synthetic-items.js';
import { cpuSecondsOf } from './redis-cpu.js';
import { fmt, printTable } from './bench-table.js';
import { runItems } from './run-items.js';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 3000);
/** Every tenth item is a repost, recorded on its story rather than stored. */
const STORIES = ITEMS - Math.floor(ITEMS / 10);
const MASTERS = 3;

/** What one master reports of itself (INFO): CPU seconds, commands, keys, memory. */
interface MasterReading {
  cpuSeconds: number;
  commands: number;
  keys: number;
  memoryBytes: number;
}

/**
 * How the work of the pipeline spreads over a Redis Cluster: the bench's items through the
 * process and publish workers of this process on a local cluster of three masters, and per master
 * the Redis CPU time and commands per item, its share of all the masters' CPU (1/3 each would be
 * an even spread), and what it holds at the end. The article store's slot (the claims) lies on
 * one master, which the table names; the rest spreads.
 */
export async function benchCluster(): Promise<void> {
  if (!HAS_REDIS_CLUSTER_TOOLS) {
    process.stdout.write('\nRedis Cluster: skipped (needs redis-server and redis-cli on PATH)\n');
    return;
  }
  const cluster = await startLocalCluster(MASTERS);
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const base = loadConfig({});
  const config = { ...base, sources: [], redis: { ...base.redis, prefix, cluster: cluster.nodes } };
  const connection = createRedisConnection({ cluster: cluster.nodes }, 'bench-cluster');
  const app = await startRoles(
    config,
    { workers: ['process', 'publish'], scheduler: false, server: false },
    { cluster: cluster.nodes },
    pino({ level: 'silent' }),
  );
  try {
    const queues = openQueues(connection, prefix);
    const articles = new ArticleRepository(connection, prefix);
    const masters = (connection as unknown as { nodes(role: 'master'): Redis[] }).nodes('master');
    const before = await Promise.all(masters.map(readMaster));
    const rate = await runItems(queues, articles, variedItems(ITEMS), STORIES);
    const after = await Promise.all(masters.map(readMaster));
    const roles = await Promise.all(masters.map((master) => rolesOf(master, prefix)));
    await queues.close();

    const cpu = after.map((reading, i) => reading.cpuSeconds - before[i]!.cpuSeconds);
    const allCpu = cpu.reduce((a, b) => a + b, 0);
    printTable(
      `Redis Cluster (${ITEMS} synthetic items as in the pipeline bench, every tenth a repost; process and publish workers in this process, ` +
        `concurrency ${config.workers.processConcurrency}; a local cluster of ${MASTERS} masters on this machine, no replicas): ` +
        `${fmt(rate, 0)} items/s. Per master: Redis CPU (INFO cpu, user + sys) and commands (INFO commandstats) per item from the first ` +
        `item queued to the feeds current, its share of all masters' CPU (even: ${fmt(100 / MASTERS, 0)}%), and its keys and memory at the end`,
      ['master', 'holds', 'CPU µs per item', 'share of CPU', 'commands per item', 'keys', 'memory MiB'],
      masters.map((master, i) => [
        `${master.options.host ?? ''}:${String(master.options.port ?? '')}`,
        roles[i]!.join(', ') || '–',
        fmt((1e6 * cpu[i]!) / ITEMS, 0),
        `${fmt((100 * cpu[i]!) / Math.max(allCpu, 1e-9), 0)}%`,
        fmt((after[i]!.commands - before[i]!.commands) / ITEMS, 1),
        fmt(after[i]!.keys, 0),
        fmt(after[i]!.memoryBytes / 2 ** 20, 1),
      ]),
    );
  } finally {
    await app.close();
    connection.disconnect();
    await cluster.stop();
  }
}

async function readMaster(master: Redis): Promise<MasterReading> {
  const info = await master.info('all');
  const commands = [...info.matchAll(/^cmdstat_[^:]+:calls=(\d+)/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
  return {
    cpuSeconds: cpuSecondsOf(info),
    commands,
    keys: await master.dbsize(),
    memoryBytes: Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? 0),
  };
}

/** Which of the groups that matter most a master holds: the article store's slot (the claims) and the queues. */
async function rolesOf(master: Redis, prefix: string): Promise<string[]> {
  const keys = new StoreKeys(prefix, 'cluster');
  const held: [string, string][] = [
    ['article store (claims, LSH, indexes)', keys.stored()],
    ['process queue', `${queueKeyPrefix({ isCluster: true }, prefix, QUEUE.process)}:${QUEUE.process}:id`],
    ['publish queue', `${queueKeyPrefix({ isCluster: true }, prefix, QUEUE.publish)}:${QUEUE.publish}:id`],
  ];
  const roles: string[] = [];
  for (const [role, key] of held) {
    // A node counts the keys of a slot it serves, and none of one it does not.
    const slot = Number(await master.call('CLUSTER', 'KEYSLOT', key));
    if (Number(await master.call('CLUSTER', 'COUNTKEYSINSLOT', slot)) > 0) roles.push(role);
  }
  return roles;
}
