import type { Logger } from 'pino';
import { fieldsOfSource } from '../../config/source-input.js';
import type { Source } from '../../domain/source.js';
import type { SourceChange } from '../../store/source-records.js';
import type { SourceRepository } from '../../store/source-repository.js';

/** A name for who made a change, from a header or a flag: printable, at most 100 characters; `fallback` when there is none. */
export function actorName(given: string | undefined, fallback: string): string {
  const cleaned = (given ?? '').replace(/\p{C}/gu, '').trim().slice(0, 100);
  return cleaned === '' ? fallback : cleaned;
}

/** Who changes made by applying the config file at start are logged as. */
export const CONFIG_ACTOR = 'config';

/**
 * Logs a change of a source with who made it (one pino line, `source changed`) and keeps it in
 * the change log in Redis, which every process shares (a change made from the CLI is otherwise
 * only in that command's output).
 */
export async function logSourceChange(
  deps: { log: Logger; sources: Pick<SourceRepository, 'recordChange'>; now: () => number },
  change: Omit<SourceChange, 'at'>,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const { change: kind, sourceId, actor, fields } = change;
  deps.log.info({ source_id: sourceId, actor, change: kind, ...(fields ? { fields } : {}), ...extra }, 'source changed');
  await deps.sources.recordChange({ at: new Date(deps.now()).toISOString(), actor, change: kind, sourceId, ...(fields ? { fields } : {}) });
}

/** The names of the fields that differ between two versions of a source, as the config file names them. */
export function changedFields(before: Source, after: Source): string[] {
  const a = fieldsOfSource(before) as unknown as Record<string, unknown>;
  const b = fieldsOfSource(after) as unknown as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}
