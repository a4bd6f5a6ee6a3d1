import type { Source } from '../../domain/source.js';
import type { SourceStateRepository } from '../../store/source-state-repository.js';

/**
 * What a change of a source's definition does to its fetch state: a new URL forgets the old
 * one's validators and backoff (they belonged to it); a new interval applies at once, not after
 * the next poll planned at the old one — unless the source is backing off after failures.
 */
export async function refreshFetchState(states: SourceStateRepository, before: Source, after: Source): Promise<void> {
  if (before.url !== after.url) await states.forgetValidators(after.id);
  else if (before.intervalMs !== after.intervalMs && (await states.get(after.id)).errorCount === 0) await states.clearBackoff(after.id);
}
