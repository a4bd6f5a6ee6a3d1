import { Queue } from 'bullmq';
import { pino } from 'pino';
import { startRoles, type RunningApp } from '../../src/app/start-roles.js';
import { parseConfig, type Config } from '../../src/config/load-config.js';
import { connectTestRedis, testRedisUrl } from './redis.js';

/** An app of worker processes and the scheduler (no server) on the test Redis, with the config a CLI run in the test uses. */
export interface WorkerApp {
  config: Readonly<Config>;
  fetchQueue: Queue;
  close(): Promise<void>;
}

/**
 * Starts the fetch, process and publish workers and the scheduler of the config in `yaml`
 * (logs silent) under `prefix`, as the process a command-line change is to reach.
 */
export async function startWorkerApp(yaml: string, configPath: string, prefix: string): Promise<WorkerApp> {
  const parsed = parseConfig(yaml, configPath, { port: 0, log: { level: 'silent', pretty: false } });
  const config = { ...parsed, redis: { url: testRedisUrl(), prefix } };
  const app: RunningApp = await startRoles(
    config,
    { workers: ['fetch', 'process', 'publish'], scheduler: true, server: false },
    testRedisUrl(),
    pino({ level: 'silent' }),
  );
  const connection = connectTestRedis();
  const fetchQueue = new Queue('fetch', { connection, prefix });
  return {
    config,
    fetchQueue,
    close: async () => {
      await app.close();
      await fetchQueue.close();
      await connection.quit();
    },
  };
}
