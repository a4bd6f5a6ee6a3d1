import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE, type QueueName } from './queue-names.js';
import type { FetchPayload, ProcessPayload, PublishPayload } from './payloads.js';
import { queueKeyPrefix } from './redis-connection.js';

/** The three queues of the flow, on one connection and one key prefix. */
export interface QueueSet {
  fetch: Queue<FetchPayload>;
  process: Queue<ProcessPayload>;
  publish: Queue<PublishPayload>;
  all: Queue[];
  close(): Promise<void>;
}

/** Retry with backoff and bounded history; the defaults every job of the flow starts from. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 4,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { count: 1_000, age: 24 * 3600 },
  removeOnFail: { count: 5_000, age: 7 * 24 * 3600 },
};

/**
 * How workers hold jobs and take back those of a worker that died. A running job's lock is
 * renewed every 5 s and lasts 10 s; every 5 s each worker looks for jobs whose lock ran out. So
 * the jobs of a killed worker run again within about 15 s (BullMQ's defaults: 30–60 s), and a
 * job may be caught by three crashes before it fails (BullMQ's default is one: two crashes lost
 * the item though it had attempts left). Jobs are short (a fetch is bounded by its total timeout,
 * renewed meanwhile; an item takes milliseconds), so 10 s of silence means a dead worker.
 */
export const WORKER_LOCKS = { lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 3 } as const;

/** Opens the queues of the flow under `prefix` (BullMQ's key prefix; hash-tagged per queue on Redis Cluster). */
export function openQueues(connection: Redis, prefix: string): QueueSet {
  const open = <T>(name: QueueName) =>
    new Queue<T>(name, { connection, prefix: queueKeyPrefix(connection, prefix, name), defaultJobOptions: DEFAULT_JOB_OPTIONS });
  const fetch = open<FetchPayload>(QUEUE.fetch);
  const process = open<ProcessPayload>(QUEUE.process);
  const publish = open<PublishPayload>(QUEUE.publish);
  const all = [fetch, process, publish] as Queue[];
  return {
    fetch,
    process,
    publish,
    all,
    close: async () => {
      await Promise.all(all.map((queue) => queue.close()));
    },
  };
}
