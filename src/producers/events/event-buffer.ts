import type { CountableEvent, RecordedEvents } from '../../store/reader-activity-repository.js';

/** How the buffer batches: how long an event may wait, the most one Redis call carries, and the most that may wait. */
export interface EventBufferSettings {
  flushEveryMs: number;
  maxBatch: number;
  maxPending: number;
}

export const DEFAULT_EVENT_BUFFER: EventBufferSettings = { flushEveryMs: 100, maxBatch: 5_000, maxPending: 100_000 };

/**
 * Gathers the reading events of many requests and counts them in Redis together, a batch every
 * `flushEveryMs` (or sooner when `maxBatch` wait): a request only checks its events and appends
 * them, and Redis does one grouped Lua call for thousands of events instead of a call per
 * request. When Redis falls behind and `maxPending` wait, `add` refuses (the route answers 503),
 * and a failed batch is kept for the next flush. A crash loses at most one interval of events.
 */
export class EventBuffer {
  private pending: CountableEvent[] = [];
  /** Events taken by a flush and not counted yet: they wait too. */
  private taken = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly record: (events: readonly CountableEvent[]) => Promise<RecordedEvents>,
    private readonly onRecorded: (recorded: RecordedEvents) => void,
    private readonly onError: (error: unknown) => void,
    private readonly settings: EventBufferSettings = DEFAULT_EVENT_BUFFER,
  ) {}

  /** Takes events to count; returns false, taking none, when too many wait already. */
  add(events: readonly CountableEvent[]): boolean {
    if (events.length === 0) return true;
    if (this.pending.length + this.taken + events.length > this.settings.maxPending) return false;
    this.pending.push(...events);
    if (this.pending.length >= this.settings.maxBatch) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.settings.flushEveryMs);
    return true;
  }

  /** Counts what waits now; resolves when it is counted (or has failed and waits again). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const taken = this.pending;
    this.pending = [];
    this.taken += taken.length;
    this.flushing = this.flushing.then(async () => {
      for (let start = 0; start < taken.length; start += this.settings.maxBatch) {
        const batch = taken.slice(start, start + this.settings.maxBatch);
        try {
          this.onRecorded(await this.record(batch));
          this.taken -= batch.length;
        } catch (error) {
          this.taken -= taken.length - start;
          this.requeue(taken.slice(start));
          this.onError(error);
          return;
        }
      }
    });
    return this.flushing;
  }

  /** Counts what still waits; called when the server stops. */
  async close(): Promise<void> {
    await this.flush();
    clearTimeout(this.timer);
  }

  private requeue(events: readonly CountableEvent[]): void {
    this.pending = [...events, ...this.pending].slice(0, this.settings.maxPending);
    this.timer ??= setTimeout(() => void this.flush(), this.settings.flushEveryMs);
  }
}
