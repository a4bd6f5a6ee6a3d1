import type { Queue } from 'bullmq';

/**
 * How many items wait in `process`, and whether that is past the configured limit: past it,
 * polls wait and pushes are refused, so that a burst of input grows the queue only so far
 * (Redis runs with `noeviction`, and a full Redis refuses BullMQ's writes too). The count is
 * read at most every `refreshMs` and shared by every caller meanwhile, so intake costs no
 * extra Redis round trip per request.
 */
export class ProcessBacklog {
  private counted: { at: number; depth: Promise<number> } | undefined;

  constructor(
    private readonly queue: Pick<Queue, 'getWaitingCount'>,
    readonly limit: number,
    private readonly refreshMs = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The number of waiting items, as counted within the last `refreshMs`. */
  depth(): Promise<number> {
    const at = this.now();
    if (!this.counted || at - this.counted.at >= this.refreshMs) {
      const depth = this.queue.getWaitingCount();
      // A failed count is not kept: the next call counts again.
      depth.catch(() => (this.counted = undefined));
      this.counted = { at, depth };
    }
    return this.counted.depth;
  }

  /** Whether the backlog has reached its limit. */
  async full(): Promise<boolean> {
    return (await this.depth()) >= this.limit;
  }
}
