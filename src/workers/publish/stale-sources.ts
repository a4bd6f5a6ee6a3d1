import type { VariantState } from '../../store/rendered-feed-repository.js';

/** What the `all` publish job knows about one source feed before deciding to publish it. */
export interface SourceFeedFacts {
  /** The ids of the newest items in the source's index (its default page), newest first. */
  newestIds: readonly string[];
  /** The stored state of its default page, if it was ever rendered. */
  stored: VariantState | undefined;
  /** Hash of the source feed's head as configured now. */
  headHash: string;
  /** Whether readers asked for other pages of it recently. */
  demanded: boolean;
  /** Whether an article of the source changed on the `all` page just published. */
  touched: boolean;
}

/**
 * Returns whether a source feed may be out of date and must be published (which still renders
 * nothing if its signature holds). New items change its newest ids; an update of an article
 * shows on the `all` page when the article is recent. An update of an old article that is off
 * the `all` page waits for the source's next item: the publish payload names only a channel,
 * and telling otherwise would mean reading every source's articles on every `all` rebuild.
 */
export function isSourceFeedStale(facts: SourceFeedFacts): boolean {
  const { stored } = facts;
  if (stored?.headHash !== facts.headHash || facts.demanded || facts.touched) return true;
  const storedIds = stored.versions.map((version) => version.slice(0, version.indexOf('@')));
  return storedIds.length !== facts.newestIds.length || storedIds.some((id, i) => id !== facts.newestIds[i]);
}
