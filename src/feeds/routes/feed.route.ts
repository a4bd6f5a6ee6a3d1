import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LIST_FEEDS, type FeedSpec, type ListFeedKind } from '../../domain/feed-catalog.js';
import { feedId } from '../../domain/feed-id.js';
import { listIdOf } from '../../domain/recommendation-list.js';
import type { Source } from '../../domain/source.js';
import type { FeedDirectory } from '../serve/feed-directory.js';
import { serveFeed, type FeedServing } from '../serve/serve-feed.js';
import type { SourcesInForce } from '../serve/sources-in-force.js';
import { feedFileParamsSchema, feedQuerySchema, notAFeedFile, parseFeedFile, variantOf, type FeedQuery } from './feed-query.js';

export interface FeedRouteDeps {
  directory: FeedDirectory;
  serving: FeedServing;
  /**
   * The sources in force (runtime changes included): a source's feed is served only while its
   * source is in force; without it, the config file's sources are.
   */
  sources?: SourcesInForce;
}

interface FeedRequest {
  Params: { file: string };
  Querystring: FeedQuery;
}

/**
 * `GET /feeds/{channel}.{rss,atom,json}` and `GET /feeds/sources/{source}.{rss,atom,json}`, with
 * `?limit=` (1–200, default from config) and `?page=`: the published bytes, compressed as
 * accepted, with ETag, Last-Modified, Cache-Control, Vary and 304s; and the feeds of a channel's
 * lists at `/feeds/lists/{hot|picks|channel-picks}/{channel}.{rss,atom,json}`, in list order.
 */
export function registerFeedRoutes(app: FastifyInstance, deps: FeedRouteDeps): void {
  const schema = { params: feedFileParamsSchema, querystring: feedQuerySchema };
  // Not async: a page at hand is answered without a promise (see serveFeed).
  const route = (kind: 'channel' | 'source', pattern: string) => (request: FastifyRequest<FeedRequest>, reply: FastifyReply) => {
    const file = parseFeedFile(request.params.file);
    if (!file) return reply.code(404).send(notAFeedFile(pattern));
    const spec = deps.directory.spec(feedId[kind](file.name));
    const serve = (found: FeedSpec) =>
      serveFeed(deps.serving, request, reply, { spec: found, format: file.format, variant: variantOf(request.query, found.defaultLimit) });
    const notFound = () => reply.code(404).send({ error: 'not_found', message: `no ${kind} "${file.name}"` });
    const { sources } = deps;
    if (kind === 'channel' || !sources) return spec ? serve(spec) : notFound();
    // A source's feed lives while the source does: added at runtime, it appears; deleted, it is gone.
    const answer = (found: Pick<Source, 'id' | 'name'> | undefined) => (found ? serve(deps.directory.addSource(found)) : notFound());
    const known = sources.known(file.name);
    if (known) return spec && known.found ? serve(spec) : answer(known.found);
    return sources.lookUp(file.name).then((looked) => (looked ? answer(looked.found) : spec ? serve(spec) : notFound()));
  };
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/feeds/:file', { schema }, route('channel', '/feeds/{channel}'));
  typed.get('/feeds/sources/:file', { schema }, route('source', '/feeds/sources/{source}'));
  const listParams = z.object({ kind: z.enum(Object.keys(LIST_FEEDS) as [ListFeedKind, ...ListFeedKind[]]), file: z.string() });
  typed.get('/feeds/lists/:kind/:file', { schema: { params: listParams, querystring: feedQuerySchema } }, (request, reply) => {
    const file = parseFeedFile(request.params.file);
    if (!file) return reply.code(404).send(notAFeedFile('/feeds/lists/{hot|picks|channel-picks}/{channel}'));
    const spec = deps.directory.spec(feedId.list(listIdOf(LIST_FEEDS[request.params.kind], file.name)));
    if (!spec) return reply.code(404).send({ error: 'not_found', message: `no channel "${file.name}"` });
    return serveFeed(deps.serving, request, reply, { spec, format: file.format, variant: variantOf(request.query, spec.defaultLimit) });
  });
}
