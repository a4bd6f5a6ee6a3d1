import type { Queue } from 'bullmq';
import { channelsWithAll, type Channel } from '../domain/channel.js';
import { feedId } from '../domain/feed-id.js';
import { maskCredentials } from '../domain/mask-credentials.js';
import type { ArticleRepository } from '../store/article-repository.js';
import type { SourceStateRepository } from '../store/source-state-repository.js';
import { oldestWaitingSeconds } from './queue-status.js';
import { readSourceStatuses, type SourceList, type SourceStatus } from './source-status.js';

/** What the status page shows: the sources, the channels, the queues and the latest failures. */
export interface StatusReport {
  at: number;
  sources: (SourceStatus & { itemsLastDay: number })[];
  channels: ChannelHealth[];
  queues: QueueHealth[];
  failures: FailedJob[];
}

export interface ChannelHealth {
  id: string;
  name: string;
  /** When its newest article was published (ms), if it has any. */
  newestMs: number | undefined;
  itemsLastDay: number;
  staleAfterMs: number;
  stale: boolean;
}

export interface QueueHealth {
  name: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  oldestWaitingSeconds: number;
}

export interface FailedJob {
  queue: string;
  id: string;
  name: string;
  /** The source or channel the job was for. */
  subject: string;
  reason: string;
  failedAt: number | undefined;
  attempts: number;
}

export interface StatusReportDeps {
  sources: SourceList;
  channels: readonly Channel[];
  sourceStates: SourceStateRepository;
  articles: Pick<ArticleRepository, 'feedActivity'>;
  queues: readonly Queue[];
}

const DAY_MS = 86_400_000;
/** Failed jobs listed, newest first, over all queues. */
const FAILURES_SHOWN = 15;

/** Reads everything the status page shows, in a few round trips. */
export async function readStatusReport(deps: StatusReportDeps, now = Date.now()): Promise<StatusReport> {
  const since = now - DAY_MS;
  const channels = channelsWithAll(deps.channels);
  const sources = await deps.sources.list();
  const [statuses, sourceActivity, channelActivity, queues, failures] = await Promise.all([
    readSourceStatuses(sources, deps.sourceStates),
    deps.articles.feedActivity(
      sources.map(({ source }) => feedId.source(source.id)),
      since,
    ),
    deps.articles.feedActivity(
      channels.map((channel) => feedId.channel(channel.id)),
      since,
    ),
    Promise.all(deps.queues.map((queue) => queueHealth(queue, now))),
    latestFailures(deps.queues),
  ]);
  return {
    at: now,
    sources: statuses.map((status, i) => ({ ...status, itemsLastDay: sourceActivity[i]?.since ?? 0 })),
    channels: channels.map((channel, i) => {
      const activity = channelActivity[i];
      const newestMs = activity?.newestMs;
      return {
        id: channel.id,
        name: channel.name,
        newestMs,
        itemsLastDay: activity?.since ?? 0,
        staleAfterMs: channel.staleAfterMs,
        stale: newestMs === undefined || now - newestMs > channel.staleAfterMs,
      };
    }),
    queues,
    failures,
  };
}

async function queueHealth(queue: Queue, now: number): Promise<QueueHealth> {
  const [counts, oldest] = await Promise.all([
    queue.getJobCounts('waiting', 'active', 'delayed', 'failed'),
    oldestWaitingSeconds(queue, now),
  ]);
  return {
    name: queue.name,
    waiting: counts.waiting ?? 0,
    active: counts.active ?? 0,
    delayed: counts.delayed ?? 0,
    failed: counts.failed ?? 0,
    oldestWaitingSeconds: oldest,
  };
}

async function latestFailures(queues: readonly Queue[]): Promise<FailedJob[]> {
  const perQueue = await Promise.all(
    queues.map(async (queue) =>
      (await queue.getFailed(0, FAILURES_SHOWN - 1)).map((job): FailedJob => ({
        queue: queue.name,
        id: job.id ?? '',
        name: job.name,
        subject: subjectOf(job.data),
        reason: maskCredentials(job.failedReason || 'failed'),
        failedAt: job.finishedOn,
        attempts: job.attemptsMade,
      })),
    ),
  );
  return perQueue
    .flat()
    .sort((a, b) => (b.failedAt ?? 0) - (a.failedAt ?? 0))
    .slice(0, FAILURES_SHOWN);
}

/** The source or channel a job's data names, or its item's URL. */
function subjectOf(data: unknown): string {
  if (typeof data !== 'object' || data === null) return '';
  const fields = data as { sourceId?: unknown; channelId?: unknown; source?: { id?: unknown }; item?: { url?: unknown } };
  const subject = fields.sourceId ?? fields.channelId ?? fields.source?.id;
  const url = typeof fields.item?.url === 'string' ? ` ${maskCredentials(fields.item.url)}` : '';
  return `${typeof subject === 'string' ? subject : ''}${url}`.trim();
}
