import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { Redis } from 'ioredis';
import { isbot } from 'isbot';
import { pino } from 'pino';
import { startRoles, type RunningApp } from '../src/app/start-roles.js';
import { resolveRedis } from '../src/app/resolve-redis.js';
import { loadConfig, type Config } from '../src/config/load-config.js';
import type { ArticleCard } from '../src/domain/article-card.js';
import { ALL_CHANNEL_ID } from '../src/domain/channel.js';
import { feedId } from '../src/domain/feed-id.js';
import type { Partner } from '../src/domain/partner.js';
import { listIdOf, listItemOf } from '../src/domain/recommendation-list.js';
import { sha256 } from '../src/domain/sha256.js';
import { ArticleChannels } from '../src/producers/events/article-channels.js';
import { EventBuffer } from '../src/producers/events/event-buffer.js';
import { registerEventRoutes } from '../src/producers/events/events.route.js';
import { rememberingBotTest } from '../src/producers/events/screen-events.js';
import { ArticleRepository } from '../src/store/article-repository.js';
import { CardRepository } from '../src/store/card-repository.js';
import { ListRepository } from '../src/store/list-repository.js';
import { ReaderActivityRepository } from '../src/store/reader-activity-repository.js';
import { fmt, printTable } from './bench-table.js';
import {
  benchConfig,
  benchItem,
  cleanUp,
  compareLoads,
  compareLoadsOf,
  describeLoad,
  publishItems,
  SERVER_ROLE,
  type LoadResult,
  type LoadTarget,
} from './feed-http.bench.js';

const CARDS = 300;
/** Items published before the list bench, as the feed bench does: `all.atom` serves the newest page of them. */
const PUBLISHED = 200;
/** Distinct request bodies autocannon cycles through (a HAR file); reader ids are fresh in every request. */
const BODIES = 60;
const READERS_PER_BATCH = 10;
const EVENTS_PER_READER = 5;
const BATCH = READERS_PER_BATCH * EVENTS_PER_READER;
const BROWSERS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47',
  'Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
];
const BOT = 'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)';
/** autocannon (`-I`) puts one fresh URL-safe id here in every request: each request brings new readers. */
const FRESH_ID = '[<id>]';

/**
 * Reading events and recommendation lists, against ceilings measured in the same run:
 * - events/s accepted by `POST /api/events` (real repositories on Redis, batches of 50) against a
 *   bare Fastify route answering 202 to the same bodies (target ≥ 50%);
 * - req/s and p99 of `GET /api/lists/hot?channel=all&limit=10` against the cached
 *   `GET /feeds/all.atom` of the same server (targets: ≥ 90%, p99 < 5 ms).
 */
export async function benchLists(): Promise<void> {
  const redis = await resolveRedis(process.env.REDIS_URL, path.resolve('data'));
  const base = loadConfig({});
  try {
    await benchEvents(redis.url, benchConfig(base));
    await benchListHttp(redis.url, benchConfig(base));
  } finally {
    await redis.stop();
  }
}

async function benchEvents(url: string, config: Config): Promise<void> {
  const prefix = config.redis.prefix;
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const activity = new ReaderActivityRepository(connection, prefix, {
    profileTtlMs: config.lists.profileTtl,
    maxEventsPerMinute: config.lists.maxEventsPerMinute,
    profileSize: config.lists.profileSize,
  });
  const counted = { batches: 0, counted: 0, repeats: 0, floods: 0, failures: 0, channels: new Set<string>() };
  const buffer = new EventBuffer(
    (events) => activity.record(events),
    (recorded) => {
      counted.batches++;
      counted.counted += recorded.counted;
      counted.repeats += recorded.repeats;
      counted.floods += recorded.floods;
      recorded.changedChannels.forEach((channel) => counted.channels.add(channel));
    },
    () => counted.failures++,
  );
  const partner = benchPartner();
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-lists-'));
  const servers: FastifyInstance[] = [];
  try {
    const articleIds = await writeCards(new CardRepository(connection, prefix), config);
    // The same route with counting switched off (its buffer drops what it takes) says what the route costs apart from Redis.
    const uncounted = new EventBuffer(
      (events) => Promise.resolve({ counted: 0, floods: 0, repeats: events.length, changedChannels: new Set<string>() }),
      () => undefined,
      () => undefined,
    );
    servers.push(bareEventServer(), eventServer(connection, config, partner, uncounted), eventServer(connection, config, partner, buffer));
    const targets = await Promise.all(servers.map(async (server) => eventTarget(await listen(server), dir, articleIds, partner)));
    for (const target of targets) await sendSample(target.url, articleIds, partner);
    const sample = await sendSample(targets[2]!.url, articleIds, partner);
    const [ceiling, routeOnly, ours] = await compareLoadsOf(targets);
    const drainStarted = performance.now();
    await buffer.close();
    const drainMs = performance.now() - drainStarted;
    printEvents(
      [ceiling!, routeOnly!, ours!],
      `${sample}\ncounted in Redis by the end (EventBuffer → one Lua call per batch): ${counted.counted.toLocaleString('en')} distinct reader-article-hours, ` +
        `${counted.repeats.toLocaleString('en')} repeats, ${counted.floods.toLocaleString('en')} floods in ${counted.batches.toLocaleString('en')} batches, ` +
        `${counted.failures} failures; ${fmt(drainMs, 0)} ms to drain after the load; list rebuilds asked for: ${[...counted.channels].sort().join(', ')}`,
    );
  } finally {
    await Promise.all(servers.map((server) => server.close()));
    await rm(dir, { recursive: true, force: true });
    await connection.quit();
    await cleanUp(url, prefix);
  }
}

function benchPartner(): Partner {
  return { id: 'bench', name: '基准测试伙伴', key: randomUUID(), push: false, channels: [], rate: { max: 60, perMs: 60_000 } };
}

/** Writes CARDS article cards spread over the configured channels; returns their ids. */
async function writeCards(cards: CardRepository, config: Config): Promise<string[]> {
  const now = Date.now();
  const written = Array.from({ length: CARDS }, (_, n): ArticleCard => {
    const id = sha256(`bench-card-${n}`, 'hex').slice(0, 16);
    return {
      id,
      title: `基准测试文章第${n}篇`,
      url: `https://bench.example.cn/cards/${id}.html`,
      publishedAt: new Date(now - n * 60_000).toISOString(),
      channels: [config.channels[n % config.channels.length]!.id],
      sourceId: 'bench',
      contentHash: sha256(`content-${n}`, 'hex'),
      keywords: [{ term: `词${n % 40}`, count: 3 }],
      places: [],
    };
  });
  for (const card of written) await cards.write(card);
  return written.map((card) => card.id);
}

/** The real route over its real dependencies, as startRoles builds them (but its own prefix and partner). */
function eventServer(connection: Redis, config: Config, partner: Partner, buffer: EventBuffer): FastifyInstance {
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerEventRoutes(app, {
    partners: [partner],
    buffer,
    redis: connection,
    articleChannels: new ArticleChannels(new CardRepository(connection, config.redis.prefix)),
    isBot: rememberingBotTest(isbot),
    maxEvents: 500,
  });
  return app;
}

/** The ceiling: Fastify parsing the same JSON body and answering 202 with a small JSON, nothing else. */
function bareEventServer(): FastifyInstance {
  const app = Fastify({ logger: false });
  app.post('/api/events', (request, reply) => {
    const { events } = request.body as { events: unknown[] };
    return reply.code(202).send({ accepted: events.length, dropped: {} });
  });
  return app;
}

/** Starts a server on an ephemeral port; returns its origin. */
function listen(app: FastifyInstance): Promise<string> {
  return app.listen({ port: 0, host: '127.0.0.1' });
}

/** Writes the HAR file of BODIES event batches to one server; autocannon replays it with fresh reader ids. */
async function eventTarget(origin: string, dir: string, articleIds: readonly string[], partner: Partner): Promise<LoadTarget> {
  const headers = [
    { name: 'content-type', value: 'application/json' },
    { name: 'authorization', value: `Bearer ${partner.key}` },
  ];
  const entries = Array.from({ length: BODIES }, (_, n) => ({
    request: {
      method: 'POST',
      url: `${origin}/api/events`,
      headers,
      postData: { mimeType: 'application/json', text: batchBody(articleIds, n, FRESH_ID) },
    },
  }));
  const har = path.join(dir, `${randomUUID()}.har`);
  await writeFile(har, JSON.stringify({ log: { entries } }));
  return { url: `${origin}/api/events`, args: ['-I', '--har', har] };
}

/**
 * One batch as a partner's server would send it: READERS_PER_BATCH readers, each reading
 * EVENTS_PER_READER distinct articles (the popular ones more often), the last click-through;
 * one reader in ten is a crawler. `at` is now.
 */
function batchBody(articleIds: readonly string[], n: number, readerPrefix: string): string {
  let seed = (n + 1) * 2654435761;
  const random = () => ((seed = Math.imul(seed ^ (seed >>> 13), 1597334677) + 0x6d2b79f5) >>> 0) / 2 ** 32;
  const at = new Date().toISOString();
  const events = Array.from({ length: READERS_PER_BATCH }, (_, reader) => {
    const read = new Set<string>();
    while (read.size < EVENTS_PER_READER) read.add(articleIds[Math.floor(random() ** 2 * articleIds.length)]!);
    const userAgent = reader === READERS_PER_BATCH - 1 ? BOT : BROWSERS[reader % BROWSERS.length]!;
    return [...read].map((articleId, i) => ({
      type: i === EVENTS_PER_READER - 1 ? 'click' : 'view',
      articleId,
      readerId: `${readerPrefix}-${reader}`,
      at,
      userAgent,
    }));
  });
  return JSON.stringify({ events: events.flat() });
}

/** Sends one batch with readers of its own; returns the answer's tally, or throws unless it is a 202. */
async function sendSample(url: string, articleIds: readonly string[], partner: Partner): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${partner.key}` },
    body: batchBody(articleIds, BODIES, `sample${randomUUID().slice(0, 8)}`),
  });
  const text = await response.text();
  const { accepted } = JSON.parse(text) as { accepted?: number };
  if (response.status !== 202 || !accepted) throw new Error(`bench: ${url} answered ${response.status} ${text}`);
  return text;
}

/** Events taken per second: requests answered 202 (a 503 says the counting fell behind and took nothing) × events each. */
function eventsPerSecond(result: LoadResult): number {
  return result.rps * result.okShare * BATCH;
}

function printEvents([ceiling, routeOnly, ours]: [LoadResult, LoadResult, LoadResult], sample: string): void {
  const ratio = (result: LoadResult) => (100 * eventsPerSecond(result)) / eventsPerSecond(ceiling);
  const row = (server: string, result: LoadResult, target: string) => [
    server,
    fmt(result.rps, 0),
    fmt(eventsPerSecond(result), 0),
    fmt(result.p99, 1),
    `${fmt(ratio(result), 0)}%`,
    target,
    result.statuses,
  ];
  printTable(
    `Reading events (POST /api/events, ${BATCH} events a request: ${READERS_PER_BATCH} new readers × ${EVENTS_PER_READER} of ${CARDS} article cards, 1 reader in ${READERS_PER_BATCH} a crawler, at = now; ${BODIES} bodies, fresh reader ids each request; ${describeLoad()})\nsample answer: ${sample}`,
    ['server', 'req/s', 'events/s in 202s', 'p99 ms', 'ratio to bare', 'target', 'statuses'],
    [
      row('bare Fastify route (ceiling)', ceiling, ''),
      row('POST /api/events, counting off (the route alone)', routeOnly, ''),
      row('POST /api/events (Redis counts)', ours, `≥ 50%: ${ratio(ours) >= 50 ? 'pass' : 'FAIL'}`),
    ],
  );
}

async function benchListHttp(url: string, config: Config): Promise<void> {
  let app: RunningApp | undefined;
  try {
    const now = new Date().toISOString();
    await publishItems(
      url,
      config,
      Array.from({ length: PUBLISHED }, (_, n) => benchItem('lists', n, now)),
    );
    const listed = await writeHotList(url, config);
    app = await startRoles(config, SERVER_ROLE, url, pino({ level: 'silent' }));
    const origin = app.baseUrl!.replace('localhost', '127.0.0.1');
    const feedUrl = `${origin}/feeds/all.atom`;
    const listUrl = `${origin}/api/lists/hot?channel=all&limit=10`;
    const [feedBody, listBody] = [await fetchChecked(feedUrl), await fetchChecked(listUrl)];
    const served = (JSON.parse(listBody) as { items?: unknown[] }).items?.length;
    if (!served) throw new Error(`bench: ${listUrl} answered without items`);
    const [feed, list] = await compareLoads({ url: feedUrl }, { url: listUrl });
    printLists(
      feed,
      list,
      `hot-24h:all of ${listed} items written with ListRepository, ${served} served (${bytes(listBody)}), against the cached all.atom (${config.feeds.limit} of ${PUBLISHED} published items, ${bytes(feedBody)}) on the same server`,
    );
  } finally {
    await app?.close();
    await cleanUp(url, config.redis.prefix);
  }
}

function printLists(feed: LoadResult, list: LoadResult, input: string): void {
  const ratio = (100 * list.rps) / feed.rps;
  printTable(
    `Lists HTTP (${input}; ${describeLoad()})`,
    ['route', 'req/s', 'p99 ms', 'ratio to feed', 'targets', 'statuses'],
    [
      ['GET /feeds/all.atom (ceiling)', fmt(feed.rps, 0), fmt(feed.p99, 1), '100%', '', feed.statuses],
      [
        'GET /api/lists/hot?channel=all&limit=10',
        fmt(list.rps, 0),
        fmt(list.p99, 1),
        `${fmt(ratio, 0)}%`,
        `≥ 90%: ${ratio >= 90 ? 'pass' : 'FAIL'}; p99 < 5 ms: ${list.p99 < 5 ? 'pass' : 'FAIL'}`,
        list.statuses,
      ],
    ],
  );
}

/** Writes the 24-hour hot list of `all` from the cards of the newest published articles; returns its length. */
async function writeHotList(url: string, config: Config): Promise<number> {
  const redis = new Redis(url);
  const ids = await new ArticleRepository(redis, config.redis.prefix).listFeed(feedId.channel(ALL_CHANNEL_ID), config.lists.size);
  const cards = await new CardRepository(redis, config.redis.prefix).getMany(ids);
  const items = cards.map((card, rank) => listItemOf(card, 100 - rank));
  await new ListRepository(redis, config.redis.prefix).write(listIdOf('hot-24h', ALL_CHANNEL_ID), items);
  await redis.quit();
  return items.length;
}

/** Returns the body of a GET (uncompressed, as autocannon asks); throws unless it is a 200. */
async function fetchChecked(url: string): Promise<string> {
  const response = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`bench: ${url} answered ${response.status} ${body.slice(0, 200)}`);
  return body;
}

function bytes(text: string): string {
  return `${Buffer.byteLength(text).toLocaleString('en-US')} bytes`;
}
