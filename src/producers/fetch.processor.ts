import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Source } from '../domain/source.js';
import { enqueueItems, enqueuePageFetch } from '../queues/enqueue.js';
import { fetchPayloadSchema, parsePayload } from '../queues/payloads.js';
import { QUEUE } from '../queues/queue-names.js';
import type { QueueSet } from '../queues/queue-set.js';
import type { SourceStateRepository } from '../store/source-state-repository.js';
import { decodeBody } from './fetch/decode-body.js';
import { FetchError, fetchResource } from './fetch/fetch-resource.js';
import { readSourceDocument } from './read-source.js';

export interface FetchProcessorDeps {
  sources: ReadonlyMap<string, Source>;
  sourceStates: SourceStateRepository;
  queues: Pick<QueueSet, 'fetch' | 'process'>;
  log: Logger;
}

/** Result of one fetch job, kept by BullMQ for the dashboard. */
export interface FetchOutcome {
  status: 'ok' | 'not-modified';
  items: number;
  pages: number;
}

/**
 * Returns the `fetch` job handler: fetch one source (or one page a list linked to), read its
 * items, queue them for `process`, and record the outcome on the source. Permanent failures
 * (a 404, an unparsable document) fail the job without retries; transient ones are retried.
 */
export function createFetchProcessor(deps: FetchProcessorDeps) {
  return async (job: Job): Promise<FetchOutcome> => {
    const { sourceId, pageUrl } = parsePayload(fetchPayloadSchema, job.data, QUEUE.fetch);
    const source = deps.sources.get(sourceId);
    if (!source) throw new UnrecoverableError(`fetch: unknown source "${sourceId}"`);
    const log = deps.log.child({ queue: QUEUE.fetch, job_id: job.id, source_id: sourceId });
    const fetchedAt = new Date().toISOString();
    try {
      const outcome = await fetchAndQueue(deps, source, pageUrl, fetchedAt);
      log.info({ ...outcome, page_url: pageUrl }, 'fetched');
      return outcome;
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause);
      await deps.sourceStates.recordFailure(sourceId, fetchedAt, pageUrl ? `${pageUrl}: ${message}` : message);
      log.warn({ err: cause, page_url: pageUrl }, 'fetch failed');
      if (cause instanceof FetchError && !cause.permanent) throw cause;
      throw new UnrecoverableError(message);
    }
  };
}

async function fetchAndQueue(
  deps: FetchProcessorDeps,
  source: Source,
  pageUrl: string | undefined,
  fetchedAt: string,
): Promise<FetchOutcome> {
  const url = pageUrl ?? source.url;
  const state = pageUrl ? undefined : await deps.sourceStates.get(source.id);
  const fetched = await fetchResource(url, { etag: state?.etag, lastModified: state?.lastModified });
  if (fetched.status === 'not-modified') {
    await deps.sourceStates.recordSuccess(source.id, fetchedAt, { items: 0 });
    return { status: 'not-modified', items: 0, pages: 0 };
  }
  const text = decodeBody(fetched.body, fetched.contentType, source.encoding);
  const reading = await readSourceDocument(source, text, fetched.finalUrl, pageUrl !== undefined);
  const sourceRef = { id: source.id, name: source.name, channels: source.channels };
  await enqueueItems(
    deps.queues.process,
    reading.items.map((item) => ({ source: sourceRef, item, fetchedAt })),
  );
  let pages = 0;
  for (const link of reading.pageUrls) {
    if (await deps.sourceStates.markPageSeen(source.id, link)) {
      await enqueuePageFetch(deps.queues.fetch, source.id, link);
      pages++;
    }
  }
  await deps.sourceStates.recordSuccess(source.id, fetchedAt, {
    etag: pageUrl ? undefined : fetched.etag,
    lastModified: pageUrl ? undefined : fetched.lastModified,
    items: reading.items.length,
  });
  return { status: 'ok', items: reading.items.length, pages };
}
