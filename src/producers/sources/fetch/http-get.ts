import { isIP } from 'node:net';
import { Agent, request, type Dispatcher } from 'undici';
import { DEFAULT_FETCH_SETTINGS } from '../../../config/config-schema.js';
import type { Config } from '../../../config/load-config.js';
import { parseHttpDate } from '../../../domain/http-date.js';
import { httpFailureOf } from '../../../domain/fetch-outcome.js';
import { isNonPublicAddress, publicOnlyLookup } from './address-guard.js';
import { FetchError } from './fetch-error.js';
import { readBody } from './read-body.js';

/** Limits of one HTTP fetch; defaults in DEFAULT_HTTP_LIMITS. */
export interface HttpLimits {
  /** Time to connect and receive the response headers. */
  headersTimeoutMs: number;
  /** Longest silence between two chunks of the body. */
  bodyTimeoutMs: number;
  /** Longest time for the whole fetch, redirects included: a trickling body ends here. */
  totalTimeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

/** The limits of one fetch under the `fetch` settings of the config. */
export function httpLimitsOf(fetch: Config['fetch']): HttpLimits {
  return {
    headersTimeoutMs: fetch.timeout,
    bodyTimeoutMs: fetch.timeout,
    totalTimeoutMs: fetch.totalTimeout,
    maxBytes: fetch.maxBytes,
    maxRedirects: fetch.maxRedirects,
  };
}

/** The limits of a fetch under the config's defaults. */
export const DEFAULT_HTTP_LIMITS: HttpLimits = httpLimitsOf(DEFAULT_FETCH_SETTINGS);

export interface HttpGetRequest {
  url: string;
  etag?: string | undefined;
  lastModified?: string | undefined;
  /** Origins (`http://intranet.example:8080`) that may be on a non-public address; every other hop is guarded. */
  allowOrigins: readonly string[];
  limits: HttpLimits;
}

export type HttpGetResult =
  | { status: 'ok'; body: Buffer; contentType?: string; etag?: string; lastModified?: string; cacheControl?: string; finalUrl: string }
  | { status: 'not-modified'; finalUrl: string };

const USER_AGENT = 'Syndicator/0.1 (feed fetcher; +https://github.com/syndicator/syndicator)';

/** undici's connect timeout; the configured timeout then covers the response headers. */
const CONNECT_TIMEOUT_MS = 10_000;
const publicAgent = new Agent({ connect: { lookup: publicOnlyLookup, timeout: CONNECT_TIMEOUT_MS } });
const anyAgent = new Agent({ connect: { timeout: CONNECT_TIMEOUT_MS } });

/**
 * GETs a URL with a conditional request, following at most `maxRedirects` redirects, within the
 * time and size limits. Every hop is checked: an origin in `allowOrigins` may be on a private
 * address, any other must resolve to public ones (checked on the address the socket connects
 * to); a redirect that leaves an allowed origin for another one is refused.
 */
export async function httpGet(req: HttpGetRequest): Promise<HttpGetResult> {
  const signal = AbortSignal.timeout(req.limits.totalTimeoutMs);
  let url = req.url;
  for (let hop = 0; hop <= req.limits.maxRedirects; hop++) {
    const response = await send(url, req, signal);
    const { statusCode, headers } = response;
    const location = header(headers, 'location');
    if (statusCode >= 300 && statusCode < 400 && statusCode !== 304 && location) {
      await response.body.dump();
      url = nextHop(url, location, req.allowOrigins);
      continue;
    }
    if (statusCode === 304) {
      await response.body.dump();
      return { status: 'not-modified', finalUrl: url };
    }
    if (statusCode >= 400 || statusCode < 200) {
      await response.body.dump();
      throw httpError(url, statusCode, header(headers, 'retry-after'));
    }
    const body = await readBody(response.body, header(headers, 'content-encoding'), req.limits.maxBytes, url);
    return {
      status: 'ok',
      body,
      finalUrl: url,
      ...defined({
        contentType: header(headers, 'content-type'),
        etag: header(headers, 'etag'),
        lastModified: header(headers, 'last-modified'),
        cacheControl: header(headers, 'cache-control'),
      }),
    };
  }
  throw new FetchError(`fetch: ${req.url}: more than ${req.limits.maxRedirects} redirects`, { permanent: true, kind: 'redirects' });
}

/**
 * The URL a redirect leads to. A hop from an allowed origin (an intranet host) may only go to
 * another allowed origin: a server inside the network must not be able to send the fetcher to
 * its neighbours (Redis, a metadata service) under the allowance it was given.
 */
function nextHop(from: string, location: string, allowOrigins: readonly string[]): string {
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    throw new FetchError(`fetch: ${from}: redirect to an invalid URL ${JSON.stringify(location.slice(0, 200))}`, {
      permanent: true,
      kind: 'redirects',
    });
  }
  const fromOrigin = new URL(from).origin;
  if (allowOrigins.includes(fromOrigin) && to.origin !== fromOrigin && !allowOrigins.includes(to.origin)) {
    throw new FetchError(
      `fetch: ${from}: redirect to another origin ${to.origin} refused; only the source's allowOrigins may be followed from it`,
      { permanent: true, kind: 'refused' },
    );
  }
  return to.href;
}

async function send(url: string, req: HttpGetRequest, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FetchError(`fetch: ${url}: only http and https are fetched`, { permanent: true, kind: 'refused' });
  }
  const allowed = req.allowOrigins.includes(parsed.origin);
  // The WHATWG parser has already turned 2130706433, 0x7f.1 and 127.1 into 127.0.0.1.
  const literal = parsed.hostname.replace(/^\[|\]$/g, '');
  if (!allowed && isIP(literal) && isNonPublicAddress(literal)) {
    throw new FetchError(`fetch: ${url}: ${literal} is a non-public address; list the origin in the source's allowOrigins to fetch it`, {
      permanent: true,
      kind: 'refused',
    });
  }
  const headers: Record<string, string> = {
    'user-agent': USER_AGENT,
    accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (req.etag) headers['if-none-match'] = req.etag;
  if (req.lastModified) headers['if-modified-since'] = req.lastModified;
  try {
    return await request(url, {
      method: 'GET',
      headers,
      signal,
      dispatcher: allowed ? anyAgent : publicAgent,
      headersTimeout: req.limits.headersTimeoutMs,
      bodyTimeout: req.limits.bodyTimeoutMs,
    });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const message = signal.aborted ? `no complete response within ${req.limits.totalTimeoutMs} ms` : (cause as Error).message;
    const kind = code === 'ENONPUBLIC' ? 'refused' : signal.aborted || TIMEOUT_CODES.has(code ?? '') ? 'timeout' : 'network';
    throw new FetchError(`fetch: ${url}: ${message}`, { permanent: code === 'ENONPUBLIC', kind }, { cause });
  }
}

/** undici's and the system's codes of a request that ran out of time. */
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', 'ABORT_ERR']);

function httpError(url: string, status: number, retryAfter: string | undefined): FetchError {
  const retryAfterMs = parseRetryAfter(retryAfter);
  // 429 and 5xx pass; 408 is a timeout; other 4xx say the request itself is wrong.
  const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
  const wait = retryAfterMs === undefined ? '' : ` (Retry-After ${Math.round(retryAfterMs / 1000)} s)`;
  return new FetchError(`fetch: ${url}: HTTP ${status}${wait}`, { permanent, retryAfterMs, status, kind: httpFailureOf(status) });
}

/** RFC 9110 §10.2.3: Retry-After is delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = parseHttpDate(value);
  return date === undefined ? undefined : Math.max(0, date - now);
}

function header(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function defined<T extends Record<string, string | undefined>>(object: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: string };
}
