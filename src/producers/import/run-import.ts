import { readFile } from 'node:fs/promises';
import { QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Source } from '../../domain/source.js';
import type { Verdict } from '../../domain/verdict.js';
import { enqueueItems } from '../../queues/enqueue.js';
import type { ProcessPayload } from '../../queues/payloads.js';
import { QUEUE } from '../../queues/queue-names.js';
import { DEFAULT_JOB_OPTIONS, type QueueSet } from '../../queues/queue-set.js';
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
  verdicts: Record<Verdict['kind'] | 'failed', number>;
  errors: string[];
}

/**
 * Reads the files, queues their items on `process` like any fetched item, and waits until each
 * has been processed (by this process's workers or any other), so the report is final.
 */
export async function runImport(
  request: ImportRequest,
  queues: Pick<QueueSet, 'process'>,
  connection: Redis,
  prefix: string,
): Promise<ImportReport> {
  const report: ImportReport = { queued: 0, verdicts: { created: 0, updated: 0, unchanged: 0, duplicate: 0, failed: 0 }, errors: [] };
  const names = new Map(request.sources.map((source) => [source.id, source]));
  const fetchedAt = new Date().toISOString();
  const payloads: ProcessPayload[] = [];
  for (const filePath of request.paths) {
    let bytes: Buffer;
    try {
      bytes = await readFile(filePath);
    } catch (error) {
      report.errors.push(`${filePath}: cannot read: ${(error as Error).message}`);
      continue;
    }
    const reading = await readImportFile(filePath, bytes);
    report.errors.push(...reading.errors);
    for (const { item, sourceId = request.defaultSourceId } of reading.items) {
      const known = names.get(sourceId);
      payloads.push({ source: { id: sourceId, name: known?.name ?? sourceId, channels: known?.channels ?? [] }, item, fetchedAt });
    }
  }
  // QueueEvents blocks on its connection, so it gets its own; BullMQ leaves a given connection open.
  const eventsConnection = connection.duplicate();
  const events = new QueueEvents(QUEUE.process, { connection: eventsConnection, prefix });
  try {
    await events.waitUntilReady();
    // Kept for an hour whatever their number, so that every result can still be read below.
    const jobIds = await enqueueItems(queues.process, payloads, {
      ...DEFAULT_JOB_OPTIONS,
      removeOnComplete: { age: 3600 },
      removeOnFail: { age: 3600 },
    });
    report.queued = jobIds.length;
    const jobs = await Promise.all(jobIds.map((id) => queues.process.getJob(id)));
    // addBulk returns one job per payload, in order.
    await Promise.all(
      payloads.map(async ({ item }, index) => {
        try {
          const job = jobs[index];
          if (!job) throw new Error('the job was removed before its result was read');
          const verdict = (await job.waitUntilFinished(events)) as Verdict;
          report.verdicts[verdict.kind]++;
        } catch (error) {
          report.verdicts.failed++;
          report.errors.push(`item ${index + 1} (${item.url ?? item.title}): ${(error as Error).message}`);
        }
      }),
    );
  } finally {
    await events.close();
    await eventsConnection.quit();
  }
  return report;
}
