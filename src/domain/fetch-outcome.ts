/**
 * What became of a fetch, as operators count and see it: the kinds of failure are few and
 * fixed, so that a metric label or a status page column stays small and readable.
 */
export const FETCH_FAILURES = [
  'timeout',
  'refused',
  'http-4xx',
  'http-5xx',
  'gone',
  'network',
  'redirects',
  'too-large',
  'unreadable',
  'parse-error',
] as const;
export type FetchFailure = (typeof FETCH_FAILURES)[number];

export const FETCH_OUTCOMES = ['ok', 'not-modified', ...FETCH_FAILURES] as const;
export type FetchOutcomeKind = (typeof FETCH_OUTCOMES)[number];

/** The kind of an HTTP error status. */
export function httpFailureOf(status: number): FetchFailure {
  if (status === 410) return 'gone';
  if (status === 408) return 'timeout';
  return status >= 500 ? 'http-5xx' : 'http-4xx';
}
