import type { Logger } from 'pino';
import type { FetchOutcomeKind } from '../../domain/fetch-outcome.js';
import type { StageObserver } from '../../domain/pipeline-stage.js';
import type { Source } from '../../domain/source.js';
import type { ProcessBacklog } from '../../queues/process-backlog.js';
import type { QueueSet } from '../../queues/queue-set.js';
import type { FetchLeases } from '../../store/fetch-leases.js';
import type { FullTextCache } from '../../store/full-text-cache.js';
import type { ListedEntriesRepository } from '../../store/listed-entries-repository.js';
import type { SourceStateRepository } from '../../store/source-state-repository.js';
import type { FetchOptions } from './fetch/fetch-resource.js';

/** Finds a source in force and whether it is paused, as it is now (sources change at runtime). */
export interface SourceLookup {
  find(sourceId: string): Promise<{ source: Source; paused: boolean } | undefined>;
}

/** What a fetch job needs: the sources in force, their states, the queues, the leases and caches, limits and observers. */
export interface FetchProcessorDeps {
  sources: SourceLookup;
  sourceStates: SourceStateRepository;
  queues: Pick<QueueSet, 'fetch' | 'process'>;
  /** One poll per source at a time, and the per-host limit, across every worker process. */
  leases: FetchLeases;
  /** Past its limit, fetches wait (delayed, off the worker) until `process` has caught up. */
  backlog: Pick<ProcessBacklog, 'full'>;
  /** What list sources' pages last showed for each article URL: a changed entry's page is fetched again. */
  listed: ListedEntriesRepository;
  /** The pages fullText sources' entries link to, as extracted. */
  fullText: FullTextCache;
  limits?: FetchOptions['limits'];
  log: Logger;
  now?: () => number;
  /** Told of every fetch made (not of skipped polls): the source, what came of it, how long it took. */
  observeFetch?: (sourceId: string, outcome: FetchOutcomeKind, seconds: number) => void;
  /** Told how long reading a fetched document into items took (the `extract` stage). */
  observeStage?: StageObserver;
}

/** Result of one fetch job, kept by BullMQ for the dashboard. */
export interface FetchOutcome {
  status: 'ok' | 'not-modified' | 'skipped';
  /** Why a poll was skipped: the source backs off, is gone or paused, or another poll of it is running. */
  reason?: 'backoff' | 'gone' | 'paused' | 'poll-running';
  items: number;
  pages: number;
}
