import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { Config } from '../../config/load-config.js';
import type { ProcessPayload } from '../../queues/payloads.js';
import type { PreparedItem } from './prepare-item.js';

/**
 * Prepare threads when the config sets none: cores − 1 from four cores up, none below. On two
 * cores, where Redis and the main thread already share both, a pool measured 0.65–0.8× the
 * throughput without one (`npm run bench -- pipeline`): threads add cloning and their own
 * warm-up, and there is no idle core for them.
 */
export function defaultPrepareThreads(cores: number): number {
  return cores >= 4 ? cores - 1 : 0;
}

/** The parts of the config a pool thread builds its tools from (a plain, cloneable object). */
export type PrepareConfig = Pick<Config, 'city' | 'gazetteer' | 'channels' | 'dedupe' | 'urls'>;

/** Prepares items: on pool threads, or on the calling thread when the pool has none. */
export interface Preparer {
  prepare(payload: ProcessPayload): Promise<PreparedItem>;
  /** How many threads prepare (0: the calling thread). */
  readonly threads: number;
  close(): Promise<void>;
}

/**
 * A pool of `threads` worker threads (piscina) that prepare items — the CPU-heavy part of
 * `process` — so that one worker process keeps every core busy while its main thread does the
 * Redis-side steps (claim, store, publish requests). Each thread loads its own gazetteer and
 * jieba dictionary (about a second, and some 60 MB, per thread).
 */
export function createPreparePool(config: PrepareConfig, threads: number): Preparer {
  const pool = new Piscina<ProcessPayload, PreparedItem>({
    filename: workerFile(),
    workerData: structuredClone({
      city: config.city,
      gazetteer: config.gazetteer,
      channels: config.channels,
      dedupe: config.dedupe,
      urls: config.urls,
    }),
    minThreads: threads,
    maxThreads: threads,
    // Run from the TypeScript sources (tests, bench, `tsx`), a thread needs tsx's loader too.
    execArgv: import.meta.url.endsWith('.ts') ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [],
  });
  return {
    threads,
    prepare: (payload) => pool.run(payload),
    close: () => pool.close(),
  };
}

/** The thread's module, next to this one: `.ts` when run from the sources, `.js` when built. */
function workerFile(): string {
  const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return fileURLToPath(new URL(`./prepare-item.worker${extension}`, import.meta.url));
}
