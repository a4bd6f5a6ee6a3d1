import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Article } from '../../domain/article.js';
import type { ContentPolicy } from '../../domain/content-policy.js';
import { ALL_CHANNEL_ID } from '../../domain/channel.js';
import type { ArticleRepository } from '../../store/article-repository.js';
import type { CardRepository } from '../../store/card-repository.js';
import { listItemOf, type RecommendationList } from '../../domain/recommendation-list.js';
import type { SegmentText } from '../../domain/search-terms.js';
import type { ArticleListing } from '../../store/article-listing.js';
import { apiArticleSchema, toApiArticle } from '../api-article.js';
import { encodeCursor } from '../article-cursor.js';
import { articleListQuerySchema, planArticleList } from '../article-list-query.js';
import { findRelated } from '../recommend/find-related.js';

const errorSchema = z.object({ error: z.string(), message: z.string() }).meta({ id: 'Error' });
const articlePageSchema = z
  .object({
    channel: z.string(),
    order: z.enum(['published', 'changed']),
    items: z.array(apiArticleSchema),
    next: z
      .string()
      .nullable()
      .describe(
        'The cursor of the page after this one. In the changed order always set, also on the last page: keep it and ask again later for what changes after.',
      ),
    more: z.boolean().describe('Whether more articles follow now.'),
  })
  .meta({ id: 'ArticlePage' });
const idParams = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, 'an article id is 16 hex digits') });
const relatedQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(50).default(10) });

export interface ArticleRouteDeps {
  channelIds: ReadonlySet<string>;
  articles: ArticleRepository;
  /** Article cards and the term index, for related articles. */
  cards: CardRepository;
  /** What the public API may show of an article (summary-only channels withhold the text). */
  policy: ContentPolicy;
  /** Pages of article ids by cursor: by publication or by change, filtered, searched. */
  listing: Pick<ArticleListing, 'page'>;
  /** Cuts a search query into words, as the articles' text was cut when they were indexed. */
  segment: SegmentText;
}

/** `/api/articles`, `/api/articles/{id}`, `/api/articles/{id}/related`. */
export function registerArticleRoutes(app: FastifyInstance, deps: ArticleRouteDeps): void {
  const present = (article: Article) => toApiArticle(article, deps.policy);
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: errorSchema, 404: errorSchema };
  typed.get(
    '/api/articles',
    {
      schema: {
        summary: 'List, sync and search articles',
        querystring: articleListQuerySchema,
        response: { 200: articlePageSchema, ...errors },
      },
    },
    async (request, reply) => {
      const plan = planArticleList(request.query, deps.segment);
      if ('message' in plan) return reply.code(400).send({ error: 'bad_request', message: plan.message });
      const { channel } = plan.cursor;
      if (!deps.channelIds.has(channel)) return reply.code(404).send({ error: 'not_found', message: `no channel "${channel}"` });
      const { entries, more } = await deps.listing.page(plan.listing);
      const articles = await deps.articles.getMany(entries.map((entry) => entry.id));
      const last = entries.at(-1);
      const position = last ? { score: last.score, id: last.id } : plan.cursor.position;
      // In the changed order the end of today's changes is where tomorrow's begin: the cursor is always handed out.
      const next = more || plan.listing.order === 'changed' ? encodeCursor({ ...plan.cursor, position }) : null;
      return { channel, order: plan.listing.order, items: articles.map(present), next, more };
    },
  );

  typed.get(
    '/api/articles/:id',
    { schema: { summary: 'One article', params: idParams, response: { 200: apiArticleSchema, ...errors } } },
    async (request, reply) => {
      const article = await deps.articles.get(request.params.id);
      if (!article) return reply.code(404).send({ error: 'not_found', message: `no article "${request.params.id}"` });
      return present(article);
    },
  );

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
