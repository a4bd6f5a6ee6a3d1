import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ArticleCard } from '../../domain/article-card.js';
import { ALL_CHANNEL_ID } from '../../domain/channel.js';
import { feedId } from '../../domain/feed-id.js';
import { READER_ID } from '../../domain/reader-event.js';
import { HOT_WINDOWS, listIdOf, listItemOf, type ListItem, type ListKind, type PrecomputedList } from '../../domain/recommendation-list.js';
import type { ArticleRepository } from '../../store/article-repository.js';
import type { CardRepository } from '../../store/card-repository.js';
import type { ReaderActivityRepository } from '../../store/reader-activity-repository.js';
import { rankForYou } from '../recommend/for-you.js';
import { renderWidget } from '../render/render-widget.js';
import { sendDocument } from '../serve/send-document.js';
import { servedText, type ServedListCache } from '../serve/served-list-cache.js';

export interface ListRouteDeps {
  channelIds: ReadonlySet<string>;
  lists: ServedListCache;
  cards: Pick<CardRepository, 'getMany' | 'statistics'>;
  activity: Pick<ReaderActivityRepository, 'recentReads'>;
  articles: Pick<ArticleRepository, 'listFeed'>;
  /** The most items a list holds, and so the largest `limit`. */
  size: number;
  maxAgeSeconds: number;
  now?: () => number;
}

/** How many of a reader's reads, and of the channel's newest articles, for-you looks at. */
const HISTORY = 30;
const FRESH_POOL = 200;

const kindSchema = z.enum(['hot', 'for-you', 'channel-picks', 'picks']);
type ServedKind = z.infer<typeof kindSchema>;

/**
 * `GET /api/lists/{hot|for-you|channel-picks|picks}?channel=&window=24h|7d&limit=&reader=` and
 * `GET /widgets/{kind}.html?…`: a list as JSON (`{kind, channel, items}`) or as an HTML widget
 * for a partner's iframe. Hot, picks and channel picks are precomputed by the publish worker and
 * served from this process's memory with ETag, 304 and compression; for-you is computed per
 * request from the reader's reads and the cards of fresh articles (hot, without a history).
 */
export function registerListRoutes(app: FastifyInstance, deps: ListRouteDeps): void {
  const querySchema = z.object({
    channel: z.string().default(ALL_CHANNEL_ID),
    window: z.enum(Object.keys(HOT_WINDOWS) as [keyof typeof HOT_WINDOWS, ...(keyof typeof HOT_WINDOWS)[]]).default('24h'),
    limit: z.coerce.number().int().min(1).max(deps.size).default(10),
    reader: z.string().regex(READER_ID, 'a reader id is 1 to 128 letters, digits, - or _').optional(),
  });
  type ListQuery = z.infer<typeof querySchema>;
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const serve = async (kind: ServedKind, query: ListQuery, format: 'json' | 'widget', request: FastifyRequest, reply: FastifyReply) => {
    if (!deps.channelIds.has(query.channel)) return reply.code(404).send({ error: 'not_found', message: `no channel "${query.channel}"` });
    const render = (items: readonly ListItem[]) => rendering(kind, query.channel, items.slice(0, query.limit), format, deps.maxAgeSeconds);
    if (kind === 'for-you') {
      const items = await forYou(deps, query.reader, query.channel, query.limit);
      const { text, headers } = render(items);
      return sendDocument(request, reply, servedText(text, { ...headers, cacheControl: 'private, max-age=60' }));
    }
    const doc = await deps.lists.document(listIdOf(precomputed(kind, query.window), query.channel), `${format}:${query.limit}`, render);
    if (!doc) return reply.code(503).header('retry-after', '5').send({ error: 'not_ready', message: 'the list has not been computed yet' });
    return sendDocument(request, reply, doc);
  };
  typed.get('/api/lists/:kind', { schema: { params: z.object({ kind: kindSchema }), querystring: querySchema } }, (request, reply) =>
    serve(request.params.kind, request.query, 'json', request, reply),
  );
  const widgetFile = z.string().regex(/^(hot|for-you|channel-picks|picks)\.html$/, 'a widget is {hot|for-you|channel-picks|picks}.html');
  typed.get('/widgets/:file', { schema: { params: z.object({ file: widgetFile }), querystring: querySchema } }, (request, reply) =>
    serve(kindSchema.parse(request.params.file.replace(/\.html$/, '')), request.query, 'widget', request, reply),
  );
}

function precomputed(kind: Exclude<ServedKind, 'for-you'>, window: keyof typeof HOT_WINDOWS): PrecomputedList {
  return kind === 'hot' ? `hot-${window}` : kind;
}

function rendering(kind: ListKind, channel: string, items: readonly ListItem[], format: 'json' | 'widget', maxAgeSeconds: number) {
  const cacheControl = `public, max-age=${maxAgeSeconds}`;
  if (format === 'widget') return { text: renderWidget(kind, items), headers: { contentType: 'text/html; charset=utf-8', cacheControl } };
  return { text: JSON.stringify({ kind, channel, items }), headers: { contentType: 'application/json; charset=utf-8', cacheControl } };
}

/** 猜你喜欢 for one reader; without a reader or a history, the channel's hot list. */
async function forYou(deps: ListRouteDeps, readerId: string | undefined, channel: string, limit: number): Promise<readonly ListItem[]> {
  const hot = () => deps.lists.items(listIdOf('hot-24h', channel));
  if (!readerId) return hot();
  const reads = await deps.activity.recentReads(readerId, HISTORY);
  if (reads.length === 0) return hot();
  const fresh = await deps.articles.listFeed(feedId.channel(channel), FRESH_POOL);
  const [readCards, candidates, hotItems] = await Promise.all([
    deps.cards.getMany(reads.map((read) => read.articleId)),
    deps.cards.getMany(fresh),
    hot(),
  ]);
  const hotCards = await deps.cards.getMany(hotItems.map((item) => item.id).filter((id) => !fresh.includes(id)));
  const pool: ArticleCard[] = [...candidates, ...hotCards];
  const statistics = await deps.cards.statistics([
    ...new Set([...readCards, ...pool].flatMap((card) => card.keywords.map((keyword) => keyword.term))),
  ]);
  const history = { cards: readCards, readAt: new Map(reads.map((read) => [read.articleId, read.at])) };
  return rankForYou(history, pool, statistics, (deps.now ?? Date.now)(), limit).map(({ card, score }) => listItemOf(card, score));
}
