import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fieldsOfSource } from '../../config/source-input.js';
import type { Channel } from '../../domain/channel.js';
import { maskCredentials } from '../../domain/mask-credentials.js';
import type { SourceRecord } from '../../store/source-records.js';
import type { SourceStateRepository } from '../../store/source-state-repository.js';
import { crossSite } from '../cross-site.js';
import { maskedState } from '../source-status.js';
import { sourceHealthOf } from './source-health.js';
import { SourceChangeError, type SourceAdmin } from './source-admin.js';
import { actorName } from './source-change-log.js';
import { writeSourcesOpml } from './write-opml.js';

export interface AdminSourcesRouteDeps {
  admin: SourceAdmin;
  sourceStates: SourceStateRepository;
  channels: readonly Channel[];
  siteName: string;
}

/** The header that names who makes a change (the admin token names nobody). */
export const ACTOR_HEADER = 'x-syndicator-actor';
/** Who a change is logged as when the request names nobody. */
export const DEFAULT_API_ACTOR = 'admin-api';

const params = z.object({ id: z.string().min(1).max(200) });
/** Fields of a source as the config file writes them; the source's own schema checks them, with its messages. */
const fieldsBody = z.record(z.string(), z.unknown());

const STATUS_OF: Record<SourceChangeError['kind'], [number, string]> = {
  invalid: [400, 'bad_request'],
  'not-found': [404, 'not_found'],
  exists: [409, 'conflict'],
};

/**
 * The sources at runtime, admin token (register inside registerAdminRoutes):
 * `GET /api/admin/sources` (each with its fetch state and health), `GET /api/admin/sources/{id}`,
 * `POST /api/admin/sources` (201), `PATCH /api/admin/sources/{id}` (null takes a field out),
 * `DELETE /api/admin/sources/{id}` (204), `POST …/{id}/pause`, `…/resume`, `…/poll` (202: the
 * backoff cleared and a poll queued now), `GET /api/admin/sources.opml`, and the change log
 * `GET /api/admin/source-changes?limit=` (newest first, from every process). Every change is applied
 * to the schedulers at once and logged with the `X-Syndicator-Actor` header's name (default
 * `admin-api`); a change posted from another site's page is refused.
 */
export function registerAdminSourceRoutes(app: FastifyInstance, deps: AdminSourcesRouteDeps): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { admin } = deps;
  const view = async (record: SourceRecord) => viewOf(record, deps.sourceStates);
  typed.get('/api/admin/sources', async () => ({ items: await Promise.all((await admin.list()).map(view)) }));
  typed.get('/api/admin/sources.opml', async (_request, reply) => {
    const sources = (await admin.list()).map(({ source, paused }) => ({ source: { ...source, url: maskCredentials(source.url) }, paused }));
    const opml = writeSourcesOpml(sources, deps.channels, { title: `${deps.siteName} sources`, created: new Date() });
    return reply.type('text/x-opml; charset=utf-8').header('cache-control', 'no-store').send(opml);
  });
  const changesQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(50) });
  typed.get('/api/admin/source-changes', { schema: { querystring: changesQuery } }, async (request) => ({
    items: await admin.changes(request.query.limit),
  }));
  typed.get('/api/admin/sources/:id', { schema: { params } }, async (request, reply) => {
    const record = await admin.get(request.params.id);
    return record ? view(record) : reply.code(404).send({ error: 'not_found', message: `no source "${request.params.id}"` });
  });
  typed.post('/api/admin/sources', { schema: { body: fieldsBody } }, (request, reply) =>
    change(request, reply, 201, async (actor) => view(await admin.add(request.body, actor))),
  );
  typed.patch('/api/admin/sources/:id', { schema: { params, body: fieldsBody } }, (request, reply) =>
    change(request, reply, 200, async (actor) => view(await admin.edit(request.params.id, request.body, actor))),
  );
  typed.delete('/api/admin/sources/:id', { schema: { params } }, (request, reply) =>
    change(request, reply, 204, (actor) => admin.remove(request.params.id, actor)),
  );
  typed.post('/api/admin/sources/:id/pause', { schema: { params } }, (request, reply) =>
    change(request, reply, 200, async (actor) => view(await admin.pause(request.params.id, actor))),
  );
  typed.post('/api/admin/sources/:id/resume', { schema: { params } }, (request, reply) =>
    change(request, reply, 200, async (actor) => view(await admin.resume(request.params.id, actor))),
  );
  typed.post('/api/admin/sources/:id/poll', { schema: { params } }, (request, reply) =>
    change(request, reply, 202, async (actor) => {
      const { jobId, wasBackingOffUntil } = await admin.pollNow(request.params.id, actor);
      return { source: request.params.id, jobId, backoffCleared: wasBackingOffUntil !== undefined, wasBackingOffUntil };
    }),
  );
}

/** Runs a change as the request's actor and answers `status` with its result, or the refusal with its status. */
async function change(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  run: (actor: string) => Promise<unknown>,
): Promise<FastifyReply> {
  if (crossSite(request))
    return reply.code(403).send({ error: 'forbidden', message: 'a change of sources must not come from another site' });
  const header = request.headers[ACTOR_HEADER];
  try {
    const result = await run(actorName(Array.isArray(header) ? header[0] : header, DEFAULT_API_ACTOR));
    return await (status === 204 ? reply.code(204).send() : reply.code(status).send(result));
  } catch (error) {
    if (!(error instanceof SourceChangeError)) throw error;
    const [code, name] = STATUS_OF[error.kind];
    return reply.code(code).send({ error: name, message: error.message });
  }
}

/** A source as the API shows it: its fields as the config file writes them (credentials masked), who changed it last, its state and health. */
async function viewOf(record: SourceRecord, states: SourceStateRepository) {
  const state = await states.get(record.source.id);
  const fields = fieldsOfSource(record.source);
  return {
    ...fields,
    url: maskCredentials(fields.url),
    paused: record.paused,
    owner: record.owner,
    changedAt: record.changedAt,
    changedBy: record.changedBy,
    state: maskedState(state),
    health: sourceHealthOf(state, record.paused),
  };
}
