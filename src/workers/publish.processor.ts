import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { ALL_CHANNEL_ID, type Channel } from '../domain/channel.js';
import { renderFeeds, type FeedMeta } from '../feeds/render/render-feeds.js';
import { parsePayload, publishPayloadSchema } from '../queues/payloads.js';
import { QUEUE } from '../queues/queue-names.js';
import type { ArticleRepository } from '../store/article-repository.js';
import type { RenderedFeedRepository } from '../store/rendered-feed-repository.js';

export interface PublishProcessorDeps {
  site: { name: string; publicUrl: string; language: string };
  channels: readonly Channel[];
  feedLimit: number;
  articles: ArticleRepository;
  rendered: RenderedFeedRepository;
  log: Logger;
}

/**
 * Returns the `publish` job handler: render one channel's newest articles in every format and
 * store the bytes, so that HTTP serves them without rendering.
 */
export function createPublishProcessor(deps: PublishProcessorDeps) {
  return async (job: Job): Promise<{ items: number }> => {
    const { channelId } = parsePayload(publishPayloadSchema, job.data, QUEUE.publish);
    const feedId = `channel:${channelId}`;
    const ids = await deps.articles.listFeed(feedId, deps.feedLimit);
    const articles = await deps.articles.getMany(ids);
    const documents = renderFeeds(channelFeedMeta(deps, channelId), articles);
    await deps.rendered.put(feedId, documents);
    deps.log.debug({ queue: QUEUE.publish, job_id: job.id, channel_id: channelId, items: articles.length }, 'published');
    return { items: articles.length };
  };
}

/** Describes a channel's feed: its title, home page and self links. */
export function channelFeedMeta(deps: Pick<PublishProcessorDeps, 'site' | 'channels'>, channelId: string): FeedMeta {
  const { site } = deps;
  const name = channelId === ALL_CHANNEL_ID ? '全部新闻' : (deps.channels.find((c) => c.id === channelId)?.name ?? channelId);
  const base = `${site.publicUrl}/feeds/${channelId}`;
  return {
    id: `${site.publicUrl}/feeds/${channelId}`,
    title: `${name} - ${site.name}`,
    description: `${site.name} ${name}`,
    homeUrl: `${site.publicUrl}/`,
    selfUrls: { rss: `${base}.rss`, atom: `${base}.atom`, json: `${base}.json` },
    language: site.language,
    author: site.name,
    emptySince: '2000-01-01T00:00:00Z',
  };
}
