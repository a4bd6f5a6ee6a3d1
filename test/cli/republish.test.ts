import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishPayload } from '../../src/queues/payloads.js';
import { QUEUE } from '../../src/queues/queue-names.js';
import { RenderedFeedRepository } from '../../src/store/rendered-feed-repository.js';
import { runCli, useTestRedis } from './cli-harness.js';

describe('syndicator republish against Redis', () => {
  const { prefix, config, redis } = useTestRedis('cli-republish');
  let publish: Queue<PublishPayload>;

  beforeAll(() => {
    publish = new Queue<PublishPayload>(QUEUE.publish, { connection: redis(), prefix });
  });
  afterAll(() => publish.close());

  /** The channels whose rebuild has completed, in the order they finished. */
  async function rebuiltChannels(): Promise<string[]> {
    const jobs = await publish.getCompleted(0, -1);
    return jobs.filter((job) => job.name === 'rebuild-channel').map((job) => job.data.channelId);
  }

  it('returns once the named channels are rebuilt', async () => {
    const run = await runCli(['republish', 'xintai', 'ningyang'], config);
    expect(run).toEqual({ code: 0, stdout: 'republished 2 channels: 2 rebuilt, 0 failed\n', stderr: '' });
    expect((await rebuiltChannels()).sort()).toEqual(['ningyang', 'xintai']);
    expect(await publish.getJobCounts('waiting', 'active', 'failed')).toEqual({ waiting: 0, active: 0, failed: 0 });
    const rendered = new RenderedFeedRepository(redis(), prefix);
    expect(await rendered.version('channel:xintai')).toBeGreaterThan(0);
  });

  it('rebuilds every channel and all by default', async () => {
    const run = await runCli(['republish', '--json'], config);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { rebuilt: string[]; failed: unknown[] };
    const every = [...config.channels.map((channel) => channel.id), 'all'];
    expect(report.rebuilt.sort()).toEqual([...every].sort());
    expect(report.failed).toEqual([]);
    for (const id of every) expect(await rebuiltChannels()).toContain(id);
  });
});
