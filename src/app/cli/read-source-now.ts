import type { Config } from '../../config/load-config.js';
import { maskCredentials } from '../../domain/mask-credentials.js';
import type { RawItem } from '../../domain/raw-item.js';
import type { Source } from '../../domain/source.js';
import { decodeBody } from '../../producers/sources/fetch/decode-body.js';
import { refuseLocalLink } from '../../producers/sources/fetch/fetch-error.js';
import { fetchResource } from '../../producers/sources/fetch/fetch-resource.js';
import { httpLimitsOf, type HttpLimits } from '../../producers/sources/fetch/http-get.js';
import { readListPages } from '../../producers/sources/list-pages.js';
import { mergeFullText } from '../../producers/sources/merge-full-text.js';
import { extractArticle } from '../../producers/sources/pages/extract-article.js';
import { readSourceDocument } from '../../producers/sources/read-source.js';
import { pino, type Logger } from 'pino';

/** A source read whole, now: its items, and the linked pages that could not be read, each with why. */
export interface SourceRead {
  items: RawItem[];
  /** When it was read (ISO 8601): the `fetchedAt` of its items. */
  fetchedAt: string;
  pageErrors: string[];
}

/**
 * Reads a source the way a poll does, but unconditionally: no ETag or Last-Modified is sent, so
 * the whole document comes back; a list source's pages are followed as far as its maxPages and
 * every article page they link to is read, seen before or not; a fullText feed's entries are
 * filled from their pages (read now, past the poll's cache; an entry whose page fails keeps the
 * feed's content and the failure is reported). The source's fetch state is left as it is.
 * Throws when the source itself cannot be read.
 */
export async function readSourceNow(
  source: Source,
  fetchSettings: Config['fetch'],
  log: Logger = pino({ level: 'silent' }),
): Promise<SourceRead> {
  const fetchedAt = new Date().toISOString();
  const limits = httpLimitsOf(fetchSettings);
  const document = await fetchText(source, source.url, limits);
  const reading = await readSourceDocument(source, document.text, document.url, false);
  const pageUrls =
    source.kind === 'list'
      ? (await readListPages(source, { reading, finalUrl: document.url }, limits, log)).entries.map((entry) => entry.url)
      : reading.items.flatMap((item) => (source.fullText && item.url !== undefined ? [item.url] : []));
  const items = source.kind === 'list' ? [] : [...reading.items];
  const pageErrors: string[] = [];
  // Linked pages are read a few at a time, as many as one host serves at once.
  const batch = fetchSettings.perHostConcurrency;
  for (let start = 0; start < pageUrls.length; start += batch) {
    const urls = pageUrls.slice(start, start + batch);
    const pages = await Promise.allSettled(urls.map((url) => readListedPage(source, url, limits)));
    pages.forEach((page, i) => {
      const url = urls[i] ?? '';
      if (page.status === 'rejected') pageErrors.push(maskCredentials(`${url}: ${messageOf(page.reason)}`));
      else if (source.kind === 'list') items.push(page.value.item);
      else fillEntry(items, url, page.value);
    });
  }
  return { items, fetchedAt, pageErrors };
}

/** Replaces the feed entry that links to `url` with itself filled from its page (fullText). */
function fillEntry(items: RawItem[], url: string, page: { item: RawItem; url: string }): void {
  const index = items.findIndex((item) => item.url === url);
  const entry = items[index];
  if (entry) items[index] = mergeFullText(entry, page.item, page.url);
}

async function fetchText(source: Source, url: string, limits: HttpLimits): Promise<{ text: string; url: string }> {
  const fetched = await fetchResource(url, { allowOrigins: source.allowOrigins, limits });
  // Without validators no server answers 304; a proxy that does leaves nothing to replay.
  if (fetched.status !== 'ok') throw new Error(`replay: ${maskCredentials(url)}: not modified, though asked unconditionally`);
  return { text: decodeBody(fetched.body, fetched.contentType, source.encoding), url: fetched.finalUrl };
}

/** Reads an article page a source links to: the article, and the URL it was read from. */
async function readListedPage(source: Source, pageUrl: string, limits: HttpLimits): Promise<{ item: RawItem; url: string }> {
  refuseLocalLink(source.url, pageUrl);
  const page = await fetchText(source, pageUrl, limits);
  return { item: extractArticle(page.text, page.url, { rules: true, sourceRule: source.rules }), url: page.url };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
