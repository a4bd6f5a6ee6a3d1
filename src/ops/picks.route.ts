import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CardRepository } from '../store/card-repository.js';
import type { PicksRepository } from '../store/picks-repository.js';

export interface PicksRouteDeps {
  channelIds: ReadonlySet<string>;
  picks: Pick<PicksRepository, 'pin' | 'unpin'>;
  cards: Pick<CardRepository, 'getMany'>;
  /** Asks for the channel's lists to be recomputed, so the pin shows within seconds. */
  requestLists: (channelIds: Iterable<string>) => void;
  now?: () => number;
}

const articleId = z.string().regex(/^[0-9a-f]{16}$/, 'an article id is 16 hex digits');

/**
 * Editors' picks (新闻推荐), admin token: `POST /api/admin/picks {articleId, channel, until}` pins
 * an article on a channel until a time; `DELETE /api/admin/picks/{channel}/{articleId}` unpins it.
 */
export function registerPicksRoutes(app: FastifyInstance, deps: PicksRouteDeps): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const body = z.strictObject({ articleId, channel: z.string().min(1), until: z.iso.datetime({ offset: true }) });
  typed.post('/api/admin/picks', { schema: { body } }, async (request, reply) => {
    const { articleId: id, channel, until } = request.body;
    const now = (deps.now ?? Date.now)();
    if (!deps.channelIds.has(channel)) return reply.code(404).send({ error: 'not_found', message: `no channel "${channel}"` });
    if ((await deps.cards.getMany([id])).length === 0) return reply.code(404).send({ error: 'not_found', message: `no article "${id}"` });
    if (Date.parse(until) <= now) return reply.code(400).send({ error: 'bad_request', message: 'until: must be in the future' });
    await deps.picks.pin(channel, id, Date.parse(until), now);
    deps.requestLists([channel]);
    return reply.code(201).send({ articleId: id, channel, until });
  });
  typed.delete(
    '/api/admin/picks/:channel/:articleId',
    { schema: { params: z.object({ channel: z.string(), articleId }) } },
    async (request, reply) => {
      const { channel, articleId: id } = request.params;
      if (!(await deps.picks.unpin(channel, id)))
        return reply.code(404).send({ error: 'not_found', message: `"${id}" is not pinned on "${channel}"` });
      deps.requestLists([channel]);
      return reply.code(204).send();
    },
  );
}
