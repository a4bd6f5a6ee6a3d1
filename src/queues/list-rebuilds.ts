import type { Queue } from 'bullmq';
import { JOB } from './queue-names.js';
import type { PublishPayload } from './payloads.js';

/** How often one channel's lists are recomputed at most, however many events arrive: their counts are hourly anyway. */
export const LIST_REBUILD_INTERVAL_MS = 5_000;

/**
 * Asks for the recomputation of channels' lists when reading events changed their counts: at
 * most once per channel per interval from this process (a Map lookup, not a queue write, per
 * batch), and across processes at most once per interval (BullMQ deduplication with a TTL).
 */
export class ListRebuildRequests {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly queue: Queue<PublishPayload>,
    private readonly onError: (error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Notes that these channels' counts changed; the rebuild is requested unless one was just requested. */
  request(channelIds: Iterable<string>): void {
    const now = this.now();
    for (const channelId of new Set(channelIds)) {
      if ((this.last.get(channelId) ?? -Infinity) > now - LIST_REBUILD_INTERVAL_MS) continue;
      this.last.set(channelId, now);
      this.queue
        .add(JOB.rebuildLists, { channelId }, { deduplication: { id: `lists:${channelId}`, ttl: LIST_REBUILD_INTERVAL_MS } })
        .catch(this.onError);
    }
  }
}
