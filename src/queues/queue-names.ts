/** The three queues of the flow (DESIGN.md): one poll, one item, one channel rebuild. */
export const QUEUE = {
  fetch: 'fetch',
  process: 'process',
  publish: 'publish',
} as const;

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];
export const QUEUE_NAMES: QueueName[] = Object.values(QUEUE);

/** Job names, one per kind of work a queue carries. */
export const JOB = {
  pollSource: 'poll-source',
  fetchPage: 'fetch-page',
  /** Fetch the page a fullText source's entry links to, fill the entry from it, queue it for `process`. */
  fetchFullText: 'fetch-full-text',
  processItem: 'process-item',
  rebuildChannel: 'rebuild-channel',
  /** Recompute one channel's recommendation lists (hot, picks, channel picks) and render their feeds. */
  rebuildLists: 'rebuild-lists',
  /** Delete the articles past the retention time, and what pointed at them; publish the channels that lost some. */
  applyRetention: 'apply-retention',
} as const;
