import type { Logger } from 'pino';
import { maskCredentials } from '../../domain/mask-credentials.js';
import { timeStageAsync } from '../../domain/pipeline-stage.js';
import type { RawItem } from '../../domain/raw-item.js';
import type { Source } from '../../domain/source.js';
import { enqueueFullTextFetch } from '../../queues/enqueue.js';
import type { SourceState } from '../../store/source-state-repository.js';
import { decodeBody } from './fetch/decode-body.js';
import { FetchError } from './fetch/fetch-error.js';
import { fetchResource } from './fetch/fetch-resource.js';
import { maxAgeMs, nextPollDelay } from './fetch/poll-policy.js';
import { failureOf, messageOf, unrecoverable } from './fetch-failures.js';
import type { FetchOutcome, FetchProcessorDeps } from './fetch-job.js';
import { fillFromCache } from './full-text.js';
import { queueListedPages, readListPages } from './list-pages.js';
import { queueSourceItems } from './queue-source-items.js';
import { readSourceDocument } from './read-source.js';

/**
 * Polls a source: fetches its document (conditionally, with the validators of the last poll),
 * reads its items and queues them (a fullText source's entries filled from cached pages, the
 * others' pages queued for fetching), follows a list's next pages, and records the outcome and
 * the next poll time on the source. A failure is recorded on the source and thrown as
 * unrecoverable: the source's own backoff, not a BullMQ retry, decides when it is polled again.
 */
export async function pollSource(
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
    await queueSourceItems(deps.queues, source, items, at);
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

/**
 * Fills a fullText source's entries from the pages the cache holds, and queues a fetch of each
 * other page (that fetch queues its entry); returns the entries ready for `process` now.
 */
async function queueFullTextFetches(deps: FetchProcessorDeps, source: Source, items: RawItem[], now: number): Promise<RawItem[]> {
  const { ready, toFetch } = await fillFromCache(deps.fullText, items, now);
  for (const entry of toFetch) await enqueueFullTextFetch(deps.queues.fetch, source.id, entry);
  return ready;
}
