import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Partner } from '../../domain/partner.js';
import type { ProcessPayload } from '../../queues/payloads.js';
import type { ProcessBacklog } from '../../queues/process-backlog.js';
import type { QueueSet } from '../../queues/queue-set.js';
import { enqueueItems } from '../../queues/enqueue.js';
import { StoreKeys } from '../../store/store-keys.js';
import { refuseWhileBacklogFull } from '../backlog-full.js';
import { refuseWhileStoreUnreachable, storeUnreachable } from '../store-unavailable.js';
import { inputToRawItem, pushBodySchema } from './article-input.js';
import { authenticatePartner, partnerRateLimit, presentedKey } from '../../domain/partner.js';

export interface PushRouteDeps {
  partners: readonly Partner[];
  queues: Pick<QueueSet, 'process'>;
  /** Past its limit, pushes are refused with 503 and Retry-After. */
  backlog: Pick<ProcessBacklog, 'full' | 'limit'>;
  redis: Redis;
  keyPrefix: string;
  maxBodyBytes: number;
  maxItems: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    partner?: Partner;
  }
}

/**
 * `POST /api/articles`: partners push one article or an array of them with their API key.
 * 401/403 for a missing, unknown or unauthorised key; 413 over the size cap; 429 with
 * Retry-After over the partner's rate (counted in Redis, so across server processes);
 * 400 naming the field and the problem; 202 saying which items were queued; 503 with
 * Retry-After at once while Redis does not answer, and while the backlog of items waiting in
 * `process` is at its limit.
 */
export async function registerPushRoute(app: FastifyInstance, deps: PushRouteDeps): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    redis: deps.redis,
    nameSpace: new StoreKeys(deps.keyPrefix).rateLimitNamespace('push'),
    skipOnError: false,
  });
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/articles',
    {
      bodyLimit: deps.maxBodyBytes,
      schema: { body: pushBodySchema(deps.maxItems) },
      onRequest: async (request, reply) => {
        const auth = authenticatePartner(presentedKey(request.headers.authorization), { kind: 'push' }, deps.partners);
        if (!auth.ok) {
          if (auth.status === 401) reply.header('www-authenticate', 'Bearer realm="syndicator"');
          return reply.code(auth.status).send({ error: auth.status === 401 ? 'unauthorized' : 'forbidden', message: auth.message });
        }
        request.partner = auth.partner;
        if (storeUnreachable(deps.redis)) return refuseWhileStoreUnreachable(reply);
        if (await deps.backlog.full()) return refuseWhileBacklogFull(reply, deps.backlog.limit);
      },
      config: { rateLimit: partnerRateLimit(authenticatedPartner, 'preValidation') },
    },
    async (request, reply) => {
      const partner = authenticatedPartner(request);
      const inputs = request.body;
      const fetchedAt = new Date().toISOString();
      const source = { id: `partner-${partner.id}`, name: partner.name, channels: partner.channels };
      const payloads: ProcessPayload[] = inputs.map((input) => ({ source, item: inputToRawItem(input), fetchedAt }));
      const jobIds = await enqueueItems(deps.queues.process, payloads);
      return reply.code(202).send({
        // One job per input, in order.
        queued: jobIds.map((jobId, index) => ({ index, url: inputs[index]?.url, jobId })),
      });
    },
  );
}

/**
 * Returns the partner that onRequest authenticated. The hooks after it and the handler run
 * only when it did: on any other outcome onRequest has answered, which ends the request.
 */
function authenticatedPartner(request: FastifyRequest): Partner {
  if (!request.partner) throw new Error('push: no authenticated partner on a request past onRequest');
  return request.partner;
}
