import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueStats } from '../../src/app/cli/queue-stats.js';
import { runCommand } from '../../src/app/cli/run-command.js';
import { QUEUE } from '../../src/queues/queue-names.js';
import { waitFor } from '../support/wait-for.js';
import { collector, runCli, useTestRedis, testContext } from './cli-harness.js';

describe('syndicator status against Redis', () => {
  const { prefix, config, redis } = useTestRedis('cli-status');
  let processQueue: Queue;

  /** Runs jobs of a queue to the end: completed, or failed when `fail`. */
  async function finishJobs(name: string, count: number, fail = false): Promise<void> {
    const state = fail ? 'failed' : 'completed';
    const queue = new Queue(name, { connection: redis(), prefix });
    const finished = async () => (await queue.getJobCounts(state))[state] ?? 0;
    const before = await finished();
    await queue.addBulk(Array.from({ length: count }, (_, i) => ({ name: 'job', data: { i }, opts: { attempts: 1 } })));
    const worker = new Worker(
      name,
      () => {
        if (fail) throw new UnrecoverableError('broken');
        return Promise.resolve('ok');
      },
      { connection: redis().duplicate(), prefix },
    );
    await waitFor(async () => (await finished()) >= before + count, { what: `${count} ${state} ${name} jobs` });
    await worker.close();
    await queue.close();
  }

  beforeAll(async () => {
    await finishJobs(QUEUE.fetch, 1, true);
    await finishJobs(QUEUE.publish, 2);
    processQueue = new Queue(QUEUE.process, { connection: redis(), prefix });
    // Queued 90 s ago: the oldest waiting job.
    await processQueue.add('old', {}, { timestamp: Date.now() - 90_000 });
    await processQueue.addBulk([
      { name: 'new', data: {} },
      { name: 'new', data: {} },
    ]);
    await processQueue.addBulk([1, 2].map(() => ({ name: 'later', data: {}, opts: { delay: 3_600_000 } })));
  });
  afterAll(() => processQueue.close());

  it('prints the counts of the queues as JSON', async () => {
    const run = await runCli(['status', '--json'], config);
    expect(run.code).toBe(0);
    const { queues: shown } = JSON.parse(run.stdout) as { queues: QueueStats[] };
    const counts = ({ name, waiting, active, delayed, failed, completed }: QueueStats) => ({
      name,
      waiting,
      active,
      delayed,
      failed,
      completed,
    });
    expect(shown.map(counts)).toEqual([
      { name: 'fetch', waiting: 0, active: 0, delayed: 0, failed: 1, completed: 0 },
      { name: 'process', waiting: 3, active: 0, delayed: 2, failed: 0, completed: 0 },
      { name: 'publish', waiting: 0, active: 0, delayed: 0, failed: 0, completed: 2 },
    ]);
    expect(shown.map((queue) => queue.oldestWaitingSeconds)).toEqual([0, expect.any(Number), 0]);
    expect(shown[1]?.oldestWaitingSeconds).toBeGreaterThanOrEqual(90);
    expect(shown[1]?.oldestWaitingSeconds).toBeLessThan(120);
  });

  it('prints a table once without --json', async () => {
    const run = await runCli(['status'], config);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^queue\s+waiting\s+active\s+delayed\s+failed\s+completed\s+oldest waiting$/);
    expect(run.stdout).toMatch(/^process\s+3\s+0\s+2\s+0\s+0\s+1m3\ds\s*$/m);
  });

  it('appends plain lines when not on a terminal, with the completion rate, and stops when interrupted', async () => {
    const interrupt = new AbortController();
    const { context, stdout } = testContext(config, interrupt.signal);
    const watching = runCommand(['status', '--watch', '--interval', '50ms'], context);
    const lines = () => stdout().split('\n').filter(Boolean);
    await waitFor(() => lines().length >= 6, { what: 'two refreshes' });
    await finishJobs(QUEUE.publish, 5);
    // A refresh after the jobs completed counts them, per second since the one before.
    await waitFor(() => /queue=publish .*completed_per_s=(?!0\.00)\d+\.\d\d$/m.test(stdout()), { what: 'a publish rate' });
    await waitFor(() => /queue=publish .*completed=7 /.test(stdout()), { what: 'the completed count' });
    interrupt.abort();
    expect(await watching).toBe(0);
    const written = lines();
    expect(stdout().includes('\x1b')).toBe(false);
    for (const line of written) {
      expect(line).toMatch(
        /^\d{4}-\d\d-\d\dT\S+Z queue=(fetch|process|publish) waiting=\d+ active=\d+ delayed=\d+ failed=\d+ completed=\d+ oldest_waiting_s=\d+ completed_per_s=(-|\d+\.\d\d)$/,
      );
    }
    expect(written[0]).toMatch(/queue=fetch .* completed_per_s=-$/);
  });

  it('redraws the table in place on a terminal', async () => {
    const interrupt = new AbortController();
    const { context } = testContext(config, interrupt.signal);
    const terminal = collector(true);
    const watching = runCommand(['status', '--watch', '--interval', '50ms'], { ...context, stdout: terminal.output });
    await waitFor(() => terminal.text().split('queues at').length > 2, { what: 'a redraw' });
    interrupt.abort();
    expect(await watching).toBe(0);
    const text = terminal.text();
    // Hidden cursor, a header and the table (6 lines); then up 6 lines, clear, draw again; the cursor shown at the end.
    expect(text.startsWith('\x1b[?25lqueues at ')).toBe(true);
    expect(text).toContain('\n\x1b[6A\r\x1b[Jqueues at ');
    expect(text).toMatch(/done\/s/);
    expect(text.endsWith('\x1b[?25h')).toBe(true);
  });

  it('prints one JSON line per refresh with --watch --json', async () => {
    const interrupt = new AbortController();
    const { context, stdout } = testContext(config, interrupt.signal);
    const watching = runCommand(['status', '--watch', '--json', '--interval', '50ms'], context);
    await waitFor(() => stdout().split('\n').filter(Boolean).length >= 2, { what: 'two refreshes' });
    interrupt.abort();
    expect(await watching).toBe(0);
    const refreshes = stdout()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { queues: { name: string; completedPerSecond?: number }[] });
    expect(refreshes[0]?.queues.map((queue) => queue.name)).toEqual(['fetch', 'process', 'publish']);
    expect(refreshes[0]?.queues[0]?.completedPerSecond).toBeUndefined();
    expect(refreshes[1]?.queues[0]?.completedPerSecond).toBe(0);
  });
});
