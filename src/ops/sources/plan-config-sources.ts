import type { Source } from '../../domain/source.js';
import type { DeletedSource } from '../../store/source-records.js';
import type { ReadRecord } from '../../store/source-repository.js';

/** One step of bringing the config file's sources into the registry. */
export type ConfigSourceStep =
  /** A source of the file that the registry does not have: added, owned by the file. */
  | { kind: 'add'; source: Source; seed: string; order: number }
  /** A source owned by the file whose entry changed: the registry takes the new entry. */
  | { kind: 'update'; read: ReadRecord; source: Source; seed: string; order: number }
  /** A source changed at runtime whose file entry changed too: the runtime version is kept; the entry is remembered as seen. */
  | { kind: 'keep-runtime'; read: ReadRecord; seed: string }
  /** A source owned by the file that the file no longer has: taken out, as editing the file always did. */
  | { kind: 'remove'; read: ReadRecord }
  /** A source of the file that was deleted at runtime: it stays deleted. */
  | { kind: 'stay-deleted'; id: string; deletion: DeletedSource };

/**
 * Plans how the config file's sources enter the registry (Redis holds the sources; the file
 * seeds them). A source the registry lacks is added, unless it was deleted at runtime; a source
 * that only the file ever changed follows the file (its entry changed: updated; its entry gone:
 * removed); once a source has been changed at runtime (API, CLI), the runtime version wins and
 * a changed file entry is only reported, once. Pausing is not a change of the definition: a
 * paused source still follows the file, and stays paused.
 */
export function planConfigSources(
  fileSources: readonly Source[],
  records: readonly ReadRecord[],
  deleted: ReadonlyMap<string, DeletedSource>,
): ConfigSourceStep[] {
  const byId = new Map(records.map((read) => [read.record.source.id, read]));
  const steps: ConfigSourceStep[] = [];
  fileSources.forEach((source, order) => {
    const seed = seedOf(source);
    const read = byId.get(source.id);
    const deletion = deleted.get(source.id);
    if (!read) steps.push(deletion ? { kind: 'stay-deleted', id: source.id, deletion } : { kind: 'add', source, seed, order });
    else if (read.record.seed === seed) return;
    else if (read.record.owner === 'config') steps.push({ kind: 'update', read, source, seed, order });
    else steps.push({ kind: 'keep-runtime', read, seed });
  });
  const inFile = new Set(fileSources.map((source) => source.id));
  for (const read of records) {
    if (read.record.owner === 'config' && !inFile.has(read.record.source.id)) steps.push({ kind: 'remove', read });
  }
  return steps;
}

/** A source of the file as the registry remembers it, to tell next time whether its entry changed. */
export function seedOf(source: Source): string {
  return JSON.stringify(source);
}
