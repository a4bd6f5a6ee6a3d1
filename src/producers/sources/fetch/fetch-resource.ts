import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { FetchError } from './fetch-error.js';
import { DEFAULT_HTTP_LIMITS, httpGet, type HttpGetResult, type HttpLimits } from './http-get.js';

export { FetchError } from './fetch-error.js';

/** What one fetch brought back. */
export type FetchResult = HttpGetResult;

export interface FetchOptions {
  /** Validators from the previous fetch, for a conditional GET. */
  etag?: string | undefined;
  lastModified?: string | undefined;
  /** Origins that may be on a non-public address (intranet sources); see httpGet. */
  allowOrigins?: readonly string[];
  limits?: Partial<HttpLimits>;
}

/** Fetches a `file:` or `http(s):` URL and returns its bytes, or that it has not changed. */
export async function fetchResource(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  if (url.startsWith('file:')) return readLocalFile(url);
  if (!/^https?:/i.test(url)) throw new FetchError(`fetch: unsupported URL scheme in ${url}`, { permanent: true, kind: 'refused' });
  return httpGet({
    url,
    etag: options.etag,
    lastModified: options.lastModified,
    allowOrigins: options.allowOrigins ?? [],
    limits: { ...DEFAULT_HTTP_LIMITS, ...options.limits },
  });
}

async function readLocalFile(url: string): Promise<FetchResult> {
  try {
    return { status: 'ok', body: await readFile(fileURLToPath(url)), finalUrl: url };
  } catch (cause) {
    throw new FetchError(`fetch: cannot read ${url}: ${(cause as Error).message}`, { permanent: true, kind: 'unreadable' }, { cause });
  }
}
