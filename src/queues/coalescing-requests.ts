/** Asks the queue for the rebuild of these channels (deduplicated jobs: see enqueue.ts). */
export type EnqueueChannels = (channelIds: ReadonlySet<string>) => Promise<unknown>;

/**
 * Gathers the channels that changed in this process and asks for their rebuild at most once
 * per `windowMs`, instead of one request per stored item or batch of reading events: at 1,000
 * items/s and a 250 ms window that is a few queue writes a second rather than 3,000, and each
 * feed is rebuilt at most about four times a second however fast items arrive. BullMQ
 * deduplication then coalesces across processes. A crash loses at most one window of requests;
 * every start of the scheduler role republishes all channels, and `close()` flushes what is pending.
 */
export class CoalescingRequests {
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly enqueue: EnqueueChannels,
    private readonly windowMs = 50,
    private readonly onError: (error: unknown) => void = () => {
      // Unless told where to report it, a failed request is only retried with the next window.
    },
  ) {}

  /** Notes that these channels changed; their rebuild is requested within one window. */
  request(channelIds: Iterable<string>): void {
    for (const id of channelIds) this.pending.add(id);
    if (!this.closed) this.timer ??= setTimeout(() => void this.flush(), this.windowMs);
  }

  /** Requests the rebuild of every pending channel now. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = new Set();
    if (batch.size === 0) return this.flushing;
    this.flushing = this.flushing.then(() =>
      this.enqueue(batch).then(
        () => undefined,
        (error: unknown) => {
          batch.forEach((id) => this.pending.add(id)); // try again with the next window
          if (!this.closed) this.timer ??= setTimeout(() => void this.flush(), this.windowMs);
          this.onError(error);
        },
      ),
    );
    return this.flushing;
  }

  /** Flushes once more and stops retrying; what cannot be requested then is republished on the next start. */
  async close(timeoutMs = 5_000): Promise<void> {
    this.closed = true;
    let timer: NodeJS.Timeout | undefined;
    // With Redis gone the last flush would wait for it forever; a shutdown must not.
    await Promise.race([this.flush(), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    clearTimeout(this.timer);
  }
}
