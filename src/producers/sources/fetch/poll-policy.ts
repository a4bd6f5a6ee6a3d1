/** The longest a source is left alone: after many failures, or when its feed asks for it. */
export const MAX_POLL_DELAY_MS = 24 * 3600_000;
/** The most a feed's own `ttl` or `max-age` may stretch the configured interval. */
export const MAX_HINT_DELAY_MS = 6 * 3600_000;

/** What the last poll of a source said about when to poll next. */
export type PollOutcome =
  | { ok: true; /** RSS `<ttl>` in ms or Cache-Control max-age, whichever is longer. */ hintMs?: number | undefined }
  | { ok: false; consecutiveErrors: number; retryAfterMs?: number | undefined };

/**
 * Returns how long to wait before polling a source again. After a success: its interval, or
 * longer when the feed asks for it (within MAX_HINT_DELAY_MS). After failures: the interval
 * doubled per consecutive failure (exponential backoff, up to a day), and never sooner than
 * the server's Retry-After.
 */
export function nextPollDelay(intervalMs: number, outcome: PollOutcome): number {
  if (outcome.ok) return Math.max(intervalMs, Math.min(outcome.hintMs ?? 0, MAX_HINT_DELAY_MS));
  const exponent = Math.min(Math.max(outcome.consecutiveErrors - 1, 0), 16);
  const backoff = Math.min(intervalMs * 2 ** exponent, MAX_POLL_DELAY_MS);
  return Math.max(backoff, Math.min(outcome.retryAfterMs ?? 0, MAX_POLL_DELAY_MS));
}

/** Reads `max-age` from a Cache-Control header, in ms. */
export function maxAgeMs(cacheControl: string | undefined): number | undefined {
  const match = /(?:^|,)\s*max-age\s*=\s*(\d+)/i.exec(cacheControl ?? '');
  return match ? Number(match[1]) * 1000 : undefined;
}
