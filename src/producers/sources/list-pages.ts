import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { listPagesOf, type Source } from '../../domain/source.js';
import { enqueuePageFetch } from '../../queues/enqueue.js';
import type { FetchPayload } from '../../queues/payloads.js';
import type { ListedEntriesRepository } from '../../store/listed-entries-repository.js';
import type { SourceStateRepository } from '../../store/source-state-repository.js';
import { decodeBody } from './fetch/decode-body.js';
import { fetchResource, type FetchOptions } from './fetch/fetch-resource.js';
import { DEFAULT_HTTP_LIMITS } from './fetch/http-get.js';
import { findChangedEntries, listingSignature } from './list-changes.js';
import type { ListEntry } from './pages/discover-links.js';
import { readSourceDocument, type SourceReading } from './read-source.js';

/**
 * How long a poll may spend on the pages after the first: each fetch gets what is left of it as
 * its total timeout, so a poll ends within the first page's limit plus this, well inside its
 * leases (those outlive the longest single fetch by a minute).
 */
export const LIST_PAGING_BUDGET_MS = 30_000;
/** Less time than this left: the next page is not begun. */
const MIN_PAGE_TIME_MS = 1_000;

/** What reading a list source's pages gave: every entry of every page, once, in page order. */
export interface ListPages {
  entries: ListEntry[];
  /** List pages read, the first included. */
  pages: number;
}

/**
 * Follows a list source's next-page links from its first page (already read): at most the
 * source's maxPages pages in all, through the same fetcher (the poll's host slot, limits and
 * address guard), and never to a page read already in this poll or on another host than the
 * source's, and within LIST_PAGING_BUDGET_MS. A later page that cannot be read ends the paging:
 * the entries read so far stand.
 */
export async function readListPages(
  source: Source,
  first: { reading: SourceReading; finalUrl: string },
  limits: FetchOptions['limits'],
  log: Logger,
): Promise<ListPages> {
  const deadline = Date.now() + LIST_PAGING_BUDGET_MS;
  const entries = new Map((first.reading.entries ?? []).map((entry) => [entry.url, entry]));
  const read = new Set([source.url, first.finalUrl]);
  let next = first.reading.nextPageUrl;
  let pages = 1;
  while (next !== undefined && pages < listPagesOf(source) && !read.has(next) && sameHost(next, source.url)) {
    const left = deadline - Date.now();
    if (left < MIN_PAGE_TIME_MS) break;
    read.add(next);
    try {
      const totalTimeoutMs = Math.min(limits?.totalTimeoutMs ?? DEFAULT_HTTP_LIMITS.totalTimeoutMs, left);
      const fetched = await fetchResource(next, { allowOrigins: source.allowOrigins, limits: { ...limits, totalTimeoutMs } });
      if (fetched.status !== 'ok') break;
      read.add(fetched.finalUrl);
      const reading = await readSourceDocument(
        source,
        decodeBody(fetched.body, fetched.contentType, source.encoding),
        fetched.finalUrl,
        false,
      );
      for (const entry of reading.entries ?? []) if (!entries.has(entry.url)) entries.set(entry.url, entry);
      pages++;
      next = reading.nextPageUrl;
    } catch (error) {
      log.warn({ err: error, page_url: next }, 'list page failed: paging stops there');
      break;
    }
  }
  return { entries: [...entries.values()], pages };
}

export interface ListedPagesDeps {
  fetchQueue: Queue<FetchPayload>;
  sourceStates: Pick<SourceStateRepository, 'markPageSeen' | 'forgetPage'>;
  listed: ListedEntriesRepository;
}

/**
 * Queues the article pages of a list's entries: each page never queued before, and each seen
 * before whose entry's title or time changed since the list last showed it (a correction).
 * Remembers what the list showed for every entry. Returns how many of each it queued.
 */
export async function queueListedPages(
  deps: ListedPagesDeps,
  source: Source,
  entries: readonly ListEntry[],
): Promise<{ queued: number; refetched: number }> {
  const remembered = await deps.listed.recall(
    source.id,
    entries.map((entry) => entry.url),
  );
  const queued = new Set<string>();
  for (const entry of entries) {
    if (!(await deps.sourceStates.markPageSeen(source.id, entry.url))) continue;
    try {
      await enqueuePageFetch(deps.fetchQueue, source.id, entry.url);
      queued.add(entry.url);
    } catch (error) {
      await deps.sourceStates.forgetPage(source.id, entry.url);
      throw error;
    }
  }
  const changed = findChangedEntries(remembered, entries).filter((entry) => !queued.has(entry.url));
  for (const entry of changed) await enqueuePageFetch(deps.fetchQueue, source.id, entry.url);
  await deps.listed.remember(source.id, new Map(entries.map((entry) => [entry.url, listingSignature(entry)])));
  return { queued: queued.size, refetched: changed.length };
}

function sameHost(url: string, sourceUrl: string): boolean {
  try {
    return new URL(url).host === new URL(sourceUrl).host;
  } catch {
    return false;
  }
}
