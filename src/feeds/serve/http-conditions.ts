import { parseHttpDate } from '../../domain/http-date.js';

/** The content codings a feed is stored in. */
export const ENCODINGS = ['br', 'gzip', 'identity'] as const;
export type Encoding = (typeof ENCODINGS)[number];

const chosen = new Map<string, Encoding>();

/**
 * Returns the coding to answer an Accept-Encoding header with (RFC 9110 §12.5.3): brotli when
 * accepted, else gzip, else identity; a coding with q=0 is refused. Results are memoized, as
 * clients send few distinct headers.
 */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  const known = chosen.get(acceptEncoding);
  if (known) return known;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const wildcard = accepted.get('*');
  // x-gzip is another name of gzip (RFC 9110 §8.4.1.3): a q=0 on either refuses it, a wildcard does not bring it back.
  const weight = (...names: string[]) => names.map((name) => accepted.get(name)).find((q) => q !== undefined) ?? wildcard ?? 0;
  const encoding: Encoding = weight('br') > 0 ? 'br' : weight('gzip', 'x-gzip') > 0 ? 'gzip' : 'identity';
  if (chosen.size < 256) chosen.set(acceptEncoding, encoding);
  return encoding;
}

/**
 * Returns whether an If-None-Match header matches one of the current entity tags: `*`, or any
 * listed tag by the weak comparison RFC 9110 §13.1.2 prescribes for this header (W/ ignored).
 */
export function etagMatches(ifNoneMatch: string, tags: readonly string[]): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  for (const candidate of ifNoneMatch.split(',')) {
    const tag = candidate.trim();
    if (tags.includes(tag.startsWith('W/') ? tag.slice(2) : tag)) return true;
  }
  return false;
}

/**
 * Returns whether If-Modified-Since is a valid HTTP-date no earlier than the last modification
 * (RFC 9110 §13.1.3). An invalid date (`x 2030`, `99999`) is ignored: the full answer is sent.
 */
export function notModifiedSince(ifModifiedSince: string, lastModifiedMs: number): boolean {
  const since = parseHttpDate(ifModifiedSince);
  return since !== undefined && lastModifiedMs <= since;
}
