import type { FetchFailure } from '../../../domain/fetch-outcome.js';
import { maskCredentials } from '../../../domain/mask-credentials.js';

/**
 * A fetch that failed. `permanent` failures (404, 410, a refused address, a body over the cap)
 * will fail again as they are; transient ones (network, 5xx, 429) may pass later.
 * `retryAfterMs` carries the server's Retry-After, when it sent one.
 */
export class FetchError extends Error {
  override name = 'FetchError';
  readonly permanent: boolean;
  readonly retryAfterMs: number | undefined;
  readonly status: number | undefined;
  /** The kind of failure, for the source's status and the fetch metrics. */
  readonly kind: FetchFailure;

  constructor(
    message: string,
    details: { permanent: boolean; kind: FetchFailure; retryAfterMs?: number | undefined; status?: number | undefined },
    options?: ErrorOptions,
  ) {
    // Messages name the URL; they are logged and shown on the source, so never with its password.
    super(maskCredentials(message), options);
    this.permanent = details.permanent;
    this.retryAfterMs = details.retryAfterMs;
    this.status = details.status;
    this.kind = details.kind;
  }
}

/** Throws when a page a web source links to is a local file: a web page may never make us read local files. */
export function refuseLocalLink(sourceUrl: string, pageUrl: string): void {
  if (pageUrl.startsWith('file:') && !sourceUrl.startsWith('file:'))
    throw new FetchError(`fetch: ${pageUrl}: a web source may not link to local files`, { permanent: true, kind: 'refused' });
}
