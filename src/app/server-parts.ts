import { isbot } from 'isbot';
import type { Config } from '../config/load-config.js';
import { ALL_CHANNEL_ID } from '../domain/channel.js';
import { publicPolicy } from '../domain/content-policy.js';
import type { SegmentText } from '../domain/search-terms.js';
import { ServedListCache } from '../feeds/serve/served-list-cache.js';
import { ArticleChannels } from '../producers/events/article-channels.js';
import { rememberingBotTest } from '../producers/events/screen-events.js';
import { redisReady } from '../queues/redis-ready.js';
import { ArticleListing } from '../store/article-listing.js';
import { loadGazetteer } from '../workers/process/classify/load-gazetteer.js';
import { createJiebaSegmenter } from '../workers/process/keywords/jieba-segmenter.js';
import { newAdminToken } from './admin-token.js';
import type { HttpServerParts } from './http-server.js';
import { findSourceInForce } from './runtime-sources.js';
import type { SharedParts } from './shared-parts.js';

/** Events one `POST /api/events` may carry. */
const MAX_EVENTS_PER_REQUEST = 500;

/**
 * Cuts search queries as the process stage cut the articles (jieba with the city's place names),
 * loaded on the first query: a server that is never searched does not pay for the dictionary.
 */
function querySegmenter(config: Readonly<Config>): SegmentText {
  let segment: SegmentText | undefined;
  return (text) => {
    segment ??= createJiebaSegmenter(loadGazetteer(config).placeNames());
    return segment(text);
  };
}

export function httpServerParts(shared: SharedParts, workersRunning: (() => boolean) | undefined): HttpServerParts {
  const { config, connection, queues } = shared;
  const prefix = config.redis.prefix;
  const channelIds = new Set([...config.channels.map((channel) => channel.id), ALL_CHANNEL_ID]);
  return {
    log: shared.log,
    // Without a configured token (serve() resolves one) the admin routes take a random one nobody knows: closed.
    adminToken: config.http.adminToken ?? newAdminToken(),
    feeds: {
      redis: connection,
      rendered: shared.rendered,
      log: shared.log,
      settings: {
        catalog: {
          site: config.site,
          channels: config.channels,
          sources: config.sources,
          partners: config.partners,
          limit: config.feeds.limit,
          hub: config.feeds.hub,
        },
        maxAgeMs: config.feeds.maxAge,
        keyPrefix: prefix,
        publishQueue: queues.publish,
        findSource: (id) => findSourceInForce(config.sources, shared.sources.registry, id),
        sourcesInForce: async () => (await shared.sources.registry.list()).map((read) => read.record.source),
      },
    },
    articles: {
      channelIds,
      articles: shared.articles,
      cards: shared.cards,
      policy: publicPolicy(config.channels),
      listing: new ArticleListing(connection, prefix),
      segment: querySegmenter(config),
    },
    push: {
      partners: config.partners,
      queues,
      redis: connection,
      keyPrefix: prefix,
      maxBodyBytes: config.push.maxBodyBytes,
      maxItems: config.push.maxItems,
      backlog: shared.backlog,
    },
    health: { redis: connection, workersRunning },
    sources: { sources: shared.sources.admin, sourceStates: shared.sourceStates },
    adminSources: { admin: shared.sources.admin, sourceStates: shared.sourceStates, channels: config.channels, siteName: config.site.name },
    dashboardQueues: queues.all,
    status: {
      sources: shared.sources.admin,
      channels: config.channels,
      sourceStates: shared.sourceStates,
      articles: shared.articles,
      queues: queues.all,
    },
    metrics: shared.metrics,
    events: {
      partners: config.partners,
      buffer: shared.events,
      redis: connection,
      articleChannels: new ArticleChannels(shared.cards),
      isBot: rememberingBotTest(isbot),
      onTally: shared.metrics.recordEventIntake,
      maxEvents: MAX_EVENTS_PER_REQUEST,
    },
    lists: {
      channelIds,
      lists: new ServedListCache(shared.lists, 250, Date.now, () => redisReady(connection)),
      cards: shared.cards,
      activity: shared.activity,
      articles: shared.articles,
      size: config.lists.size,
      maxAgeSeconds: Math.round(config.feeds.maxAge / 1000),
    },
    readers: shared.activity,
    picks: { channelIds, picks: shared.picks, cards: shared.cards, requestLists: (ids) => shared.listRequests.request(ids) },
  };
}
