import type { Queue } from 'bullmq';

const STATES = ['waiting', 'active', 'delayed', 'completed', 'failed'] as const;

/** Returns a table of job counts per queue and state, for `syndicator status`. */
export async function describeQueues(queues: readonly Queue[]): Promise<string> {
  const rows = await Promise.all(
    queues.map(async (queue) => {
      const counts = await queue.getJobCounts(...STATES);
      return [queue.name, ...STATES.map((state) => String(counts[state] ?? 0))];
    }),
  );
  return formatTable(['queue', ...STATES], rows);
}

/** The age of the oldest job waiting in a queue, in seconds (0 when none waits). */
export async function oldestWaitingSeconds(queue: Queue, now: number): Promise<number> {
  const [oldest] = await queue.getJobs(['waiting'], 0, 0, true);
  return oldest ? Math.max(0, (now - oldest.timestamp) / 1000) : 0;
}

/** Formats rows as a plain-text table with aligned columns. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((row) => width(row[i] ?? ''))));
  // A cell past the header's columns has no width to fill and is not padded.
  const padded = (cell: string, i: number) => cell + ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(cell)));
  const line = (cells: string[]) => cells.map(padded).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

/** Display width: CJK characters take two columns in a terminal. */
function width(text: string): number {
  let columns = 0;
  for (const ch of text)
    columns += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return columns;
}
