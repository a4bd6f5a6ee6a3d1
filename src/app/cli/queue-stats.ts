import type { Queue } from 'bullmq';
import { oldestWaitingSeconds } from '../../ops/queue-status.js';

/** The job counts `syndicator status` shows, per queue. */
const COUNTED = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/** One queue as `syndicator status` shows it. */
export interface QueueStats {
  name: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  /** Completed jobs still kept (BullMQ trims them: see DEFAULT_JOB_OPTIONS), not all ever done. */
  completed: number;
  oldestWaitingSeconds: number;
  /** Jobs completed per second since the previous refresh (status --watch, from the second refresh on). */
  completedPerSecond?: number | undefined;
}

/** Returns the job counts of each queue and the age of its oldest waiting job at `now`. */
export async function readQueueStats(queues: readonly Queue[], now: number): Promise<QueueStats[]> {
  return Promise.all(
    queues.map(async (queue) => {
      const [counts, oldest] = await Promise.all([queue.getJobCounts(...COUNTED), oldestWaitingSeconds(queue, now)]);
      const count = (state: (typeof COUNTED)[number]) => counts[state] ?? 0;
      return {
        name: queue.name,
        waiting: count('waiting'),
        active: count('active'),
        delayed: count('delayed'),
        failed: count('failed'),
        completed: count('completed'),
        oldestWaitingSeconds: Math.round(oldest),
      };
    }),
  );
}

/** The header and rows of a status table; the rate column only when `withRate`. */
export function queueTable(stats: readonly QueueStats[], withRate: boolean): { header: string[]; rows: string[][] } {
  const header = ['queue', 'waiting', 'active', 'delayed', 'failed', 'completed', 'oldest waiting', ...(withRate ? ['done/s'] : [])];
  const rows = stats.map((queue) => [
    queue.name,
    String(queue.waiting),
    String(queue.active),
    String(queue.delayed),
    String(queue.failed),
    String(queue.completed),
    queue.waiting > 0 ? formatAge(queue.oldestWaitingSeconds) : '-',
    ...(withRate ? [formatRate(queue.completedPerSecond)] : []),
  ]);
  return { header, rows };
}

/** `-` before a rate is known, else jobs per second with two decimals. */
export function formatRate(perSecond: number | undefined): string {
  return perSecond === undefined ? '-' : perSecond.toFixed(2);
}

/** An age as an operator reads it: `45s`, `12m05s`, `3h02m`, `2d04h`. */
function formatAge(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${pad(s % 60)}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h${pad(Math.floor(s / 60) % 60)}m`;
  return `${Math.floor(s / 86_400)}d${pad(Math.floor(s / 3600) % 24)}h`;
}
