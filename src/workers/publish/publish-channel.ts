import type { Article } from '../../domain/article.js';
import { ALL_CHANNEL_ID } from '../../domain/channel.js';
import { channelFeedIds, feedsOfChannel, sourceFeed, type FeedCatalogSettings } from '../../domain/feed-catalog.js';
import { variantKey } from '../../domain/feed-paging.js';
import { headHashOf } from './feed-signature.js';
import { publishFeed, type FeedPublisherDeps, type PublishOutcome } from './publish-feed.js';
import { isSourceFeedStale } from './stale-sources.js';

export interface ChannelPublishDeps extends FeedPublisherDeps {
  catalog: FeedCatalogSettings;
}

/** What one channel's publish job did. */
export interface ChannelPublishSummary {
  /** Feeds looked at: the channel's, its partners', and for `all` the source feeds that may have changed. */
  feeds: number;
  /** Pages rendered across them. */
  rendered: number;
  /** Feeds whose default page changed. */
  changed: string[];
}

/**
 * Publishes everything one channel's change can touch: the channel's public feed, the
 * full-content feeds of the partners that pull it, and, for `all` (which every stored or updated
 * article requests), the source feeds that may be out of date.
 */
export async function publishChannel(deps: ChannelPublishDeps, channelId: string): Promise<ChannelPublishSummary> {
  if (!channelFeedIds(deps.catalog).includes(channelId)) return { feeds: 0, rendered: 0, changed: [] };
  // Independent feeds: their reads and writes overlap, their renders take turns.
  const outcomes = await Promise.all(feedsOfChannel(deps.catalog, channelId).map((spec) => publishFeed(deps, spec)));
  if (channelId === ALL_CHANNEL_ID) outcomes.push(...(await publishSourceFeeds(deps, outcomes[0]?.changedArticles ?? [])));
  return {
    feeds: outcomes.length,
    rendered: outcomes.reduce((sum, outcome) => sum + outcome.rendered, 0),
    changed: outcomes.filter((outcome) => outcome.changed).map((outcome) => outcome.feedId),
  };
}

/** Publishes the source feeds whose newest items differ from what was rendered, or that were touched. */
async function publishSourceFeeds(deps: ChannelPublishDeps, changedOnAll: readonly Article[]): Promise<PublishOutcome[]> {
  const touched = new Set(changedOnAll.map((article) => article.source.id));
  const feeds = deps.catalog.sources.map((source) => ({ sourceId: source.id, spec: sourceFeed(deps.catalog, source) }));
  const stale = await Promise.all(
    feeds.map(async ({ sourceId, spec }) => {
      const defaultKey = variantKey({ limit: spec.defaultLimit, page: 1 });
      const [newestIds, [stored], demanded] = await Promise.all([
        deps.articles.listFeed(spec.indexId, spec.defaultLimit),
        deps.rendered.getStates(spec.feedId, [defaultKey]),
        deps.demand.list(spec.feedId),
      ]);
      const facts = { newestIds, stored, headHash: headHashOf(spec), demanded: demanded.length > 0, touched: touched.has(sourceId) };
      return isSourceFeedStale(facts);
    }),
  );
  return Promise.all(feeds.filter((_, i) => stale[i]).map(({ spec }) => publishFeed(deps, spec)));
}
