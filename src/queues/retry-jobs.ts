import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/** What became of one job asked to be retried. */
export type JobRetry =
  | { id: string; outcome: 'retried'; name: string; failedReason: string }
  | { id: string; outcome: 'not-found' }
  | { id: string; outcome: 'not-failed'; state: string };

/**
 * Moves every job of the queue (on `connection`) that had failed by now back to waiting (BullMQ
 * `retryJobs`, in batches) and returns how many it moved. Jobs that fail meanwhile are left.
 */
export async function retryAllFailed(queue: Queue, connection: Redis): Promise<number> {
  const now = Date.now();
  // The failed set is scored by the time each job failed; retryJobs moves those up to `timestamp`.
  const count = await connection.zcount(queue.toKey('failed'), 0, now);
  await queue.retryJobs({ state: 'failed', timestamp: now });
  return count;
}

/** Retries the named failed jobs of a queue (BullMQ `Job.retry`); says of each one whether it was retried, unknown, or not failed. */
export async function retryJobsById(queue: Queue, ids: readonly string[]): Promise<JobRetry[]> {
  const results: JobRetry[] = [];
  for (const id of ids) {
    const job = await queue.getJob(id);
    if (!job) {
      results.push({ id, outcome: 'not-found' });
      continue;
    }
    const state = await job.getState();
    if (state !== 'failed') {
      results.push({ id, outcome: 'not-failed', state });
      continue;
    }
    // Read before retry(), which clears it.
    const failedReason = job.failedReason;
    await job.retry('failed');
    results.push({ id, outcome: 'retried', name: job.name, failedReason });
  }
  return results;
}
