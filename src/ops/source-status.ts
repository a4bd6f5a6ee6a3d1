import { maskCredentials } from '../domain/mask-credentials.js';
import type { Source } from '../domain/source.js';
import type { SourceState, SourceStateRepository } from '../store/source-state-repository.js';

/** A configured source with its fetch state, as operators see it. */
export interface SourceStatus {
  id: string;
  name: string;
  kind: Source['kind'];
  url: string;
  intervalSeconds: number;
  state: SourceState;
}

/** Returns every configured source with its fetch state. */
export async function readSourceStatuses(sources: readonly Source[], states: SourceStateRepository): Promise<SourceStatus[]> {
  return Promise.all(
    sources.map(async (source) => ({
      id: source.id,
      name: source.name,
      kind: source.kind,
      url: maskCredentials(source.url),
      intervalSeconds: source.intervalMs / 1000,
      state: await states.get(source.id),
    })),
  );
}
