import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticatePartner, presentedKey, type Partner } from '../../domain/partner.js';
import { READER_EVENT_TYPES, READER_ID, type DropReason, type EventTally, type ReaderEvent } from '../../domain/reader-event.js';
import type { CountableEvent } from '../../store/reader-activity-repository.js';
import type { ArticleChannels } from './article-channels.js';
import type { EventBuffer } from './event-buffer.js';
import type { Redis } from 'ioredis';
import { refuseWhileStoreUnreachable, storeUnreachable } from '../store-unavailable.js';
import { screenEvents, type BotTest } from './screen-events.js';

export interface EventsRouteDeps {
  partners: readonly Partner[];
  /** Where checked events wait to be counted in Redis. */
  buffer: Pick<EventBuffer, 'add'>;
  articleChannels: ArticleChannels;
  isBot: BotTest;
  /** Events one request may carry. */
  maxEvents: number;
  /** The store's connection: while it is down, intake answers 503 at once. */
  redis: Pick<Redis, 'status'>;
  /** Told what each request took in and dropped, for metrics. */
  onTally?: (tally: EventTally) => void;
  now?: () => number;
}

const articleId = z.string().regex(/^[0-9a-f]{16}$/, 'an article id is 16 hex digits');
const readerId = z.string().regex(READER_ID, 'a reader id is 1 to 128 letters, digits, - or _');

const eventSchema = z.strictObject({
  type: z.enum(READER_EVENT_TYPES),
  articleId,
  readerId,
  /** ISO 8601 with offset, or epoch milliseconds; when the partner leaves it out, the time it arrives. */
  at: z.union([z.iso.datetime({ offset: true }).transform((iso) => Date.parse(iso)), z.number().int().nonnegative()]).optional(),
  userAgent: z.string().max(1000).optional(),
});

/** 42 bytes: a transparent 1×1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * `POST /api/events` (a partner's key): a batch of reading events, answered 202 with how many
 * were accepted and how many dropped, by reason (bots, unknown articles, too old or in the
 * future). `GET /api/events/pixel.gif?a=ARTICLE&r=READER`: a view from a page that cannot run
 * script, always answered with the pixel (`no-store`). Accepted events are counted in Redis a
 * moment later, many requests' events together (EventBuffer), never one queue job per event;
 * there a reader's second look within the hour and a reader's flood change no count.
 */
export function registerEventRoutes(app: FastifyInstance, deps: EventsRouteDeps): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const bodySchema = z.strictObject({ events: z.array(eventSchema).min(1).max(deps.maxEvents) });
  typed.post(
    '/api/events',
    {
      schema: { body: bodySchema },
      onRequest: async (request, reply) => {
        const auth = authenticatePartner(presentedKey(request.headers.authorization), { kind: 'events' }, deps.partners);
        if (auth.ok) return;
        reply.header('www-authenticate', 'Bearer realm="syndicator"');
        await reply.code(auth.status).send({ error: 'unauthorized', message: auth.message });
      },
    },
    async (request, reply) => {
      if (storeUnreachable(deps.redis)) return refuseWhileStoreUnreachable(reply);
      const now = (deps.now ?? Date.now)();
      const events = request.body.events;
      for (const event of events) event.at ??= now;
      const tally = await takeEvents(deps, events as ReaderEvent[], now);
      if (!tally) return reply.code(503).header('retry-after', '1').send({ error: 'busy', message: 'too many events wait to be counted' });
      return reply.code(202).send(tally);
    },
  );
  const pixelQuery = z.object({ a: z.string().max(64).optional(), r: z.string().max(256).optional() });
  typed.get('/api/events/pixel.gif', { schema: { querystring: pixelQuery } }, async (request, reply) => {
    const { a, r } = request.query;
    // A pixel never breaks the page it is on: a malformed one is answered all the same, and not counted.
    if (a && r && articleId.safeParse(a).success && READER_ID.test(r) && !storeUnreachable(deps.redis)) {
      const now = (deps.now ?? Date.now)();
      await takeEvents(deps, [{ type: 'view', articleId: a, readerId: r, at: now, userAgent: request.headers['user-agent'] ?? '' }], now);
    }
    return reply.type('image/gif').header('cache-control', 'no-store').send(PIXEL);
  });
}

/** Screens a batch, looks up its articles and hands it to the buffer; returns the tally, or undefined when the buffer is full. */
async function takeEvents(deps: EventsRouteDeps, events: readonly ReaderEvent[], now: number): Promise<EventTally | undefined> {
  const { kept, dropped } = screenEvents(events, now, deps.isBot);
  const channels = await deps.articleChannels.of(kept.map((event) => event.articleId));
  const countable: CountableEvent[] = [];
  for (const event of kept) {
    const of = channels.get(event.articleId);
    if (of) countable.push({ articleId: event.articleId, readerId: event.readerId, at: event.at, channels: of });
    else dropped.push('unknown-article');
  }
  if (!deps.buffer.add(countable)) return undefined;
  const result = { accepted: countable.length, dropped: tally(dropped) };
  deps.onTally?.(result);
  return result;
}

function tally(reasons: readonly DropReason[]): Partial<Record<DropReason, number>> {
  const counts: Partial<Record<DropReason, number>> = {};
  for (const reason of reasons) counts[reason] = (counts[reason] ?? 0) + 1;
  return counts;
}
