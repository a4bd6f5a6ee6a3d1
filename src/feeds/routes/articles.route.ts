import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Article } from '../../domain/article.js';
import type { ContentPolicy } from '../../domain/content-policy.js';
import { ALL_CHANNEL_ID } from '../../domain/channel.js';
import type { ArticleRepository } from '../../store/article-repository.js';
import type { CardRepository } from '../../store/card-repository.js';
import { listItemOf, type RecommendationList } from '../../domain/recommendation-list.js';
import { toApiArticle } from '../api-article.js';
import { findRelated } from '../recommend/find-related.js';
import { feedId } from '../../domain/feed-id.js';

const listQuery = z.strictObject({
  channel: z.string().default(ALL_CHANNEL_ID),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});
const idParams = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, 'an article id is 16 hex digits') });
const relatedQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(50).default(10) });

export interface ArticleRouteDeps {
  channelIds: ReadonlySet<string>;
  articles: ArticleRepository;
  /** Article cards and the term index, for related articles. */
  cards: CardRepository;
  /** What the public API may show of an article (summary-only channels withhold the text). */
  policy: ContentPolicy;
}

/** `/api/articles`, `/api/articles/{id}`, `/api/articles/{id}/related`. */
export function registerArticleRoutes(app: FastifyInstance, deps: ArticleRouteDeps): void {
  const present = (article: Article) => toApiArticle(article, deps.policy);
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/api/articles', { schema: { querystring: listQuery } }, async (request, reply) => {
    const { channel, limit } = request.query;
    if (!deps.channelIds.has(channel)) return reply.code(404).send({ error: 'not_found', message: `no channel "${channel}"` });
    const ids = await deps.articles.listFeed(feedId.channel(channel), limit);
    const articles = await deps.articles.getMany(ids);
    return { channel, items: articles.map(present) };
  });

  typed.get('/api/articles/:id', { schema: { params: idParams } }, async (request, reply) => {
    const article = await deps.articles.get(request.params.id);
    if (!article) return reply.code(404).send({ error: 'not_found', message: `no article "${request.params.id}"` });
    return present(article);
  });

  typed.get('/api/articles/:id/related', { schema: { params: idParams, querystring: relatedQuery } }, async (request, reply) => {
    const related = await findRelated(deps.cards, request.params.id, request.query.limit);
    if (!related) return reply.code(404).send({ error: 'not_found', message: `no article "${request.params.id}"` });
    const list: RecommendationList = {
      kind: 'related',
      channel: ALL_CHANNEL_ID,
      items: related.map(({ card, score }) => listItemOf(card, score)),
    };
    return { id: request.params.id, ...list };
  });
}
