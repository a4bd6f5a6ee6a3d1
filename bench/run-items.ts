import { ALL_CHANNEL_ID } from '../src/domain/channel.js';
import { feedId } from '../src/domain/feed-id.js';
import { enqueueItems } from '../src/queues/enqueue.js';
import type { ProcessPayload } from '../src/queues/payloads.js';
import type { QueueSet } from '../src/queues/queue-set.js';
import type { ArticleRepository } from '../src/store/article-repository.js';

/**
 * Queues items on `process` in batches of 500 and waits until `stories` articles are in the feed
 * of every article and no feed rebuild waits or runs (the last one ran after the last item);
 * returns items per second from the first item queued. `check` runs while it waits, and throws
 * to end the wait (a worker gone, a deadline passed).
 */
export async function runItems(
  queues: QueueSet,
  articles: ArticleRepository,
  payloads: readonly ProcessPayload[],
  stories: number,
  check: (what: string) => Promise<void> = () => Promise.resolve(),
): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < payloads.length; i += 500) await enqueueItems(queues.process, payloads.slice(i, i + 500));
  while ((await articles.countFeed(feedId.channel(ALL_CHANNEL_ID))) < stories) {
    await check(`${String(stories)} stories stored`);
    await sleep(20);
  }
  while (Object.values(await queues.publish.getJobCounts('waiting', 'active', 'delayed')).some((n) => n > 0)) {
    await check('feeds current');
    await sleep(10);
  }
  return (payloads.length * 1000) / (performance.now() - start);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
