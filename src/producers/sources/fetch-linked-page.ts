import type { Logger } from 'pino';
import { maskCredentials } from '../../domain/mask-credentials.js';
import { timeStageAsync } from '../../domain/pipeline-stage.js';
import type { Source } from '../../domain/source.js';
import { decodeBody } from './fetch/decode-body.js';
import { FetchError, refuseLocalLink } from './fetch/fetch-error.js';
import { fetchResource } from './fetch/fetch-resource.js';
import { failureOf, messageOf, unrecoverable } from './fetch-failures.js';
import type { FetchOutcome, FetchProcessorDeps } from './fetch-job.js';
import { readFullText, type LinkedEntry } from './full-text.js';
import { queueSourceItems } from './queue-source-items.js';
import { readSourceDocument } from './read-source.js';

/** Fetches one page a list source linked to and queues its article; a failure is retried unless permanent. */
export async function fetchListedPage(deps: FetchProcessorDeps, source: Source, pageUrl: string, log: Logger): Promise<FetchOutcome> {
  const at = new Date().toISOString();
  try {
    refuseLocalLink(source.url, pageUrl);
    const fetched = await fetchResource(pageUrl, { allowOrigins: source.allowOrigins, limits: deps.limits });
    if (fetched.status !== 'ok') return { status: 'not-modified', items: 0, pages: 0 };
    const text = decodeBody(fetched.body, fetched.contentType, source.encoding);
    const reading = await timeStageAsync(deps.observeStage, 'extract', () => readSourceDocument(source, text, fetched.finalUrl, true));
    await queueSourceItems(deps.queues, source, reading.items, at);
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

/** Reads the page a fullText entry links to and queues the entry filled from it (or as the feed gave it, when the page fails). */
export async function fetchFullTextPage(deps: FetchProcessorDeps, source: Source, entry: LinkedEntry, log: Logger): Promise<FetchOutcome> {
  const at = new Date().toISOString();
  const item = await readFullText({ ...deps, cache: deps.fullText, now: deps.now ?? Date.now }, source, entry, log);
  await queueSourceItems(deps.queues, source, [item], at);
  return { status: 'ok', items: 1, pages: 0 };
}
