import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { FetchOutcomeKind } from '../../domain/fetch-outcome.js';
import type { Source } from '../../domain/source.js';
import { fetchPayloadSchema, parsePayload } from '../../queues/payloads.js';
import { QUEUE } from '../../queues/queue-names.js';
import type { SourceState } from '../../store/source-state-repository.js';
import { failureOf } from './fetch-failures.js';
import { fetchFullTextPage, fetchListedPage } from './fetch-linked-page.js';
import type { FetchOutcome, FetchProcessorDeps } from './fetch-job.js';
import { pollSource } from './poll-source.js';

export type { FetchOutcome, FetchProcessorDeps, SourceLookup } from './fetch-job.js';

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

function hostOf(url: string): string {
  try {
    return new URL(url).host || 'local';
  } catch {
    return 'invalid';
  }
}
