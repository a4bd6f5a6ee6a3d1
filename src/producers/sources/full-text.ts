import type { Logger } from 'pino';
import { maskCredentials } from '../../domain/mask-credentials.js';
import type { RawItem } from '../../domain/raw-item.js';
import type { Source } from '../../domain/source.js';
import type { CachedPage, FullTextCache } from '../../store/full-text-cache.js';
import type { SourceStateRepository } from '../../store/source-state-repository.js';
import { decodeBody } from './fetch/decode-body.js';
import { refuseLocalLink } from './fetch/fetch-error.js';
import { fetchResource, type FetchOptions } from './fetch/fetch-resource.js';
import { entryStamp, mergeFullText } from './merge-full-text.js';
import { extractArticle } from './pages/extract-article.js';

/** How long a page read for its full text is taken as it is: then it is read again, with a conditional GET. */
export const FULL_TEXT_FRESH_MS = 24 * 3600_000;
/** How long its extraction and validators are kept: past this, the page is fetched in full again. */
export const FULL_TEXT_KEEP_MS = 7 * 86_400_000;
/** How long a page that could not be read is left alone (its entry keeps the feed's content meanwhile). */
export const FULL_TEXT_RETRY_MS = 3600_000;

/** An entry whose page is to be fetched: it has a URL. */
export type LinkedEntry = RawItem & { url: string };

/** What the cache says of a fullText source's entries: those ready to go on, and those whose page must be fetched. */
export interface CachedEntries {
  ready: RawItem[];
  toFetch: LinkedEntry[];
}

/**
 * Sorts a fullText source's entries by what the cache holds of their pages: an entry whose page
 * was read lately (and whose feed entry has not changed since) is filled from the cache; one
 * whose page failed lately goes on as the feed gave it; an entry without an http(s) link goes
 * on as it is; every other one needs its page fetched.
 */
export async function fillFromCache(cache: FullTextCache, items: readonly RawItem[], now: number): Promise<CachedEntries> {
  const linked = items.filter((item): item is LinkedEntry => item.url !== undefined && /^https?:/i.test(item.url));
  const cached = await cache.getMany(linked.map((item) => item.url));
  const found = new Map(linked.map((item, i) => [item, cached[i]]));
  const ready: RawItem[] = [];
  const toFetch: LinkedEntry[] = [];
  for (const item of items) {
    const page = found.get(item as LinkedEntry);
    if (!found.has(item as LinkedEntry)) ready.push(item);
    else if (page?.page && page.stamp === entryStamp(item) && now - page.fetchedAt < FULL_TEXT_FRESH_MS)
      ready.push(mergeFullText(item, page.page, page.pageUrl));
    else if (page?.error !== undefined && now - page.fetchedAt < FULL_TEXT_RETRY_MS) ready.push(item);
    else toFetch.push(item as LinkedEntry);
  }
  return { ready, toFetch };
}

export interface FullTextDeps {
  cache: FullTextCache;
  sourceStates: Pick<SourceStateRepository, 'recordFullTextFailure'>;
  limits?: FetchOptions['limits'];
  now: () => number;
}

/**
 * Fetches the page an entry links to (through the source's fetcher: its address guard, limits
 * and allowOrigins; conditionally when the cache has the page's validators), extracts it and
 * returns the entry filled from it; keeps the extraction in the cache. When the page cannot be
 * read, returns the entry as the feed gave it, and records why on the source and in the cache
 * (not tried again for FULL_TEXT_RETRY_MS): a page fails, the entry does not.
 */
export async function readFullText(deps: FullTextDeps, source: Source, entry: LinkedEntry, log: Logger): Promise<RawItem> {
  const cached = await deps.cache.get(entry.url);
  const stamp = entryStamp(entry);
  try {
    refuseLocalLink(source.url, entry.url);
    const withValidators = cached?.page !== undefined;
    const fetched = await fetchResource(entry.url, {
      etag: withValidators ? cached.etag : undefined,
      lastModified: withValidators ? cached.lastModified : undefined,
      allowOrigins: source.allowOrigins,
      limits: deps.limits,
    });
    let kept: CachedPage;
    if (fetched.status === 'not-modified' && cached?.page) kept = { ...cached, fetchedAt: deps.now(), stamp };
    else if (fetched.status === 'ok') {
      const text = decodeBody(fetched.body, fetched.contentType, source.encoding);
      const page = extractArticle(text, fetched.finalUrl, { rules: true, sourceRule: source.rules });
      kept = { fetchedAt: deps.now(), stamp, pageUrl: fetched.finalUrl, etag: fetched.etag, lastModified: fetched.lastModified, page };
    } else throw new Error('fetch: a 304 to a request that sent no validators');
    await deps.cache.put(entry.url, kept, FULL_TEXT_KEEP_MS);
    log.debug({ page_url: entry.url, status: fetched.status }, 'read full text');
    return kept.page ? mergeFullText(entry, kept.page, kept.pageUrl) : entry;
  } catch (error) {
    const message = maskCredentials(`full text: ${entry.url}: ${error instanceof Error ? error.message : String(error)}`);
    log.warn({ err: error, page_url: entry.url }, 'full text failed: the entry keeps the feed content');
    const at = deps.now();
    await deps.sourceStates.recordFullTextFailure(source.id, new Date(at).toISOString(), message);
    if (cached?.page) {
      // A page read before stays in use (an entry never falls back from full text to the feed's
      // teaser because a refresh failed), and is tried again in FULL_TEXT_RETRY_MS.
      const retryAt = at - FULL_TEXT_FRESH_MS + FULL_TEXT_RETRY_MS;
      await deps.cache.put(entry.url, { ...cached, fetchedAt: retryAt, stamp, error: message }, FULL_TEXT_KEEP_MS);
      return mergeFullText(entry, cached.page, cached.pageUrl);
    }
    await deps.cache.put(entry.url, { fetchedAt: at, stamp, pageUrl: entry.url, error: message }, FULL_TEXT_RETRY_MS);
    return entry;
  }
}
