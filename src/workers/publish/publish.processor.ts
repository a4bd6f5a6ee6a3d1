import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Partner } from '../../domain/partner.js';
import type { Channel } from '../../domain/channel.js';
import type { Source } from '../../domain/source.js';
import { publishChannel, type ChannelPublishSummary } from './publish-channel.js';
import { notifyHub } from './notify-hub.js';
import { publishLists, type ListPublisherDeps } from './publish-lists.js';
import { parsePayload, publishPayloadSchema } from '../../queues/payloads.js';
import { JOB, QUEUE } from '../../queues/queue-names.js';
import type { ArticleRepository } from '../../store/article-repository.js';
import type { FeedArrivals } from '../../store/feed-arrivals.js';
import { FeedDemandRepository } from '../../store/feed-demand-repository.js';
import type { RenderedFeedRepository } from '../../store/rendered-feed-repository.js';
import type { RetentionSummary, StoreRetention } from '../../store/store-retention.js';
import { ALL_CHANNEL_ID } from '../../domain/channel.js';

export interface PublishProcessorDeps {
  site: { name: string; publicUrl: string; language: string };
  channels: readonly Channel[];
  sources: readonly Source[];
  /**
   * The sources in force now (sources change at runtime): whose feeds the `all` rebuild keeps up
   * to date. Without it, `sources` (the config file's) are.
   */
  sourcesInForce?: () => Promise<readonly Source[]>;
  partners: readonly Partner[];
  feedLimit: number;
  /** The WebSub hub to name in public feeds and to ping when they change. */
  hub?: string | undefined;
  articles: ArticleRepository;
  rendered: RenderedFeedRepository;
  /** The connection and key prefix of the store, for the pages readers asked for. */
  redis: Redis;
  keyPrefix: string;
  log: Logger;
  /** What recomputing the recommendation lists reads and writes. */
  lists: Pick<ListPublisherDeps, 'activity' | 'cards' | 'lists' | 'picks' | 'size'>;
  /** Asks for a channel's lists to be recomputed (throttled): new articles change channel picks. */
  requestLists: (channelIds: Iterable<string>) => void;
  /** The store's retention: articles first seen more than `keepMs` ago are deleted by an `apply-retention` job. */
  retention: { store: Pick<StoreRetention, 'run'>; keepMs: number };
  /** Where the process worker noted new articles' fetch times, to tell how long they took to arrive. */
  arrivals?: Pick<FeedArrivals, 'arrived'>;
  /** Called after a rebuild: how long it took, and the delays of the items it brought to the channel feed. */
  observe?: (channelId: string, seconds: number, arrivalDelays: readonly number[]) => void;
}

/**
 * Returns the `publish` job handler: bring one channel's feeds (and, for `all`, the source
 * feeds) up to date in every format, so that HTTP serves stored bytes and never renders; or,
 * for a `rebuild-lists` job, recompute the channel's recommendation lists and their feeds; for
 * an `apply-retention` job, delete what is past the retention time and publish the channels that
 * lost articles (on this queue, so that it never runs beside a rebuild in the same worker).
 */
export function createPublishProcessor(deps: PublishProcessorDeps) {
  const { site, channels, sources, partners, feedLimit, hub } = deps;
  const catalog = { site, channels, sources, partners, limit: feedLimit, hub };
  const demand = new FeedDemandRepository(deps.redis, deps.keyPrefix);
  return async (job: Job): Promise<ChannelPublishSummary | { lists: string[] } | RetentionSummary> => {
    const { channelId } = parsePayload(publishPayloadSchema, job.data, QUEUE.publish);
    const log = deps.log.child({ queue: QUEUE.publish, job_id: job.id, channel_id: channelId });
    // Only `all` publishes source feeds: the others need not read the registry.
    const inForce = channelId === ALL_CHANNEL_ID && deps.sourcesInForce ? await deps.sourcesInForce() : undefined;
    const feedDeps = {
      catalog: inForce ? { ...catalog, sources: inForce } : catalog,
      articles: deps.articles,
      rendered: deps.rendered,
      demand,
      log,
      notifyHub: (url: string, topics: string[]) => notifyHub(url, topics, log),
    };
    if (job.name === JOB.applyRetention) {
      const summary = await deps.retention.store.run(Date.now() - deps.retention.keepMs);
      if (summary.expired > 0) {
        for (const id of [...summary.channelIds, ALL_CHANNEL_ID]) await publishChannel(feedDeps, id);
        deps.requestLists(summary.channelIds);
      }
      log.info({ ...summary }, 'retention applied');
      return summary;
    }
    if (job.name === JOB.rebuildLists) {
      const lists = await publishLists({ ...feedDeps, ...deps.lists }, channelId);
      log.debug({ lists }, 'lists published');
      return { lists };
    }
    const started = performance.now();
    const summary = await publishChannel(feedDeps, channelId);
    const delays = summary.changed.length > 0 ? ((await deps.arrivals?.arrived(channelId, feedLimit, Date.now())) ?? []) : [];
    deps.observe?.(channelId, (performance.now() - started) / 1000, delays);
    if (summary.changed.length > 0) deps.requestLists([channelId]);
    log.debug({ feeds: summary.feeds, rendered: summary.rendered, changed: summary.changed }, 'published');
    return summary;
  };
}
