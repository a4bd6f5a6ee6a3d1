import type { Config } from '../../config/load-config.js';
import { maskCredentials } from '../../domain/mask-credentials.js';
import type { RawItem } from '../../domain/raw-item.js';
import type { Source } from '../../domain/source.js';
import { decodeBody } from '../../producers/sources/fetch/decode-body.js';
import { refuseLocalLink } from '../../producers/sources/fetch/fetch-error.js';
import { fetchResource } from '../../producers/sources/fetch/fetch-resource.js';
import { httpLimitsOf, type HttpLimits } from '../../producers/sources/fetch/http-get.js';
import { readSourceDocument } from '../../producers/sources/read-source.js';

/** A source read whole, now: its items, and the linked pages that could not be read, each with why. */
export interface SourceRead {
  items: RawItem[];
  /** When it was read (ISO 8601): the `fetchedAt` of its items. */
  fetchedAt: string;
  pageErrors: string[];
}

/**
 * Reads a source the way a poll does, but unconditionally: no ETag or Last-Modified is sent, so
 * the whole document comes back; a list source's linked pages are all read, seen before or not.
 * The source's fetch state is left as it is. Throws when the source itself cannot be read.
 */
export async function readSourceNow(source: Source, fetchSettings: Config['fetch']): Promise<SourceRead> {
  const fetchedAt = new Date().toISOString();
  const limits = httpLimitsOf(fetchSettings);
  const document = await fetchText(source, source.url, limits);
  const reading = await readSourceDocument(source, document.text, document.url, false);
  const items = [...reading.items];
  const pageErrors: string[] = [];
  // A list page's links are read a few at a time, as many as one host serves at once.
  const batch = fetchSettings.perHostConcurrency;
  for (let start = 0; start < reading.pageUrls.length; start += batch) {
    const urls = reading.pageUrls.slice(start, start + batch);
    const pages = await Promise.allSettled(urls.map((url) => readListedPage(source, url, limits)));
    pages.forEach((page, i) => {
      if (page.status === 'fulfilled') items.push(...page.value);
      else pageErrors.push(maskCredentials(`${urls[i] ?? ''}: ${messageOf(page.reason)}`));
    });
  }
  return { items, fetchedAt, pageErrors };
}

async function fetchText(source: Source, url: string, limits: HttpLimits): Promise<{ text: string; url: string }> {
  const fetched = await fetchResource(url, { allowOrigins: source.allowOrigins, limits });
  // Without validators no server answers 304; a proxy that does leaves nothing to replay.
  if (fetched.status !== 'ok') throw new Error(`replay: ${maskCredentials(url)}: not modified, though asked unconditionally`);
  return { text: decodeBody(fetched.body, fetched.contentType, source.encoding), url: fetched.finalUrl };
}

async function readListedPage(source: Source, pageUrl: string, limits: HttpLimits): Promise<RawItem[]> {
  refuseLocalLink(source.url, pageUrl);
  const page = await fetchText(source, pageUrl, limits);
  return (await readSourceDocument(source, page.text, page.url, true)).items;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
