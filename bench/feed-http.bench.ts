import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { loadConfig, type Config } from '../src/config/load-config.js';
import { enqueueItems } from '../src/queues/enqueue.js';
import type { ProcessPayload } from '../src/queues/payloads.js';
import type { Verdict } from '../src/domain/verdict.js';
import { startRoles, type Roles } from '../src/app/start-roles.js';
import { resolveRedis } from '../src/app/resolve-redis.js';
import { fmt, printTable } from './bench-table.js';
import { deleteKeysWithPrefix } from '../src/store/delete-keys.js';

const run = promisify(execFile);
const AUTOCANNON = path.resolve('node_modules/.bin/autocannon');
const HTTP_SECONDS = Number(process.env.BENCH_FEED_HTTP_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_FEED_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_FEED_CONNECTIONS ?? 32);
const RATE = Number(process.env.BENCH_FEED_RATE ?? 500);
const LOAD_SECONDS = Number(process.env.BENCH_FEED_SECONDS ?? 10);
/** The default page size of the latency run (the most `?limit=` allows). */
const LATENCY_PAGE = 200;
/** How long after the load stops items may still reach their feed before they count as not published. */
const DRAIN_SECONDS = Number(process.env.BENCH_FEED_DRAIN_SECONDS ?? 20);
export const SERVER_ROLE: Roles = { workers: [], scheduler: false, server: true };
const WORKER_ROLES: Roles = { workers: ['process', 'publish'], scheduler: false, server: false };

/**
 * Feed serving and publishing, against ceilings measured in the same run:
 * - requests/s of a cached `GET /feeds/all.atom` (200, and 304 on If-None-Match) against a bare
 *   Node `http` server returning the same bytes and headers, both loaded by autocannon from a
 *   second process (target, DESIGN.md: ≥ 70%), with p99 latency;
 * - the time from an item entering `process` to its appearance in its channel feed, at a steady
 *   offered load (default 500 items/s for 10 s), through the real process and publish workers.
 */
export async function benchFeeds(): Promise<void> {
  const redis = await resolveRedis(process.env.REDIS_URL, path.resolve('data'));
  const config = benchConfig(loadConfig({}));
  try {
    await benchFeedHttp(redis.url, config);
    await benchItemLatency(redis.url, config);
  } finally {
    await redis.stop();
  }
}

/** Returns the config of a bench run: no sources, an ephemeral port on 127.0.0.1, and a key prefix of its own. */
export function benchConfig(base: Readonly<Config>): Config {
  return {
    ...base,
    sources: [],
    http: { port: 0, host: '127.0.0.1' },
    redis: { ...base.redis, prefix: `bench-${randomUUID().slice(0, 8)}` },
  };
}

async function benchFeedHttp(url: string, config: Config): Promise<void> {
  const now = new Date().toISOString();
  await publishItems(
    url,
    config,
    Array.from({ length: 200 }, (_, n) => benchItem('http', n, now)),
  );
  const app = await startRoles(config, SERVER_ROLE, url, pino({ level: 'silent' }));
  const feedUrl = `${app.baseUrl!.replace('localhost', '127.0.0.1')}/feeds/all.atom`;
  const reference = await fetchReference(feedUrl);
  const bare = await startBareServer(reference);
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/feeds/all.atom`;
  try {
    const rows: string[][] = [];
    for (const [label, headers] of [
      ['200 (full body)', {}],
      ['304 (If-None-Match)', { 'if-none-match': reference.etag }],
    ] as const) {
      const [ceiling, ours] = await compareLoads({ url: bareUrl, headers }, { url: feedUrl, headers });
      rows.push([`bare node http, ${label}`, fmt(ceiling.rps, 0), fmt(ceiling.p99, 1), '100%', ceiling.statuses]);
      rows.push([
        `GET /feeds/all.atom, ${label}`,
        fmt(ours.rps, 0),
        fmt(ours.p99, 1),
        `${fmt((100 * ours.rps) / ceiling.rps, 0)}%  (target ≥ 70%)`,
        ours.statuses,
      ]);
    }
    printTable(
      `Feed HTTP (cached all.atom, ${reference.body.length.toLocaleString('en-US')} bytes, 50 items; ${describeLoad()})`,
      ['server', 'req/s', 'p99 ms', 'ratio to bare', 'statuses'],
      rows,
    );
  } finally {
    await new Promise((resolve) => bare.close(resolve));
    await app.close();
    await cleanUp(url, config.redis.prefix);
  }
}

/** Runs the process and publish workers until the `all` feed shows the items, then stops them. */
export async function publishItems(url: string, config: Config, payloads: ProcessPayload[]): Promise<void> {
  const workers = await startRoles(config, WORKER_ROLES, url, pino({ level: 'silent' }));
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const publish = new Queue('publish', { connection, prefix: config.redis.prefix });
  const processQueue = new Queue<ProcessPayload>('process', { connection, prefix: config.redis.prefix });
  await enqueueItems(processQueue, payloads);
  const idle = async () => Object.values(await publish.getJobCounts('waiting', 'active', 'delayed')).every((n) => n === 0);
  while (!(await idle()) || Object.values(await processQueue.getJobCounts('waiting', 'active')).some((n) => n > 0)) await sleep(50);
  await sleep(500); // the coalescing window of the last requests
  while (!(await idle())) await sleep(50);
  await workers.close();
  await Promise.all([publish.close(), processQueue.close()]);
  await connection.quit();
}

interface Reference {
  body: Buffer;
  etag: string;
  headers: OutgoingHttpHeaders;
  notModifiedHeaders: OutgoingHttpHeaders;
}

/** Reads the app's response once: the bare server answers with exactly these bytes and headers. */
async function fetchReference(feedUrl: string): Promise<Reference> {
  const response = await fetch(feedUrl, { headers: { 'accept-encoding': 'identity' } });
  if (response.status !== 200) throw new Error(`bench: ${feedUrl} answered ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  const headers: OutgoingHttpHeaders = {};
  for (const name of ['content-type', 'etag', 'last-modified', 'cache-control', 'vary', 'link']) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  headers['content-length'] = body.length;
  const { etag, 'cache-control': cacheControl, vary } = headers;
  return { body, etag: String(etag), headers, notModifiedHeaders: { etag, 'cache-control': cacheControl, vary } };
}

function startBareServer(reference: Reference): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.headers['if-none-match'] === reference.etag) response.writeHead(304, reference.notModifiedHeaders).end();
    else response.writeHead(200, reference.headers).end(reference.body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export interface LoadResult {
  rps: number;
  /** The share of answers that were 2xx. */
  okShare: number;
  p99: number;
  statuses: string;
}

/** What one autocannon run loads: a URL, with request headers and any further autocannon arguments (`--har`, `-I`). */
export interface LoadTarget {
  url: string;
  headers?: Record<string, string>;
  args?: readonly string[];
}

/** How the HTTP benches load a server, for their table titles. */
export function describeLoad(): string {
  return `autocannon -c ${CONNECTIONS} in a second process, ${ROUNDS} alternating rounds of ${HTTP_SECONDS} s, medians`;
}

/**
 * Loads two targets (a ceiling and ours) in alternating rounds (after a warm-up second each) and
 * returns the median round of each, so that noise from other work on a shared machine falls on
 * both alike rather than on whichever ran at the wrong moment.
 */
export async function compareLoads(first: LoadTarget, second: LoadTarget): Promise<[LoadResult, LoadResult]> {
  const [a, b] = await compareLoadsOf([first, second]);
  return [a!, b!];
}

/** Loads each target in turn, ROUNDS alternating rounds after a warm-up second each; returns each one's median round (by req/s). */
export async function compareLoadsOf(targets: readonly LoadTarget[]): Promise<LoadResult[]> {
  for (const target of targets) await loadTest(target, 1);
  const rounds: LoadResult[][] = targets.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, target] of targets.entries()) rounds[i]!.push(await loadTest(target, HTTP_SECONDS));
  }
  return rounds.map((results) => [...results].sort((a, b) => a.rps - b.rps)[Math.floor(results.length / 2)]!);
}

/** Runs autocannon as a child process for `seconds`; returns req/s, p99 latency (ms) and the status codes seen. */
async function loadTest({ url, headers = {}, args = [] }: LoadTarget, seconds: number): Promise<LoadResult> {
  const argv = [
    '-c',
    String(CONNECTIONS),
    '-d',
    String(seconds),
    '-j',
    '-n',
    ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]),
    ...args,
    url,
  ];
  const { stdout } = await run(AUTOCANNON, argv, { maxBuffer: 16 << 20 });
  const result = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p99: number };
    statusCodeStats?: Record<string, { count: number }>;
    errors: number;
  };
  const counts = Object.entries(result.statusCodeStats ?? {});
  const statuses = counts.map(([code, { count }]) => `${code}×${count}`);
  const total = counts.reduce((sum, [, { count }]) => sum + count, 0);
  const ok = counts.filter(([code]) => code.startsWith('2')).reduce((sum, [, { count }]) => sum + count, 0);
  return {
    rps: result.requests.average,
    okShare: total > 0 ? ok / total : 0,
    p99: result.latency.p99,
    statuses: [...statuses, ...(result.errors ? [`errors×${result.errors}`] : [])].join(' '),
  };
}

/** One offered item: when it was queued, processed (and with what verdict), and first in its channel feed. */
interface Tracked {
  enqueued: number;
  processed?: number;
  verdict?: string;
  articleId?: string;
}

/**
 * Offers RATE items/s for LOAD_SECONDS to `process` (each published "now", spread over the
 * channels), notes when each job completes (BullMQ queue events) and, every 10 ms, which
 * articles every channel's rendered default page holds, until each stored item is in its feed
 * or DRAIN_SECONDS passed after the load.
 */
async function benchItemLatency(url: string, base: Config): Promise<void> {
  // Times have whole seconds, so up to RATE / channels items share one; a 200-item page holds them all.
  const config = { ...benchConfig(base), feeds: { ...base.feeds, limit: LATENCY_PAGE } };
  const workers = await startRoles(config, WORKER_ROLES, url, pino({ level: 'silent' }));
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const prefix = config.redis.prefix;
  const processQueue = new Queue<ProcessPayload>('process', { connection, prefix });
  const eventsConnection = new Redis(url, { maxRetriesPerRequest: null });
  const events = new QueueEvents<Verdict>('process', { connection: eventsConnection, prefix });
  await events.waitUntilReady();
  const completions = new Map<string, { at: number; verdict: { kind: string; articleId: string } }>();
  events.on('completed', ({ jobId, returnvalue }) => void completions.set(jobId, { at: performance.now(), verdict: returnvalue }));
  const published = new Map<string, number>();
  let watching = true;
  const watcher = watchFeeds(connection, config, published, () => watching);
  const { jobs, loadSeconds } = await offerLoad(processQueue);
  const deadline = performance.now() + DRAIN_SECONDS * 1000;
  const done = () =>
    [...jobs.keys()].every(
      (id) =>
        completions.has(id) && (completions.get(id)!.verdict.kind !== 'created' || published.has(completions.get(id)!.verdict.articleId)),
    );
  while (!done() && performance.now() < deadline) await sleep(50);
  watching = false;
  await watcher;
  for (const [id, item] of jobs) {
    const completion = completions.get(id);
    if (completion)
      Object.assign(item, { processed: completion.at, verdict: completion.verdict.kind, articleId: completion.verdict.articleId });
  }
  printLatency(jobs, published, loadSeconds);
  await events.close();
  eventsConnection.disconnect();
  await workers.close();
  await processQueue.obliterate({ force: true }).catch(() => {
    // Best effort: cleanUp below deletes every key of the prefix anyway.
  });
  await processQueue.close();
  await connection.quit();
  await cleanUp(url, prefix);
}

/** Queues RATE items a second for LOAD_SECONDS, in small batches as they fall due; returns them by job id. */
async function offerLoad(processQueue: Queue<ProcessPayload>): Promise<{ jobs: Map<string, Tracked>; loadSeconds: number }> {
  const total = RATE * LOAD_SECONDS;
  const runId = randomUUID().slice(0, 6);
  const jobs = new Map<string, Tracked>();
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * RATE));
    if (due > sent) {
      const now = new Date().toISOString();
      const batch = Array.from({ length: due - sent }, (_, i) => benchItem(runId, sent + i, now));
      const at = performance.now();
      for (const id of await enqueueItems(processQueue, batch)) jobs.set(id, { enqueued: at });
      sent = due;
    }
    await sleep(5);
  }
  return { jobs, loadSeconds: (performance.now() - start) / 1000 };
}

/** Notes when each article first shows on its channel's rendered default page. */
async function watchFeeds(redis: Redis, config: Config, published: Map<string, number>, active: () => boolean): Promise<void> {
  const stateField = `${config.feeds.limit}x1:state`;
  while (active()) {
    const pipeline = redis.pipeline();
    for (const { id } of config.channels) pipeline.hget(`${config.redis.prefix}:rendered:channel:${id}`, stateField);
    const replies = (await pipeline.exec()) ?? [];
    const now = performance.now();
    for (const [, value] of replies) {
      if (typeof value !== 'string') continue;
      for (const version of (JSON.parse(value) as { versions: string[] }).versions) {
        const id = version.slice(0, version.indexOf('@'));
        if (!published.has(id)) published.set(id, now);
      }
    }
    await sleep(10);
  }
}

function printLatency(jobs: Map<string, Tracked>, published: Map<string, number>, loadSeconds: number): void {
  const items = [...jobs.values()];
  const created = items.filter((item) => item.verdict === 'created');
  const inFeed = (item: Tracked) => published.get(item.articleId ?? '');
  const toProcess = items.map((item) => (item.processed === undefined ? Infinity : item.processed - item.enqueued));
  const toFeed = created.map((item) => (inFeed(item) === undefined ? Infinity : inFeed(item)! - item.enqueued));
  const processToFeed = created.filter((item) => inFeed(item) !== undefined).map((item) => Math.max(0, inFeed(item)! - item.processed!));
  const processed = items.filter((item) => item.processed !== undefined);
  const spanSeconds =
    processed.length > 0
      ? (Math.max(...processed.map((item) => item.processed!)) - Math.min(...items.map((item) => item.enqueued))) / 1000
      : 0;
  const row = (label: string, values: number[]) => [
    label,
    percentile(values, 0.5),
    percentile(values, 0.99),
    `${values.filter(Number.isFinite).length}/${values.length}`,
  ];
  printTable(
    `Item → channel feed: ${fmt(items.length / loadSeconds, 0)} items/s offered for ${fmt(loadSeconds, 1)} s; processed ${processed.length} at ${fmt(processed.length / spanSeconds, 0)} items/s; ${created.length} new articles, ${items.length - created.length - (items.length - processed.length)} merged or unchanged`,
    ['delay', 'p50', 'p99', 'items'],
    [
      row('enqueued → processed (stored)', toProcess),
      row('enqueued → in its channel feed', toFeed),
      row('processed → in its channel feed (publish)', processToFeed),
    ],
  );
}

/** One town or street per channel of the example config, so the load spreads evenly. */
const PLACES = ['泰山区财源街道', '新泰市青云街道', '肥城市桃园镇', '宁阳县磁窑镇', '东平县州城街道'];
const WORDS = [
  '社区',
  '志愿',
  '服务',
  '群众',
  '环境',
  '整治',
  '道路',
  '改造',
  '产业',
  '园区',
  '农业',
  '合作社',
  '学校',
  '医院',
  '文化',
  '广场',
  '企业',
  '项目',
  '投资',
  '建设',
  '交通',
  '安全',
  '培训',
  '就业',
  '养老',
  '健康',
  '教育',
  '科技',
  '电商',
  '旅游',
];

/**
 * Returns a feed item published now about one place, with a sentence of its own: items
 * published together are otherwise close enough for the near-duplicate check to merge.
 */
export function benchItem(runId: string, n: number, now: string): ProcessPayload {
  const place = PLACES[n % PLACES.length]!;
  let seed = (n + 1) * 2654435761;
  const next = () => ((seed = Math.imul(seed ^ (seed >>> 15), 2246822519) + 0x9e3779b9) >>> 0) % WORDS.length;
  const words = Array.from({ length: 40 }, () => WORDS[next()]).join('');
  const html = [
    `近日，${place}召开第${n}次工作推进会，${100 + (n % 900)}名干部群众参加会议。`,
    `会议指出，${words}。`,
    `下一步，${place}将细化措施、压实责任，确保各项任务落地见效。`,
  ];
  return {
    source: { id: 'bench-latency', name: '基准测试源', channels: [] },
    item: {
      guid: `${runId}-${n}`,
      url: `https://bench.example.cn/${runId}/${n}.html`,
      title: `${place}召开第${n}次工作推进会`,
      html: html.map((p) => `<p>${p}</p>`).join(''),
      published: now,
      authors: ['记者 张伟'],
      categories: [],
      images: [],
      placeHints: [],
    },
    fetchedAt: now,
  };
}

function percentile(values: number[], q: number): string {
  if (values.length === 0) return '-';
  const sorted = [...values].sort((a, b) => a - b);
  const value = sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
  return Number.isFinite(value) ? `${fmt(value / 1000, 2)} s` : `> ${DRAIN_SECONDS + LOAD_SECONDS} s`;
}

/** Deletes every Redis key a bench run wrote under its prefix. */
export async function cleanUp(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
