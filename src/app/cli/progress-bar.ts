import { SingleBar } from 'cli-progress';
import type { JobProgress } from '../../queues/job-progress.js';

/** A JobProgress that draws, and is put away once the jobs are done. */
interface ProgressBar<Outcome extends string> extends JobProgress<Outcome> {
  stop(): void;
}

/**
 * Returns a progress bar of awaited jobs — done/total, jobs per second, ETA — drawn on
 * `terminal`; without a terminal (stderr redirected, tests) it draws nothing.
 */
function createProgressBar<Outcome extends string>(terminal: NodeJS.WritableStream | undefined, label: string): ProgressBar<Outcome> {
  if (!terminal) return { start: () => undefined, settle: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    stream: terminal,
    format: `${label} [{bar}] {value}/{total} | {rate}/s | ETA {eta_formatted}`,
    // The rate and ETA of the last 50 jobs, not of the first few.
    etaBuffer: 50,
  });
  let startedAt = 0;
  let done = 0;
  let running = false;
  return {
    start(total) {
      startedAt = performance.now();
      running = true;
      bar.start(total, 0, { rate: '0.0' });
    },
    settle() {
      done++;
      const seconds = (performance.now() - startedAt) / 1000;
      bar.increment(1, { rate: seconds > 0 ? (done / seconds).toFixed(1) : '0.0' });
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}

/** Runs `work` with a progress bar on `terminal` (when there is one), and puts the bar away after, whatever happens. */
export async function withProgressBar<Outcome extends string, T>(
  terminal: NodeJS.WritableStream | undefined,
  label: string,
  work: (progress: JobProgress<Outcome>) => Promise<T>,
): Promise<T> {
  const bar = createProgressBar<Outcome>(terminal, label);
  try {
    return await work(bar);
  } finally {
    bar.stop();
  }
}
