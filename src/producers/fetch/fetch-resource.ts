import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';

/** What one fetch brought back. */
export type FetchResult =
  | { status: 'ok'; body: Buffer; contentType: string | undefined; etag?: string; lastModified?: string; finalUrl: string }
  | { status: 'not-modified'; finalUrl: string };

export interface FetchOptions {
  /** Validators from the previous fetch, for a conditional GET. */
  etag?: string | undefined;
  lastModified?: string | undefined;
  timeoutMs?: number;
  maxBytes?: number;
}

/** A fetch that failed; `permanent` ones are not worth retrying (404, 410, a missing file). */
export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    message: string,
    readonly permanent: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const USER_AGENT = 'Syndicator/0.1 (+https://github.com/syndicator)';

/** Fetches a `file:` or `http(s):` URL and returns its bytes, or that it has not changed. */
export async function fetchResource(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  if (url.startsWith('file:')) return readLocalFile(url);
  if (!/^https?:/i.test(url)) throw new FetchError(`fetch: unsupported URL scheme in ${url}`, true);
  return fetchHttp(url, options);
}

async function readLocalFile(url: string): Promise<FetchResult> {
  try {
    return { status: 'ok', body: await readFile(fileURLToPath(url)), contentType: undefined, finalUrl: url };
  } catch (cause) {
    throw new FetchError(`fetch: cannot read ${url}: ${(cause as Error).message}`, true, { cause });
  }
}

async function fetchHttp(url: string, options: FetchOptions): Promise<FetchResult> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: '*/*' };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  let response;
  try {
    response = await request(url, { headers, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  } catch (cause) {
    throw new FetchError(`fetch: ${url}: ${(cause as Error).message}`, false, { cause });
  }
  const { statusCode } = response;
  if (statusCode === 304) {
    await response.body.dump();
    return { status: 'not-modified', finalUrl: url };
  }
  if (statusCode >= 400) {
    await response.body.dump();
    const permanent = statusCode !== 429 && statusCode < 500 && statusCode !== 408;
    throw new FetchError(`fetch: ${url}: HTTP ${statusCode}`, permanent);
  }
  const body = await readCapped(response.body, maxBytes, url);
  return {
    status: 'ok',
    body,
    contentType: headerValue(response.headers['content-type']),
    ...optional('etag', headerValue(response.headers.etag)),
    ...optional('lastModified', headerValue(response.headers['last-modified'])),
    finalUrl: url,
  };
}

async function readCapped(body: AsyncIterable<Buffer>, maxBytes: number, url: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) throw new FetchError(`fetch: ${url}: body larger than ${maxBytes} bytes`, true);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]: string });
}
