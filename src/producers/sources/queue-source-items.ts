import type { RawItem } from '../../domain/raw-item.js';
import type { Source } from '../../domain/source.js';
import { enqueueItems } from '../../queues/enqueue.js';
import type { QueueSet } from '../../queues/queue-set.js';

/** Queues items a source gave for \`process\`, as fetched at \`fetchedAt\` (ISO). */
export async function queueSourceItems(
  queues: Pick<QueueSet, 'process'>,
  source: Source,
  items: readonly RawItem[],
  fetchedAt: string,
): Promise<void> {
  await enqueueItems(
    queues.process,
    items.map((item) => ({ source: { id: source.id, name: source.name, channels: source.channels }, item, fetchedAt })),
  );
}
