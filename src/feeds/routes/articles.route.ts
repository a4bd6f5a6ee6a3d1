import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Article } from '../../domain/article.js';
import { ALL_CHANNEL_ID } from '../../domain/channel.js';
import type { ArticleRepository } from '../../store/article-repository.js';
import { toApiArticle } from '../api-article.js';
import { rankRelated } from '../recommend/related-articles.js';
import { feedId } from '../../domain/feed-id.js';

const listQuery = z.strictObject({
  channel: z.string().default(ALL_CHANNEL_ID),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});
const idParams = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, 'an article id is 16 hex digits') });
const relatedQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(50).default(10) });

/** How many recent articles of each channel the related list is chosen from. */
const RELATED_POOL = 200;

export interface ArticleRouteDeps {
  channelIds: ReadonlySet<string>;
  articles: ArticleRepository;
  /** Channels whose public output carries summaries only. */
  summaryOnlyChannels: readonly string[];
}

/** `/api/articles`, `/api/articles/{id}`, `/api/articles/{id}/related`. */
export function registerArticleRoutes(app: FastifyInstance, deps: ArticleRouteDeps): void {
  const policy = { kind: 'public', summaryOnlyChannels: deps.summaryOnlyChannels } as const;
  const present = (article: Article) => toApiArticle(article, policy);
  app.get('/api/articles', async (request, reply) => {
    const query = listQuery.safeParse(request.query);
    if (!query.success) return badRequest(reply, query.error);
    const { channel, limit } = query.data;
    if (!deps.channelIds.has(channel)) return reply.code(404).send({ error: 'not_found', message: `no channel "${channel}"` });
    const ids = await deps.articles.listFeed(feedId.channel(channel), limit);
    const articles = await deps.articles.getMany(ids);
    return { channel, items: articles.map(present) };
  });

  app.get('/api/articles/:id', async (request, reply) => {
    const params = idParams.safeParse(request.params);
    if (!params.success) return badRequest(reply, params.error);
    const article = await deps.articles.get(params.data.id);
    if (!article) return reply.code(404).send({ error: 'not_found', message: `no article "${params.data.id}"` });
    return present(article);
  });

  app.get('/api/articles/:id/related', async (request, reply) => {
    const params = idParams.safeParse(request.params);
    if (!params.success) return badRequest(reply, params.error);
    const query = relatedQuery.safeParse(request.query);
    if (!query.success) return badRequest(reply, query.error);
    const article = await deps.articles.get(params.data.id);
    if (!article) return reply.code(404).send({ error: 'not_found', message: `no article "${params.data.id}"` });
    const feedIds = [...article.channels.map((c) => feedId.channel(c.id)), feedId.channel(ALL_CHANNEL_ID)];
    const poolIds = new Set((await Promise.all(feedIds.map((f) => deps.articles.listFeed(f, RELATED_POOL)))).flat());
    const pool = await deps.articles.getMany([...poolIds]);
    return { id: article.id, items: rankRelated(article, pool, query.data.limit).map(present) };
  });
}

function badRequest(reply: import('fastify').FastifyReply, error: z.ZodError) {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || 'request';
  return reply.code(400).send({ error: 'bad_request', message: `${field}: ${issue?.message ?? 'invalid'}` });
}
