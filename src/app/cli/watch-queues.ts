import { setTimeout as sleep } from 'node:timers/promises';
import { QueueEvents, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { formatTable } from '../../ops/queue-status.js';
import type { Output } from './cli-context.js';
import { formatRate, queueTable, readQueueStats, type QueueStats } from './queue-stats.js';

export interface WatchOptions {
  intervalMs: number;
  /** One JSON line per refresh instead of a table or plain lines. */
  json: boolean;
  /** Ends the watch (Ctrl-C). */
  signal: AbortSignal;
}

/**
 * Shows the queues every `intervalMs` until `signal` is aborted: a table redrawn in place on a
 * terminal, plain lines appended (one per queue and refresh) otherwise. Rates count the
 * `completed` events of each queue between two refreshes, so they stay true when BullMQ trims
 * the completed jobs it keeps.
 */
export async function watchQueues(queues: readonly Queue[], connection: Redis, stdout: Output, options: WatchOptions): Promise<void> {
  const completions = await countCompletions(queues, connection);
  const screen = stdout.isTTY ? redrawingScreen(stdout) : undefined;
  try {
    let last: number | undefined;
    while (!options.signal.aborted) {
      const stats = await readQueueStats(queues, Date.now());
      const now = performance.now();
      const done = completions.take();
      const seconds = last === undefined ? undefined : (now - last) / 1000;
      last = now;
      const rated = stats.map((queue) => ({
        ...queue,
        completedPerSecond: seconds ? (done.get(queue.name) ?? 0) / seconds : undefined,
      }));
      if (options.json) stdout.write(`${JSON.stringify({ at: new Date().toISOString(), queues: rated })}\n`);
      else if (screen) screen.draw(watchTable(rated, options.intervalMs));
      else stdout.write(plainLines(rated));
      await sleep(options.intervalMs, undefined, { signal: options.signal }).catch(() => undefined);
    }
  } finally {
    screen?.close();
    await completions.close();
  }
}

function watchTable(stats: readonly QueueStats[], intervalMs: number): string {
  const { header, rows } = queueTable(stats, true);
  const time = new Date().toTimeString().slice(0, 8);
  return `queues at ${time}, every ${intervalMs / 1000}s (Ctrl-C to quit)\n${formatTable(header, rows)}`;
}

/** One line per queue, key=value, for a log file or a pipe. */
function plainLines(stats: readonly QueueStats[]): string {
  const at = new Date().toISOString();
  return stats
    .map(
      (queue) =>
        `${at} queue=${queue.name} waiting=${queue.waiting} active=${queue.active} delayed=${queue.delayed} failed=${queue.failed}` +
        ` completed=${queue.completed} oldest_waiting_s=${queue.oldestWaitingSeconds} completed_per_s=${formatRate(queue.completedPerSecond)}\n`,
    )
    .join('');
}

/** A terminal area redrawn in place: ANSI cursor-up over the previous drawing, then clear to the end of the screen. */
function redrawingScreen(stdout: Output) {
  let lines = 0;
  // ESC[?25l hides the cursor while the table is redrawn, ESC[?25h shows it again.
  stdout.write('\x1b[?25l');
  return {
    draw(text: string) {
      stdout.write(`${lines > 0 ? `\x1b[${lines}A\r\x1b[J` : ''}${text}`);
      lines = text.split('\n').length - 1;
    },
    close() {
      stdout.write('\x1b[?25h');
    },
  };
}

/** Counts each queue's `completed` events; `take` returns the counts since the last take. */
async function countCompletions(queues: readonly Queue[], connection: Redis) {
  const counts = new Map<string, number>();
  const listeners = queues.map((queue) => {
    // QueueEvents blocks on its connection, so each gets its own.
    const eventsConnection = connection.duplicate();
    const events = new QueueEvents(queue.name, { connection: eventsConnection, prefix: queue.opts.prefix });
    events.on('completed', () => counts.set(queue.name, (counts.get(queue.name) ?? 0) + 1));
    return { events, eventsConnection };
  });
  await Promise.all(listeners.map(({ events }) => events.waitUntilReady()));
  return {
    take(): ReadonlyMap<string, number> {
      const taken = new Map(counts);
      counts.clear();
      return taken;
    },
    async close() {
      await Promise.all(listeners.map(({ events }) => events.close()));
      await Promise.all(listeners.map(({ eventsConnection }) => eventsConnection.quit()));
    },
  };
}
