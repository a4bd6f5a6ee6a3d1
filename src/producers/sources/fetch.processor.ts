import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { FetchFailure, FetchOutcomeKind } from '../../domain/fetch-outcome.js';
import { maskCredentials } from '../../domain/mask-credentials.js';
import { timeStageAsync, type StageObserver } from '../../domain/pipeline-stage.js';
import type { Source } from '../../domain/source.js';
import type { RawItem } from '../../domain/raw-item.js';
import { enqueueFullTextFetch, enqueueItems } from '../../queues/enqueue.js';
import { fetchPayloadSchema, parsePayload } from '../../queues/payloads.js';
import { QUEUE } from '../../queues/queue-names.js';
import type { ProcessBacklog } from '../../queues/process-backlog.js';
import type { QueueSet } from '../../queues/queue-set.js';
import type { FetchLeases } from '../../store/fetch-leases.js';
import type { FullTextCache } from '../../store/full-text-cache.js';
import type { ListedEntriesRepository } from '../../store/listed-entries-repository.js';
import type { SourceState, SourceStateRepository } from '../../store/source-state-repository.js';
import { decodeBody } from './fetch/decode-body.js';
import { FetchError, refuseLocalLink } from './fetch/fetch-error.js';
import { fetchResource, type FetchOptions } from './fetch/fetch-resource.js';
import { maxAgeMs, nextPollDelay } from './fetch/poll-policy.js';
import { fillFromCache, readFullText, type LinkedEntry } from './full-text.js';
import { queueListedPages, readListPages } from './list-pages.js';
import { readSourceDocument } from './read-source.js';

/** Finds a source in force and whether it is paused, as it is now (sources change at runtime). */
export interface SourceLookup {
  find(sourceId: string): Promise<{ source: Source; paused: boolean } | undefined>;
}

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

/** How long a fetch waits, off the worker, when its host has no free slot: a second, and up to a second of jitter. */
const HOST_BUSY_DELAY_MS = 1_000;
/** How long a fetch waits, off the worker, while the backlog of `process` is full: five seconds, and up to five of jitter. */
const BACKLOG_FULL_DELAY_MS = 5_000;

/**
 * Returns the `fetch` job handler: fetch one source (or one page a list linked to), read its
 * items, queue them for `process`, and record the outcome on the source. A failing source is
 * backed off (exponentially, and never sooner than its Retry-After) by skipping its scheduled
 * polls until its next poll time; the failure shows on the source and as a failed job.
 *
 * One source is polled by one job at a time, and a job whose host has no free slot goes back
 * to the queue, delayed, instead of waiting on the worker: a slow host holds at most its own
 * slots, never the worker slots that other sources' polls need. So does every fetch while the
 * backlog of items waiting in `process` is at its limit: input waits rather than fill Redis.
 *
 * A poll an operator asked for is made whatever the backoff, a 410 or a pause: a poll now
 * (`pollNow`), and a failed poll retried from the dashboard or the CLI (polls have one attempt,
 * so a poll that has failed before runs again only when someone retried it).
 */
export function createFetchProcessor(deps: FetchProcessorDeps) {
  const now = deps.now ?? Date.now;
  return async (job: Job, token?: string): Promise<FetchOutcome> => {
    const { sourceId, pageUrl, pollNow, item } = parsePayload(fetchPayloadSchema, job.data, QUEUE.fetch);
    const found = await deps.sources.find(sourceId);
    if (!found) throw new UnrecoverableError(`fetch: unknown source "${sourceId}" (deleted, or never added)`);
    const { source } = found;
    const log = deps.log.child({ queue: QUEUE.fetch, job_id: job.id, source_id: sourceId });
    if (await deps.backlog.full()) {
      log.debug('the process backlog is full: the fetch waits');
      await job.moveToDelayed(now() + BACKLOG_FULL_DELAY_MS + Math.random() * BACKLOG_FULL_DELAY_MS, token);
      throw new DelayedError();
    }
    const holder = job.id ?? `${sourceId}:${now()}`;
    const host = hostOf(pageUrl ?? source.url);
    const state = pageUrl ? undefined : await deps.sourceStates.get(source.id);
    if (state) {
      const asked = pollNow === true || job.attemptsMade > 0;
      const reason = asked ? undefined : reasonToSkip(source, found.paused, state, now());
      if (reason) return { status: 'skipped', reason, items: 0, pages: 0 };
      if (!(await deps.leases.claimPoll(source.id, holder))) return { status: 'skipped', reason: 'poll-running', items: 0, pages: 0 };
    }
    try {
      if (!(await deps.leases.claimHostSlot(host, holder))) {
        await job.moveToDelayed(now() + HOST_BUSY_DELAY_MS + Math.random() * HOST_BUSY_DELAY_MS, token);
        throw new DelayedError();
      }
      const started = performance.now();
      const observe = (outcome: FetchOutcomeKind) => deps.observeFetch?.(source.id, outcome, (performance.now() - started) / 1000);
      try {
        // A job without pageUrl is a poll, and every poll read its source's state above.
        if (!state && !pageUrl) throw new Error(`fetch: a poll of "${sourceId}" without the source's state`);
        const outcome = state
          ? await pollSource(deps, source, state, now(), log)
          : item
            ? await fetchFullTextPage(deps, source, { ...item, url: pageUrl ?? '' }, log)
            : await fetchListedPage(deps, source, pageUrl ?? '', log);
        observe(outcome.status === 'not-modified' ? 'not-modified' : 'ok');
        return outcome;
      } catch (error) {
        observe(failureOf(error));
        throw error;
      } finally {
        await deps.leases.releaseHostSlot(host, holder);
      }
    } finally {
      if (state) await deps.leases.releasePoll(source.id, holder);
    }
  };
}

/** Why a scheduled poll of the source is not made now, if it is not. */
function reasonToSkip(source: Source, paused: boolean, state: SourceState, startedAt: number): FetchOutcome['reason'] {
  if (paused) return 'paused';
  if (state.goneUrl === source.url) return 'gone';
  // The scheduler fires on fixed slots while nextPollAt counts from when a poll ran: allow a
  // tenth of the interval of slack, so a poll that starts a little early is not skipped.
  const slack = Math.max(1_000, source.intervalMs / 10);
  if (state.nextPollAt && Date.parse(state.nextPollAt) - slack > startedAt) return 'backoff';
  return undefined;
}

async function pollSource(
  deps: FetchProcessorDeps,
  source: Source,
  state: SourceState,
  startedAt: number,
  log: Logger,
): Promise<FetchOutcome> {
  const at = new Date(startedAt).toISOString();
  try {
    const fetched = await fetchResource(source.url, {
      etag: state.etag,
      lastModified: state.lastModified,
      allowOrigins: source.allowOrigins,
      limits: deps.limits,
    });
    if (fetched.status === 'not-modified') {
      const nextPollAt = new Date(startedAt + nextPollDelay(source.intervalMs, { ok: true })).toISOString();
      await deps.sourceStates.recordSuccess(source.id, at, { status: 'not-modified', items: 0, nextPollAt });
      log.info({ status: 'not-modified' }, 'polled');
      return { status: 'not-modified', items: 0, pages: 0 };
    }
    const text = decodeBody(fetched.body, fetched.contentType, source.encoding);
    const reading = await timeStageAsync(deps.observeStage, 'extract', () => readSourceDocument(source, text, fetched.finalUrl, false));
    const items = source.fullText ? await queueFullTextFetches(deps, source, reading.items, startedAt) : reading.items;
    await enqueueItems(
      deps.queues.process,
      items.map((item) => ({ source: refOf(source), item, fetchedAt: at })),
    );
    let pages = 0;
    if (source.kind === 'list') {
      const listed = await readListPages(source, { reading, finalUrl: fetched.finalUrl }, deps.limits, log);
      const queued = await queueListedPages(
        { fetchQueue: deps.queues.fetch, sourceStates: deps.sourceStates, listed: deps.listed },
        source,
        listed.entries,
      );
      pages = queued.queued + queued.refetched;
      log.debug({ list_pages: listed.pages, queued: queued.queued, refetched: queued.refetched }, 'read list pages');
    }
    const hintMs = Math.max((reading.ttlMinutes ?? 0) * 60_000, maxAgeMs(fetched.cacheControl) ?? 0);
    const nextPollAt = new Date(startedAt + nextPollDelay(source.intervalMs, { ok: true, hintMs })).toISOString();
    await deps.sourceStates.recordSuccess(source.id, at, {
      status: 'ok',
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      items: reading.items.length,
      pages,
      nextPollAt,
    });
    log.info({ status: 'ok', items: reading.items.length, pages }, 'polled');
    return { status: 'ok', items: reading.items.length, pages };
  } catch (error) {
    // Fetch errors name their URL already; parse errors get it here.
    const message = error instanceof FetchError ? error.message : maskCredentials(`${source.url}: ${messageOf(error)}`);
    if (error instanceof FetchError && error.status === 410) {
      await deps.sourceStates.recordGone(source.id, at, source.url, message);
      log.warn({ err: error }, 'source gone');
      throw unrecoverable(message, error);
    }
    const retryAfterMs = error instanceof FetchError ? error.retryAfterMs : undefined;
    const errors = await deps.sourceStates.recordFailure(source.id, at, { message, kind: failureOf(error) }, (count) =>
      new Date(startedAt + nextPollDelay(source.intervalMs, { ok: false, consecutiveErrors: count, retryAfterMs })).toISOString(),
    );
    log.warn({ err: error, error_count: errors }, 'poll failed');
    // The source's own backoff decides when to try again; a BullMQ retry would poll too soon.
    throw unrecoverable(message, error);
  }
}

async function fetchListedPage(deps: FetchProcessorDeps, source: Source, pageUrl: string, log: Logger): Promise<FetchOutcome> {
  const at = new Date().toISOString();
  try {
    refuseLocalLink(source.url, pageUrl);
    const fetched = await fetchResource(pageUrl, { allowOrigins: source.allowOrigins, limits: deps.limits });
    if (fetched.status !== 'ok') return { status: 'not-modified', items: 0, pages: 0 };
    const text = decodeBody(fetched.body, fetched.contentType, source.encoding);
    const reading = await timeStageAsync(deps.observeStage, 'extract', () => readSourceDocument(source, text, fetched.finalUrl, true));
    await enqueueItems(
      deps.queues.process,
      reading.items.map((item) => ({ source: refOf(source), item, fetchedAt: at })),
    );
    await deps.sourceStates.countListedItems(source.id, reading.items.length);
    log.info({ page_url: pageUrl, items: reading.items.length }, 'fetched listed page');
    return { status: 'ok', items: reading.items.length, pages: 0 };
  } catch (error) {
    const message = maskCredentials(`${pageUrl}: ${messageOf(error)}`);
    log.warn({ err: error, page_url: pageUrl }, 'listed page failed');
    if (error instanceof FetchError && !error.permanent) throw new Error(message, { cause: error });
    await deps.sourceStates.recordFailure(source.id, at, { message, kind: failureOf(error) });
    throw unrecoverable(message, error);
  }
}

/**
 * Fills a fullText source's entries from the pages the cache holds, and queues a fetch of each
 * other page (that fetch queues its entry); returns the entries ready for `process` now.
 */
async function queueFullTextFetches(deps: FetchProcessorDeps, source: Source, items: RawItem[], now: number): Promise<RawItem[]> {
  const { ready, toFetch } = await fillFromCache(deps.fullText, items, now);
  for (const entry of toFetch) await enqueueFullTextFetch(deps.queues.fetch, source.id, entry);
  return ready;
}

/** Reads the page a fullText entry links to and queues the entry filled from it (or as the feed gave it, when the page fails). */
async function fetchFullTextPage(deps: FetchProcessorDeps, source: Source, entry: LinkedEntry, log: Logger): Promise<FetchOutcome> {
  const at = new Date().toISOString();
  const item = await readFullText({ ...deps, cache: deps.fullText, now: deps.now ?? Date.now }, source, entry, log);
  await enqueueItems(deps.queues.process, [{ source: refOf(source), item, fetchedAt: at }]);
  return { status: 'ok', items: 1, pages: 0 };
}

function refOf(source: Source) {
  return { id: source.id, name: source.name, channels: source.channels };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || 'local';
  } catch {
    return 'invalid';
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The kind of a failed fetch: the fetch error's own (also when wrapped), or a document that could not be read. */
function failureOf(error: unknown): FetchFailure {
  if (error instanceof FetchError) return error.kind;
  if (error instanceof Error && error.cause !== undefined) return failureOf(error.cause);
  return 'parse-error';
}

/** A failure BullMQ must not retry, still carrying the error it came from. */
function unrecoverable(message: string, cause: unknown): UnrecoverableError {
  return Object.assign(new UnrecoverableError(message), { cause });
}
