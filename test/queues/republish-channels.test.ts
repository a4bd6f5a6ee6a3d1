import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueuePublish } from '../../src/queues/enqueue.js';
import type { PublishPayload } from '../../src/queues/payloads.js';
import { QUEUE } from '../../src/queues/queue-names.js';
import { republishAndWait } from '../../src/queues/republish-channels.js';
import { connectTestRedis, deletePrefix, uniquePrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';

/** A promise and the function that resolves it. */
function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('republishAndWait against Redis', () => {
  const prefix = uniquePrefix('republish');
  let redis: Redis;
  let publish: Queue<PublishPayload>;

  beforeAll(() => {
    redis = connectTestRedis();
    publish = new Queue<PublishPayload>(QUEUE.publish, { connection: redis, prefix });
  });
  afterAll(async () => {
    await publish.close();
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('waits for the follow-up of a rebuild that was already running when it asked', async () => {
    const gates = [gate(), gate()];
    const started: string[] = [];
    const worker = new Worker<PublishPayload>(
      QUEUE.publish,
      async (job) => {
        const wait = gates[started.length];
        started.push(job.id ?? '');
        await wait?.promise;
      },
      { connection: redis.duplicate(), prefix, concurrency: 1 },
    );
    await enqueuePublish(publish, ['taian']);
    await waitFor(() => started.length === 1, { what: 'the first rebuild running' });
    let asked = false;
    let finished = false;
    const republished = republishAndWait(publish, redis, prefix, ['taian'], { start: () => (asked = true), settle: () => undefined });
    void republished.then(() => (finished = true));
    await waitFor(() => asked, { what: 'the request' });
    gates[0]?.open();
    await waitFor(() => started.length === 2, { what: 'the follow-up running' });
    // The running rebuild has finished, but it started before the request: not the one to wait for.
    expect(await publish.getJobState(started[0] ?? '')).toBe('completed');
    expect(finished).toBe(false);
    gates[1]?.open();
    expect(await republished).toEqual({ rebuilt: ['taian'], failed: [] });
    expect(await publish.getJobState(started[1] ?? '')).toBe('completed');
    await worker.close();
  });

  it('reports a rebuild that fails', async () => {
    const worker = new Worker<PublishPayload>(QUEUE.publish, () => Promise.reject(new Error('publish: disk full')), {
      connection: redis.duplicate(),
      prefix,
    });
    let failures = 0;
    worker.on('failed', () => failures++);
    /** A queue whose reads come only after the rebuild has failed: the race a fast failure makes. */
    class LateReadingQueue extends Queue<PublishPayload> {
      override async getJob(jobId: string) {
        await waitFor(() => failures > 0, { what: 'the rebuild failing' });
        return super.getJob(jobId);
      }
      override async getDeduplicationJobId(id: string) {
        await waitFor(() => failures > 0, { what: 'the rebuild failing' });
        return super.getDeduplicationJobId(id);
      }
    }
    const failing = new LateReadingQueue(QUEUE.publish, { connection: redis, prefix, defaultJobOptions: { attempts: 1 } });
    expect(await republishAndWait(failing, redis, prefix, ['feicheng'])).toEqual({
      rebuilt: [],
      failed: [{ channelId: 'feicheng', reason: 'publish: disk full' }],
    });
    await failing.close();
    await worker.close();
  });
});
