import type { Logger } from 'pino';
import type { Redis } from 'ioredis';
import type { Config } from '../config/load-config.js';
import { feedId } from '../domain/feed-id.js';
import { channelsWithAll } from '../domain/channel.js';
import { createMetrics, type Metrics, type ScrapedHealth } from '../ops/metrics.js';
import { EventBuffer } from '../producers/events/event-buffer.js';
import { enqueueListRebuilds, enqueuePublish } from '../queues/enqueue.js';
import { CoalescingRequests } from '../queues/coalescing-requests.js';
import { ProcessBacklog } from '../queues/process-backlog.js';
import type { QueueSet } from '../queues/queue-set.js';
import { ArticleRepository } from '../store/article-repository.js';
import { CardRepository } from '../store/card-repository.js';
import { ListRepository } from '../store/list-repository.js';
import { PicksRepository } from '../store/picks-repository.js';
import { ReaderActivityRepository } from '../store/reader-activity-repository.js';
import { RenderedFeedRepository } from '../store/rendered-feed-repository.js';
import type { SourceRepository } from '../store/source-repository.js';
import { SourceStateRepository } from '../store/source-state-repository.js';
import { openRuntimeSources, type RuntimeSources } from './runtime-sources.js';

/** The connections, queues and repositories one process shares between its roles. */
export interface SharedParts {
  config: Readonly<Config>;
  log: Logger;
  connection: Redis;
  queues: QueueSet;
  articles: ArticleRepository;
  cards: CardRepository;
  rendered: RenderedFeedRepository;
  sourceStates: SourceStateRepository;
  metrics: Metrics;
  publisher: CoalescingRequests;
  activity: ReaderActivityRepository;
  lists: ListRepository;
  picks: PicksRepository;
  listRequests: CoalescingRequests;
  /** Reading events accepted by this server, waiting to be counted together. */
  events: EventBuffer;
  /** The items waiting in `process`, against the limit past which intake waits. */
  backlog: ProcessBacklog;
  /** The sources in force (Redis; the config file seeds them) and what changes them at runtime. */
  sources: RuntimeSources;
}

/** The parts every role of one process shares, on one connection and one set of queues. */
export function openSharedParts(config: Readonly<Config>, connection: Redis, queues: QueueSet, log: Logger): SharedParts {
  const prefix = config.redis.prefix;
  const activity = new ReaderActivityRepository(connection, prefix, {
    profileTtlMs: config.lists.profileTtl,
    maxEventsPerMinute: config.lists.maxEventsPerMinute,
    profileSize: config.lists.profileSize,
  });
  const listRequests = new CoalescingRequests(
    (ids) => enqueueListRebuilds(queues.publish, ids),
    500,
    (error) => log.error({ err: error }, 'list rebuild request failed'),
  );
  const sourceStates = new SourceStateRepository(connection, prefix);
  const sources = openRuntimeSources(config, connection, queues.fetch, sourceStates, log);
  const articles = new ArticleRepository(connection, prefix);
  const metrics = createMetrics(queues.all, scrapedHealth(config, sourceStates, articles, sources.registry));
  return {
    config,
    log,
    connection,
    queues,
    articles,
    cards: new CardRepository(connection, prefix),
    activity,
    lists: new ListRepository(connection, prefix),
    picks: new PicksRepository(connection, prefix),
    listRequests,
    backlog: new ProcessBacklog(queues.process, config.workers.processBacklogLimit),
    rendered: new RenderedFeedRepository(connection, prefix),
    sourceStates,
    sources,
    metrics,
    events: new EventBuffer(
      (events) => activity.record(events),
      (recorded) => {
        metrics.recordReaderEvents(recorded);
        listRequests.request(recorded.changedChannels);
      },
      (error) => log.error({ err: error }, 'counting reading events failed; they wait for the next try'),
    ),
    publisher: new CoalescingRequests(
      (ids) => enqueuePublish(queues.publish, ids),
      250,
      (error) => log.error({ err: error }, 'publish request failed'),
    ),
  };
}

/**
 * Sends the requests the shared parts still hold back (list rebuilds, publishes); the reading
 * events, the queues and the connection are the caller's to close.
 */
export async function closeSharedRequests(shared: SharedParts): Promise<void> {
  await shared.listRequests.close();
  await shared.publisher.close();
}

/** The health of sources and channels that /metrics reads from Redis at scrape time. */
function scrapedHealth(
  config: Readonly<Config>,
  sourceStates: SourceStateRepository,
  articles: ArticleRepository,
  registry: SourceRepository,
): ScrapedHealth {
  const channels = channelsWithAll(config.channels);
  return {
    sourceErrorStreaks: async () =>
      Promise.all(
        (await registry.list()).map(async ({ record: { source } }) => ({
          id: source.id,
          errors: (await sourceStates.get(source.id)).errorCount,
        })),
      ),
    channelAges: async () => {
      const now = Date.now();
      const activity = await articles.feedActivity(
        channels.map((channel) => feedId.channel(channel.id)),
        now,
      );
      return channels.map((channel, i) => {
        const newestMs = activity[i]?.newestMs;
        return { id: channel.id, newestAgeSeconds: newestMs === undefined ? undefined : Math.max(0, (now - newestMs) / 1000) };
      });
    },
    staleAfter: channels.map((channel) => ({ id: channel.id, seconds: channel.staleAfterMs / 1000 })),
  };
}
