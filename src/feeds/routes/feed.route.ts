import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { FEED_FORMATS, type FeedFormat, type RenderedFeedRepository } from '../../store/rendered-feed-repository.js';

const CONTENT_TYPE: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

const FEED_FILE = new RegExp(`^([a-z0-9_-]+)\\.(${FEED_FORMATS.join('|')})$`);
const feedParams = z.object({ file: z.string() });

export interface FeedRouteDeps {
  channelIds: ReadonlySet<string>;
  rendered: RenderedFeedRepository;
}

/** `GET /feeds/{channel}.{rss,atom,json}`: the published bytes, with ETag and 304s. */
export function registerFeedRoutes(app: FastifyInstance, deps: FeedRouteDeps): void {
  app.get('/feeds/:file', async (request, reply) => {
    const { file } = feedParams.parse(request.params);
    const match = FEED_FILE.exec(file);
    if (!match) return reply.code(404).send({ error: 'not_found', message: 'expected /feeds/{channel}.{rss|atom|json}' });
    const channelId = match[1] ?? '';
    const format = match[2] as FeedFormat;
    if (!deps.channelIds.has(channelId)) {
      return reply.code(404).send({ error: 'not_found', message: `no channel "${channelId}"` });
    }
    const feed = await deps.rendered.get(`channel:${channelId}`, format);
    if (!feed) {
      return reply.code(503).header('retry-after', '5').send({ error: 'not_ready', message: 'feed not published yet' });
    }
    reply.header('etag', feed.etag).header('last-modified', feed.lastModified).header('cache-control', 'public, max-age=60');
    if (request.headers['if-none-match'] === feed.etag) return reply.code(304).send();
    return reply.type(CONTENT_TYPE[format]).send(feed.body);
  });
}
