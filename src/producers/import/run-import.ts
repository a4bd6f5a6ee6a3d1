import { readFile } from 'node:fs/promises';
import type { Redis } from 'ioredis';
import type { Source } from '../../domain/source.js';
import type { JobProgress } from '../../queues/job-progress.js';
import type { ProcessPayload } from '../../queues/payloads.js';
import { processItemsAndWait, type ItemOutcome, type VerdictTally } from '../../queues/process-and-wait.js';
import type { QueueSet } from '../../queues/queue-set.js';
import { readImportFile } from './read-import-file.js';

export interface ImportRequest {
  paths: string[];
  /** The source items are filed under when their file does not say. */
  defaultSourceId: string;
  sources: readonly Source[];
}

/** What an import did: items per verdict, and every problem with its file and line. */
export interface ImportReport {
  queued: number;
  verdicts: VerdictTally;
  errors: string[];
}

/**
 * Reads the files, queues their items on `process` like any fetched item, and waits until each
 * has been processed (by this process's workers or any other), so the report is final.
 * `progress` is told the number of items queued, then each item's verdict as it comes.
 */
export async function runImport(
  request: ImportRequest,
  queues: Pick<QueueSet, 'process'>,
  connection: Redis,
  prefix: string,
  progress?: JobProgress<ItemOutcome>,
): Promise<ImportReport> {
  const errors: string[] = [];
  const names = new Map(request.sources.map((source) => [source.id, source]));
  const fetchedAt = new Date().toISOString();
  const payloads: ProcessPayload[] = [];
  for (const filePath of request.paths) {
    let bytes: Buffer;
    try {
      bytes = await readFile(filePath);
    } catch (error) {
      errors.push(`${filePath}: cannot read: ${(error as Error).message}`);
      continue;
    }
    const reading = await readImportFile(filePath, bytes);
    errors.push(...reading.errors);
    for (const { item, sourceId = request.defaultSourceId } of reading.items) {
      const known = names.get(sourceId);
      payloads.push({ source: { id: sourceId, name: known?.name ?? sourceId, channels: known?.channels ?? [] }, item, fetchedAt });
    }
  }
  const awaited = await processItemsAndWait(queues.process, connection, prefix, payloads, progress);
  return { queued: awaited.queued, verdicts: awaited.verdicts, errors: [...errors, ...awaited.errors] };
}
