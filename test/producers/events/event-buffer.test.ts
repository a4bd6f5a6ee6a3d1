import { describe, expect, it } from 'vitest';
import { EventBuffer } from '../../../src/producers/events/event-buffer.js';
import type { CountableEvent, RecordedEvents } from '../../../src/store/reader-activity-repository.js';

const event = (i: number): CountableEvent => ({ articleId: `a${i}`, readerId: `r${i}`, at: i, channels: ['all'] });
const nothing: RecordedEvents = { counted: 0, floods: 0, repeats: 0, changedChannels: new Set() };

describe('EventBuffer', () => {
  it('counts the events of many requests in one batch', async () => {
    const batches: number[] = [];
    const buffer = new EventBuffer(
      (events) => (batches.push(events.length), Promise.resolve(nothing)),
      () => undefined,
      () => undefined,
      { flushEveryMs: 10_000, maxBatch: 1000, maxPending: 10_000 },
    );
    for (let request = 0; request < 20; request++) expect(buffer.add([event(request), event(request + 100)])).toBe(true);
    await buffer.close();
    expect(batches).toEqual([40]);
  });

  it('flushes a full batch at once, and refuses events past the most that may wait', async () => {
    const batches: number[] = [];
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const buffer = new EventBuffer(
      async (events) => (batches.push(events.length), await blocked, nothing),
      () => undefined,
      () => undefined,
      { flushEveryMs: 10_000, maxBatch: 3, maxPending: 8 },
    );
    expect(buffer.add([event(1), event(2), event(3)])).toBe(true);
    // Three are being counted (Redis is slow), five more wait: the ninth is one too many.
    expect(buffer.add([event(4), event(5), event(6), event(7), event(8)])).toBe(true);
    expect(buffer.add([event(9)])).toBe(false);
    release();
    await buffer.close();
    expect(batches).toEqual([3, 3, 2]);
  });

  it('keeps a batch that failed for the next flush, and reports the failure', async () => {
    const errors: unknown[] = [];
    const counted: number[] = [];
    let fail = true;
    const buffer = new EventBuffer(
      (events) => {
        if (fail) return Promise.reject(new Error('Redis is down'));
        counted.push(events.length);
        return Promise.resolve({ ...nothing, counted: events.length, changedChannels: new Set(['all']) });
      },
      (recorded) => counted.push(-recorded.counted),
      (error) => errors.push(error),
      { flushEveryMs: 10_000, maxBatch: 100, maxPending: 100 },
    );
    buffer.add([event(1), event(2)]);
    await buffer.flush();
    expect(errors).toHaveLength(1);
    fail = false;
    await buffer.close();
    expect(counted).toEqual([2, -2]);
  });
});
