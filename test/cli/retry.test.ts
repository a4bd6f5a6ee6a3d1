import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE } from '../../src/queues/queue-names.js';
import { waitFor } from '../support/wait-for.js';
import { runCli, useTestRedis } from './cli-harness.js';

describe('syndicator retry against Redis', () => {
  const { prefix, config, redis } = useTestRedis('cli-retry');
  let fetch: Queue;

  /** Adds jobs to `fetch` and lets a worker fail each one for good; returns their ids. */
  async function failJobs(count: number): Promise<string[]> {
    const jobs = await fetch.addBulk(
      Array.from({ length: count }, (_, i) => ({ name: 'poll-source', data: { sourceId: `s${i}` }, opts: { attempts: 1 } })),
    );
    const worker = new Worker(
      QUEUE.fetch,
      () => Promise.reject(new UnrecoverableError('fetch: http://user:secret@feeds.example/rss: 503')),
      { connection: redis().duplicate(), prefix },
    );
    await waitFor(async () => (await Promise.all(jobs.map((job) => job.getState()))).every((state) => state === 'failed'));
    await worker.close();
    return jobs.map((job) => job.id ?? '');
  }

  beforeAll(() => {
    fetch = new Queue(QUEUE.fetch, { connection: redis(), prefix });
  });
  afterAll(() => fetch.close());

  it('moves a failed job back to waiting and says so, without the credentials in its error', async () => {
    const [id = ''] = await failJobs(1);
    const run = await runCli(['retry', 'fetch', id], config);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`retried fetch job ${id} (poll-source), which had failed: fetch: http://***@feeds.example/rss: 503\n`);
    expect(await fetch.getJobState(id)).toBe('waiting');
    await fetch.drain();
  });

  it('says which job ids are unknown or not failed, exits 1, and still retries the others', async () => {
    const [failed = ''] = await failJobs(1);
    const waiting = (await fetch.add('poll-source', { sourceId: 'w' })).id ?? '';
    const run = await runCli(['retry', 'fetch', '999999', waiting, failed], config);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`fetch has no job 999999: not retried\nfetch job ${waiting} is waiting, not failed: not retried\n`);
    expect(run.stdout).toMatch(new RegExp(`^retried fetch job ${failed} `));
    expect(await fetch.getJobState(failed)).toBe('waiting');
    await fetch.drain();
  });

  it('retries every failed job with --all-failed', async () => {
    const ids = await failJobs(3);
    const run = await runCli(['retry', 'fetch', '--all-failed', '--json'], config);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ queue: 'fetch', retried: 3 });
    expect(await Promise.all(ids.map((id) => fetch.getJobState(id)))).toEqual(['waiting', 'waiting', 'waiting']);
    expect((await runCli(['retry', 'fetch', '--all-failed'], config)).stdout).toBe('no failed jobs in fetch\n');
  });
});
