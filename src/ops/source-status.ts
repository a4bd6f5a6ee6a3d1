import { maskCredentials } from '../domain/mask-credentials.js';
import type { Source } from '../domain/source.js';
import type { SourceState, SourceStateRepository } from '../store/source-state-repository.js';
import { sourceHealthOf, type SourceHealth } from './sources/source-health.js';

/** A source in force and whether it is paused: what listings start from. */
export interface ListedSource {
  source: Source;
  paused: boolean;
}

/** Lists the sources in force, as they are now (they change at runtime). */
export interface SourceList {
  list(): Promise<readonly ListedSource[]>;
}

/** A source with its fetch state and health, as operators see it. */
export interface SourceStatus {
  id: string;
  name: string;
  kind: Source['kind'];
  url: string;
  intervalSeconds: number;
  paused: boolean;
  state: SourceState;
  health: SourceHealth;
}

/** Returns each source with its fetch state and its health. */
export async function readSourceStatuses(sources: readonly ListedSource[], states: SourceStateRepository): Promise<SourceStatus[]> {
  return Promise.all(
    sources.map(async ({ source, paused }) => {
      const state = await states.get(source.id);
      return {
        id: source.id,
        name: source.name,
        kind: source.kind,
        url: maskCredentials(source.url),
        intervalSeconds: source.intervalMs / 1000,
        paused,
        state: maskedState(state),
        health: sourceHealthOf(state, paused),
      };
    }),
  );
}

/** The state without credentials in its URL and messages (the fetch stage masks its messages; older states may not be). */
export function maskedState(state: SourceState): SourceState {
  const masked = { ...state };
  for (const field of ['lastError', 'goneUrl', 'lastItemError'] as const) {
    const value = state[field];
    if (value !== undefined) masked[field] = maskCredentials(value);
  }
  return masked;
}
