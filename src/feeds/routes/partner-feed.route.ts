import rateLimit from '@fastify/rate-limit';
import { StoreKeys } from '../../store/store-keys.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { Partner } from '../../domain/partner.js';
import { authenticatePartner, partnerRateLimit, presentedKey } from '../../domain/partner.js';
import type { FeedDirectory } from '../serve/feed-directory.js';
import { serveFeed, type FeedServing } from '../serve/serve-feed.js';
import { FEED_QUERY_SCHEMA, notAFeedFile, parseFeedFile, variantOf, type FeedQuery } from './feed-query.js';
import { feedId } from '../../domain/feed-id.js';

export interface PartnerFeedRouteDeps {
  directory: FeedDirectory;
  serving: FeedServing;
  partners: readonly Partner[];
  redis: Redis;
  keyPrefix: string;
}

interface PartnerFeedRequest {
  Params: { partnerId: string; file: string };
  Querystring: FeedQuery & { key?: string };
}

declare module 'fastify' {
  interface FastifyRequest {
    feedPartner?: Partner;
  }
}

const QUERY_SCHEMA = { ...FEED_QUERY_SCHEMA, properties: { ...FEED_QUERY_SCHEMA.properties, key: { type: 'string' } } } as const;

/**
 * `GET /feeds/partner/{partnerId}/{channel}.{rss,atom,json}?key=…`: a partner's full-content feed
 * of a channel it may pull, also where the public feed carries only summaries. 401 without a
 * valid key, 403 for another partner's feed or a channel not granted, 429 with Retry-After over
 * the partner's rate (counted in Redis across servers, apart from its pushes).
 */
export async function registerPartnerFeedRoute(app: FastifyInstance, deps: PartnerFeedRouteDeps): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(rateLimit, { global: false, redis: deps.redis, nameSpace: new StoreKeys(deps.keyPrefix).rateLimitNamespace('feeds'), skipOnError: false });
    const partnerOf = (request: FastifyRequest) => request.feedPartner!;
    scope.get<PartnerFeedRequest>(
      '/feeds/partner/:partnerId/:file',
      {
        schema: { querystring: QUERY_SCHEMA },
        preValidation: async (request, reply) => authenticate(deps, request, reply),
        config: { rateLimit: partnerRateLimit(partnerOf, 'preHandler') },
      },
      async (request, reply) => {
        const file = parseFeedFile(request.params.file)!;
        const spec = deps.directory.spec(feedId.partner(request.params.partnerId, file.name));
        if (!spec) return reply.code(404).send({ error: 'not_found', message: `no partner feed of "${file.name}"` });
        return serveFeed(deps.serving, request, reply, spec, file.format, variantOf(request.query, spec.defaultLimit));
      },
    );
  });
}

async function authenticate(deps: PartnerFeedRouteDeps, request: FastifyRequest<PartnerFeedRequest>, reply: FastifyReply): Promise<FastifyReply | undefined> {
  const file = parseFeedFile(request.params.file);
  if (!file) return reply.code(404).send(notAFeedFile('/feeds/partner/{partner}/{channel}'));
  const key = presentedKey(request.headers.authorization, request.query.key);
  const auth = authenticatePartner(key, { kind: 'pull', partnerId: request.params.partnerId, channelId: file.name }, deps.partners);
  if (!auth.ok) {
    if (auth.status === 401) reply.header('www-authenticate', 'Bearer realm="syndicator"');
    return reply.code(auth.status).send({ error: auth.status === 401 ? 'unauthorized' : 'forbidden', message: auth.message });
  }
  request.feedPartner = auth.partner;
  return undefined;
}
