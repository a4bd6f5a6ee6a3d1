import rateLimit from '@fastify/rate-limit';
import { StoreKeys } from '../../store/store-keys.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Partner } from '../../domain/partner.js';
import { authenticatePartner, partnerRateLimit, presentedKey } from '../../domain/partner.js';
import type { FeedDirectory } from '../serve/feed-directory.js';
import { serveFeed, type FeedServing } from '../serve/serve-feed.js';
import { feedQuerySchema, notAFeedFile, parseFeedFile, variantOf } from './feed-query.js';
import { feedId } from '../../domain/feed-id.js';

export interface PartnerFeedRouteDeps {
  directory: FeedDirectory;
  serving: FeedServing;
  partners: readonly Partner[];
  redis: Redis;
  keyPrefix: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    feedPartner?: Partner;
  }
}

const paramsSchema = z.object({ partnerId: z.string(), file: z.string() });
const querySchema = feedQuerySchema.extend({ key: z.string().optional() });

/**
 * `GET /feeds/partner/{partnerId}/{channel}.{rss,atom,json}?key=…`: a partner's full-content feed
 * of a channel it may pull, also where the public feed carries only summaries. 401 without a
 * valid key, 403 for another partner's feed or a channel not granted, 429 with Retry-After over
 * the partner's rate (counted in Redis across servers, apart from its pushes).
 */
export async function registerPartnerFeedRoute(app: FastifyInstance, deps: PartnerFeedRouteDeps): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(rateLimit, {
      global: false,
      redis: deps.redis,
      nameSpace: new StoreKeys(deps.keyPrefix).rateLimitNamespace('feeds'),
      skipOnError: false,
    });
    scope.withTypeProvider<ZodTypeProvider>().get(
      '/feeds/partner/:partnerId/:file',
      {
        schema: { params: paramsSchema, querystring: querySchema },
        preValidation: async (request, reply) => {
          const partner = await authenticate(deps, request.params, presentedKey(request.headers.authorization, request.query.key), reply);
          if (partner) request.feedPartner = partner;
        },
        config: { rateLimit: partnerRateLimit(authenticatedPartner, 'preHandler') },
      },
      async (request, reply) => {
        // preValidation has answered 404 already for a file that is not a feed.
        const file = parseFeedFile(request.params.file);
        if (!file) return reply.code(404).send(notAFeedFile('/feeds/partner/{partner}/{channel}'));
        const spec = deps.directory.spec(feedId.partner(request.params.partnerId, file.name));
        if (!spec) return reply.code(404).send({ error: 'not_found', message: `no partner feed of "${file.name}"` });
        return serveFeed(deps.serving, request, reply, { spec, format: file.format, variant: variantOf(request.query, spec.defaultLimit) });
      },
    );
  });
}

/**
 * Returns the partner that preValidation authenticated. The hooks after it and the handler run
 * only when it did: on any other outcome preValidation has answered, which ends the request.
 */
function authenticatedPartner(request: FastifyRequest): Partner {
  if (!request.feedPartner) throw new Error('partner feed: no authenticated partner on a request past preValidation');
  return request.feedPartner;
}

/** Returns the partner a request for its feed is from, or answers 404/401/403 and returns undefined. */
async function authenticate(
  deps: PartnerFeedRouteDeps,
  params: { partnerId: string; file: string },
  key: string | undefined,
  reply: FastifyReply,
): Promise<Partner | undefined> {
  const file = parseFeedFile(params.file);
  if (!file) {
    await reply.code(404).send(notAFeedFile('/feeds/partner/{partner}/{channel}'));
    return undefined;
  }
  const auth = authenticatePartner(key, { kind: 'pull', partnerId: params.partnerId, channelId: file.name }, deps.partners);
  if (auth.ok) return auth.partner;
  if (auth.status === 401) reply.header('www-authenticate', 'Bearer realm="syndicator"');
  await reply.code(auth.status).send({ error: auth.status === 401 ? 'unauthorized' : 'forbidden', message: auth.message });
  return undefined;
}
