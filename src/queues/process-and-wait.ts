import { QueueEvents, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Verdict } from '../domain/verdict.js';
import { enqueueItems } from './enqueue.js';
import type { JobProgress } from './job-progress.js';
import type { ProcessPayload } from './payloads.js';
import { QUEUE } from './queue-names.js';
import { queueKeyPrefix } from './redis-connection.js';
import { DEFAULT_JOB_OPTIONS } from './queue-set.js';

/** What came of one awaited item: the store's verdict, or `failed`. */
export type ItemOutcome = Verdict['kind'] | 'failed';

/** Items per outcome. */
export type VerdictTally = Record<ItemOutcome, number>;

/** A tally with nothing counted yet. */
export function emptyTally(): VerdictTally {
  return { created: 0, updated: 0, unchanged: 0, duplicate: 0, failed: 0 };
}

/** What came of items queued and awaited: how many were queued, the tally, and a message per failed item. */
export interface AwaitedItems {
  queued: number;
  verdicts: VerdictTally;
  errors: string[];
}

/**
 * Queues items on `process`, like any fetched item, waits until each has been processed (by
 * this process's workers or any other) and returns the tally of their verdicts, so that a
 * report built from it is final.
 */
export async function processItemsAndWait(
  processQueue: Queue<ProcessPayload>,
  connection: Redis,
  prefix: string,
  payloads: readonly ProcessPayload[],
  progress?: JobProgress<ItemOutcome>,
): Promise<AwaitedItems> {
  const result: AwaitedItems = { queued: 0, verdicts: emptyTally(), errors: [] };
  const settle = (outcome: ItemOutcome) => {
    result.verdicts[outcome]++;
    progress?.settle(outcome);
  };
  // QueueEvents blocks on its connection, so it gets its own; BullMQ leaves a given connection open.
  const eventsConnection = connection.duplicate();
  const events = new QueueEvents(QUEUE.process, {
    connection: eventsConnection,
    prefix: queueKeyPrefix(connection, prefix, QUEUE.process),
  });
  try {
    await events.waitUntilReady();
    // Kept for an hour whatever their number, so that every result can still be read below.
    const jobIds = await enqueueItems(processQueue, [...payloads], {
      ...DEFAULT_JOB_OPTIONS,
      removeOnComplete: { age: 3600 },
      removeOnFail: { age: 3600 },
    });
    result.queued = jobIds.length;
    progress?.start(jobIds.length);
    const jobs = await Promise.all(jobIds.map((id) => processQueue.getJob(id)));
    // addBulk returns one job per payload, in order.
    await Promise.all(
      payloads.map(async ({ item }, index) => {
        try {
          const job = jobs[index];
          if (!job) throw new Error('the job was removed before its result was read');
          settle(((await job.waitUntilFinished(events)) as Verdict).kind);
        } catch (error) {
          settle('failed');
          result.errors.push(`item ${index + 1} (${item.url ?? item.title}): ${(error as Error).message}`);
        }
      }),
    );
  } finally {
    await events.close();
    await eventsConnection.quit();
  }
  return result;
}
