import type { JobsOptions, Queue } from 'bullmq';
import type { RawItem } from '../domain/raw-item.js';
import type { Source } from '../domain/source.js';
import { JOB } from './queue-names.js';
import type { FetchPayload, ProcessPayload, PublishPayload } from './payloads.js';
import { feedId } from '../domain/feed-id.js';
import { ALL_CHANNEL_ID } from '../domain/channel.js';

/**
 * The job scheduler id of a source's polling: named as the source's feed is (`source:<id>`),
 * the name every deployment's schedulers already carry in Redis, so it must not change.
 */
export const sourceSchedulerId = (sourceId: string): string => feedId.source(sourceId);

/**
 * Makes the fetch queue poll each source at its interval (a BullMQ job scheduler per source,
 * first run now), and removes the schedulers of sources that are no longer configured.
 */
export async function scheduleSources(fetchQueue: Queue<FetchPayload>, sources: readonly Source[]): Promise<void> {
  const wanted = new Set(sources.map((source) => sourceSchedulerId(source.id)));
  for (const scheduler of await fetchQueue.getJobSchedulers()) {
    if (!wanted.has(scheduler.key)) await fetchQueue.removeJobScheduler(scheduler.key);
  }
  for (const source of sources) await scheduleSource(fetchQueue, source);
}

/** Makes the fetch queue poll one source at its interval (first run now), or at its new interval when it had a scheduler. */
export async function scheduleSource(fetchQueue: Queue<FetchPayload>, source: Source): Promise<void> {
  await fetchQueue.upsertJobScheduler(
    sourceSchedulerId(source.id),
    { every: source.intervalMs },
    // One attempt: a failing source is backed off by its own poll policy, not by BullMQ retries.
    { name: JOB.pollSource, data: { sourceId: source.id }, opts: { attempts: 1 } },
  );
}

/** Stops polling a source (its scheduler and the poll it had planned next); true when it had a scheduler. */
export async function unscheduleSource(fetchQueue: Queue<FetchPayload>, sourceId: string): Promise<boolean> {
  return fetchQueue.removeJobScheduler(sourceSchedulerId(sourceId));
}

/** Queues a poll of a source that is made now, whatever its backoff (one attempt, as scheduled polls); returns the job id. */
export async function enqueuePollNow(fetchQueue: Queue<FetchPayload>, sourceId: string): Promise<string> {
  const job = await fetchQueue.add(JOB.pollSource, { sourceId, pollNow: true }, { attempts: 1 });
  return job.id ?? '';
}

/** The job scheduler id of the store's retention. */
export const RETENTION_SCHEDULER_ID = 'retention';

/** Runs the store's retention on the publish queue every `everyMs` (first run now); one scheduler however many processes ask. */
export async function scheduleRetention(publishQueue: Queue<PublishPayload>, everyMs: number): Promise<void> {
  await publishQueue.upsertJobScheduler(
    RETENTION_SCHEDULER_ID,
    { every: everyMs },
    { name: JOB.applyRetention, data: { channelId: ALL_CHANNEL_ID }, opts: { attempts: 1 } },
  );
}

/** Queues one fetch of a page that a list source linked to. */
export async function enqueuePageFetch(fetchQueue: Queue<FetchPayload>, sourceId: string, pageUrl: string): Promise<void> {
  await fetchQueue.add(JOB.fetchPage, { sourceId, pageUrl });
}

/** Queues one fetch of the page a fullText source's entry links to, with the entry the page fills. */
export async function enqueueFullTextFetch(
  fetchQueue: Queue<FetchPayload>,
  sourceId: string,
  item: RawItem & { url: string },
): Promise<void> {
  // One attempt: a page that cannot be read leaves the entry as the feed gave it, and is tried again at a later poll.
  // Deduplicated while it waits or runs: a poll that comes before it is done does not queue it again.
  const deduplication = { id: `full-text:${sourceId}:${item.url}` };
  await fetchQueue.add(JOB.fetchFullText, { sourceId, pageUrl: item.url, item }, { attempts: 1, deduplication });
}

/** Queues items for processing, one job each; returns the job ids in order. */
export async function enqueueItems(processQueue: Queue<ProcessPayload>, payloads: ProcessPayload[], opts?: JobsOptions): Promise<string[]> {
  if (payloads.length === 0) return [];
  const jobs = await processQueue.addBulk(payloads.map((data) => ({ name: JOB.processItem, data, ...(opts ? { opts } : {}) })));
  return jobs.map((job) => job.id ?? '');
}

/** The deduplication id of a channel's feed rebuilds: one waiting (and one running) per channel. */
export function publishDeduplicationId(channelId: string): string {
  return feedId.channel(channelId);
}

/**
 * Asks for a rebuild of each channel's feeds. Coalesced by BullMQ deduplication: while a
 * rebuild of a channel waits, further requests join it; while one runs, one follow-up is kept,
 * so a burst of 1,000 items makes at most two rebuilds and the last one sees every item.
 * Answers, per channel, the id of the job the request joined or made (the running one when
 * the request was kept as its follow-up).
 */
export async function enqueuePublish(
  publishQueue: Queue<PublishPayload>,
  channelIds: Iterable<string>,
): Promise<Map<string, string | undefined>> {
  const unique = [...new Set(channelIds)];
  const jobs = await Promise.all(
    unique.map((channelId) =>
      publishQueue.add(
        JOB.rebuildChannel,
        { channelId },
        { deduplication: { id: publishDeduplicationId(channelId), keepLastIfActive: true } },
      ),
    ),
  );
  return new Map(unique.map((channelId, index) => [channelId, jobs[index]?.id]));
}

/** How long a request to recompute a channel's lists waits, gathering the requests that follow it: counts are hourly anyway. */
export const LIST_REBUILD_DELAY_MS = 2_000;

/**
 * Asks for the recomputation of channels' recommendation lists: one delayed job per channel,
 * deduplicated while it waits, so a channel's lists are recomputed at most about once per delay
 * however many reading events arrive, and always after the change that asked (a request while
 * the job runs keeps one more to run after it).
 */
export async function enqueueListRebuilds(publishQueue: Queue<PublishPayload>, channelIds: Iterable<string>): Promise<void> {
  await Promise.all(
    [...new Set(channelIds)].map((channelId) =>
      publishQueue.add(
        JOB.rebuildLists,
        { channelId },
        { delay: LIST_REBUILD_DELAY_MS, deduplication: { id: `lists:${channelId}`, keepLastIfActive: true } },
      ),
    ),
  );
}
