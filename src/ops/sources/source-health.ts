import { maskCredentials } from '../../domain/mask-credentials.js';
import type { SourceState } from '../../store/source-state-repository.js';

/** How a source is doing, worst first: what the status page, `syndicator sources` and the API show. */
export type SourceHealthStatus = 'gone' | 'failing' | 'items-failing' | 'paused' | 'never-polled' | 'ok';

export interface SourceHealth {
  status: SourceHealthStatus;
  /** Why, in a sentence each; empty when it is ok (but for a note on fullText pages that could not be read). */
  reasons: string[];
}

/** Whether a health needs an operator: the source's URL is gone, its polls fail, or its items do. */
export function isUnhealthy(health: SourceHealth): boolean {
  return health.status === 'gone' || health.status === 'failing' || health.status === 'items-failing';
}

/**
 * Returns how a source is doing from its fetch state: gone (410), failing (its polls fail: how
 * many in a row, the last error, when it is polled next), items failing (items read since its
 * last poll that brought something new failed to process — a source whose only item failed is
 * not ok), paused, never polled, or ok. A paused source still shows why it is unhealthy.
 */
export function sourceHealthOf(state: SourceState, paused: boolean): SourceHealth {
  // Worst first: the first finding names the status; every finding is a reason.
  const findings: [SourceHealthStatus, string][] = [];
  if (state.lastStatus === 'gone')
    findings.push(['gone', `gone: ${masked(state.lastError)} (not polled until its URL changes or it is polled now)`]);
  else if (state.errorCount > 0) findings.push(['failing', failingReason(state)]);
  const failedItems = state.recentItemFailures ?? 0;
  if (failedItems > 0) findings.push(['items-failing', itemsReason(failedItems, state)]);
  if (paused) findings.push(['paused', 'paused: not polled until resumed']);
  const status = findings[0]?.[0] ?? (state.lastStatus === undefined ? 'never-polled' : 'ok');
  const reasons = findings.map(([, reason]) => reason);
  // A page that fails leaves its entry as the feed gave it: worth saying, not a failing source.
  const fullText = state.fullTextFailures ?? 0;
  if (fullText > 0)
    reasons.push(
      `full text: ${fullText} linked page${fullText === 1 ? '' : 's'} could not be read (the feed's content was kept); last: ${masked(state.lastFullTextError)}`,
    );
  return { status, reasons };
}

/** `timeout: <the error> (3 failed polls in a row; backing off, next poll at …)`. */
function failingReason(state: SourceState): string {
  const polls = state.errorCount === 1 ? 'its last poll failed' : `${state.errorCount} failed polls in a row`;
  const next = state.nextPollAt ? `; backing off, next poll at ${state.nextPollAt}` : '';
  return `${state.lastErrorKind ?? 'error'}: ${masked(state.lastError)} (${polls}${next})`;
}

/** `items: 2 of 5 recent items failed; last: <why, naming the item>`. */
function itemsReason(failed: number, state: SourceState): string {
  const total = Math.max(state.recentItems ?? 0, failed);
  const items = total === 1 ? 'its only recent item failed' : `${failed} of ${total} recent items failed`;
  return `items: ${items}; last: ${masked(state.lastItemError)}`;
}

function masked(message: string | undefined): string {
  return message === undefined ? 'no message' : maskCredentials(message);
}
