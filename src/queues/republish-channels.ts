import { QueueEvents, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { enqueuePublish, publishDeduplicationId } from './enqueue.js';
import type { JobProgress } from './job-progress.js';
import type { PublishPayload } from './payloads.js';
import { QUEUE } from './queue-names.js';
import { queueKeyPrefix } from './redis-connection.js';

/** What a republish did: the channels rebuilt, and those whose rebuild failed, with why. */
export interface RepublishReport {
  rebuilt: string[];
  failed: { channelId: string; reason: string }[];
}

/**
 * Asks for a rebuild of each channel's feeds (enqueuePublish) and waits until a rebuild that
 * started after the request has finished for every one of them (`progress` is told of each).
 */
export async function republishAndWait(
  publishQueue: Queue<PublishPayload>,
  connection: Redis,
  prefix: string,
  channelIds: readonly string[],
  progress?: JobProgress<'rebuilt' | 'failed'>,
): Promise<RepublishReport> {
  const report: RepublishReport = { rebuilt: [], failed: [] };
  const eventsConnection = connection.duplicate();
  const events = new QueueEvents(QUEUE.publish, {
    connection: eventsConnection,
    prefix: queueKeyPrefix(connection, prefix, QUEUE.publish),
  });
  try {
    await events.waitUntilReady();
    const requested = await enqueuePublish(publishQueue, channelIds);
    progress?.start(channelIds.length);
    await Promise.all(
      channelIds.map(async (channelId) => {
        try {
          await waitForRebuild(publishQueue, events, channelId, requested.get(channelId));
          report.rebuilt.push(channelId);
          progress?.settle('rebuilt');
        } catch (error) {
          report.failed.push({ channelId, reason: (error as Error).message });
          progress?.settle('failed');
        }
      }),
    );
  } finally {
    await events.close();
    await eventsConnection.quit();
  }
  return report;
}

/**
 * Waits for the rebuild that serves a request just made. enqueuePublish deduplicates by channel
 * (keepLastIfActive): the request joined the job it answered with if that one had not started,
 * else BullMQ keeps it as a follow-up that takes the deduplication key when the running one
 * ends. So: wait for the job the request answered with (a job that has already finished, even
 * failed, is read from its state, never from a key that is gone); if it was running, wait for
 * the follow-up the key names next. No key then means the follow-up has already finished.
 */
async function waitForRebuild(
  queue: Queue<PublishPayload>,
  events: QueueEvents,
  channelId: string,
  requestedJobId: string | undefined,
): Promise<void> {
  let jobId = requestedJobId;
  let finished: string | undefined;
  for (let round = 0; round < 2; round++) {
    if (!jobId || jobId === finished) return;
    const job = await queue.getJob(jobId);
    if (!job) return;
    const wasRunning = (await job.getState()) === 'active';
    await job.waitUntilFinished(events);
    if (!wasRunning) return;
    finished = jobId;
    jobId = (await queue.getDeduplicationJobId(publishDeduplicationId(channelId))) ?? undefined;
  }
}
