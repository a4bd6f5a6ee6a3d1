import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FeedDemandRepository } from '../../store/feed-demand-repository.js';
import type { FeedFormat } from '../../domain/feed-format.js';
import type { FeedSpec } from '../../domain/feed-catalog.js';
import { lastPageOf, variantKey, type PageVariant } from '../../domain/feed-paging.js';
import { sendDocument } from './send-document.js';
import type { ServedDocument } from './served-document.js';
import type { ServedFeedCache } from './served-feed-cache.js';

/** How often a page that is served is noted as still wanted (it stays rendered for an hour after). */
const DEMAND_REFRESH_MS = 5 * 60_000;
const POLL_MS = 50;

/** What serving feeds needs besides the request. */
export interface FeedServing {
  cache: ServedFeedCache;
  demand: Pick<FeedDemandRepository, 'record'>;
  /** Asks for a publish job of a channel (a no-op where no queue is at hand). */
  requestPublish: (channelId: string) => Promise<void>;
  /** How long a reader waits for a page that is not rendered yet before a 503. */
  waitMs: number;
  /** When this process last recorded each `feedId|page` as wanted. */
  noted: Map<string, number>;
}

/**
 * Answers with one page of a feed from the cache. The default page is rendered on every change;
 * another page that no reader asked for lately is not: the request notes it as wanted, asks for
 * a publish job, and waits for the worker to render it. A GET never renders, in any case.
 * A page at hand is answered synchronously (the hot path); anything else goes through Redis.
 */
export function serveFeed(
  serving: FeedServing,
  request: FastifyRequest,
  reply: FastifyReply,
  page: RequestedPage,
): FastifyReply | Promise<FastifyReply> {
  const { spec, format, variant } = page;
  const key = variantKey(variant);
  const doc = serving.cache.peek(spec.feedId, key, format);
  if (!doc) return serveFromStore(serving, request, reply, page);
  if (!isDefaultPage(spec, variant)) void noteDemand(serving, spec.feedId, key, false);
  return sendDocument(request, reply, doc);
}

/** The page of a feed a request asks for: which feed, in which format, which page of how many items. */
export interface RequestedPage {
  spec: FeedSpec;
  format: FeedFormat;
  variant: PageVariant;
}

async function serveFromStore(
  serving: FeedServing,
  request: FastifyRequest,
  reply: FastifyReply,
  page: RequestedPage,
): Promise<FastifyReply> {
  const { spec, format, variant } = page;
  const key = variantKey(variant);
  const doc = await serving.cache.get(spec.feedId, key, format);
  const isDefault = isDefaultPage(spec, variant);
  if (doc) {
    if (!isDefault) void noteDemand(serving, spec.feedId, key, false);
    return sendDocument(request, reply, doc);
  }
  if (isDefault) return notReady(reply);
  const first = await serving.cache.get(spec.feedId, variantKey({ limit: spec.defaultLimit, page: 1 }), format);
  if (!first) return notReady(reply);
  const lastPage = lastPageOf(first.count, variant.limit);
  if (variant.page > lastPage)
    return reply.code(404).send({ error: 'not_found', message: `page: ${variant.page} is past the last page, ${lastPage}` });
  const rendered = await awaitRendering(serving, spec, key, format);
  return rendered ? sendDocument(request, reply, rendered) : notReady(reply);
}

function isDefaultPage(spec: FeedSpec, variant: PageVariant): boolean {
  return variant.page === 1 && variant.limit === spec.defaultLimit;
}

async function awaitRendering(serving: FeedServing, spec: FeedSpec, key: string, format: FeedFormat): Promise<ServedDocument | undefined> {
  await noteDemand(serving, spec.feedId, key, true);
  await serving.requestPublish(spec.ownerChannelId);
  const deadline = Date.now() + serving.waitMs;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const doc = await serving.cache.reload(spec.feedId, key, format);
    if (doc) return doc;
  }
  return undefined;
}

/** Records that a page is wanted: always when it is missing, else at most every few minutes. */
async function noteDemand(serving: FeedServing, feedId: string, key: string, force: boolean): Promise<void> {
  const id = `${feedId}|${key}`;
  const { noted } = serving;
  const now = Date.now();
  if (!force && now - (noted.get(id) ?? 0) < DEMAND_REFRESH_MS) return;
  if (noted.size > 10_000) noted.clear();
  noted.set(id, now);
  await serving.demand.record(feedId, key, now).catch(() => noted.delete(id));
}

function notReady(reply: FastifyReply): FastifyReply {
  return reply.code(503).header('retry-after', '5').send({ error: 'not_ready', message: 'feed not published yet' });
}
