import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE, type QueueName } from './queue-names.js';
import type { FetchPayload, ProcessPayload, PublishPayload } from './payloads.js';

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

/** Opens the queues of the flow under `prefix` (BullMQ's key prefix; use `{name}` for Redis Cluster). */
export function openQueues(connection: Redis, prefix: string): QueueSet {
  const open = <T>(name: QueueName) => new Queue<T>(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
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
