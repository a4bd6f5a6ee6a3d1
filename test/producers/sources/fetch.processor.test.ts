import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load-config.js';
import { ALL_ROLES, startRoles, type RunningApp } from '../../../src/app/start-roles.js';
import { ArticleRepository } from '../../../src/store/article-repository.js';
import { SourceStateRepository, type SourceState } from '../../../src/store/source-state-repository.js';
import { FaultServer } from '../../support/fault-server.js';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../../support/redis.js';
import { waitFor } from '../../support/wait-for.js';

/** Each faulty source, and what its state must say after one poll. */
const FAULTS: [id: string, path: string, expected: { status: 'ok' | 'error' | 'gone'; error?: RegExp; kind?: string }][] = [
  ['good', '/good.rss', { status: 'ok' }],
  ['slow-headers', '/slow-headers.rss', { status: 'error', error: /Headers Timeout|timeout|no complete response/i, kind: 'timeout' }],
  ['slow-body', '/slow-body.rss', { status: 'error', error: /no complete response within 2000 ms|timeout/i, kind: 'timeout' }],
  ['http-500', '/500.rss', { status: 'error', error: /HTTP 500/, kind: 'http-5xx' }],
  ['http-503', '/503.rss', { status: 'error', error: /HTTP 503 \(Retry-After 3600 s\)/, kind: 'http-5xx' }],
  ['http-429', '/429.rss', { status: 'error', error: /HTTP 429 \(Retry-After 120 s\)/, kind: 'http-4xx' }],
  ['etag', '/304.rss', { status: 'ok' }],
  ['redirect-loop', '/loop.rss', { status: 'error', error: /more than 5 redirects/, kind: 'redirects' }],
  ['huge', '/huge.rss', { status: 'error', error: /body larger than 10485760 bytes/, kind: 'too-large' }],
  ['gzip-bomb', '/bomb.rss', { status: 'error', error: /body larger than 10485760 bytes once decompressed/, kind: 'too-large' }],
  [
    'truncated',
    '/truncated.rss',
    {
      status: 'error',
      error: /\/truncated\.rss: feed: the XML is not well-formed: Unclosed root tag \(line \d+, column \d+\)/,
      kind: 'parse-error',
    },
  ],
  ['html', '/html.rss', { status: 'error', error: /\/html\.rss: feed: expected a feed but got an HTML page/, kind: 'parse-error' }],
  ['empty', '/empty.rss', { status: 'error', error: /\/empty\.rss: feed: the document is empty/, kind: 'parse-error' }],
  ['gbk-no-header', '/gbk-no-header.rss', { status: 'ok' }],
  ['gbk-wrong-header', '/gbk-wrong-header.rss', { status: 'ok' }],
  ['control-chars', '/control-chars.rss', { status: 'ok' }],
  ['missing', '/nothing-here.rss', { status: 'error', error: /HTTP 404/, kind: 'http-4xx' }],
  ['gone', '/gone.rss', { status: 'gone', error: /HTTP 410/, kind: 'gone' }],
  [
    'redirect-to-metadata',
    '/redirect?to=http%3A%2F%2F169.254.169.254%2Flatest%2F',
    { status: 'error', error: /redirect to another origin http:\/\/169\.254\.169\.254 refused/, kind: 'refused' },
  ],
];

describe('fetching faulty sources in one run', () => {
  const prefix = uniquePrefix('faults');
  const faults = new FaultServer();
  /** Undefined until beforeAll has started it, so that afterAll can clean up after a failed start. */
  let app: RunningApp | undefined;
  let redis: Redis;
  let states: SourceStateRepository;
  let articles: ArticleRepository;
  const stateOf: Record<string, SourceState> = {};

  beforeAll(async () => {
    const base = await faults.start();
    const sources = FAULTS.map(
      ([id, path]) => `  - { id: ${id}, name: ${id}, kind: feed, url: "${base}${path}", interval: 1h, allowOrigins: ["${base}"] }`,
    );
    sources.push(`  - { id: guarded, name: guarded, kind: feed, url: "${base}/good.rss", interval: 1h }`);
    const yaml = `city: { name: 泰安市, code: "3709" }
fetch: { timeout: 1s, totalTimeout: 2s, perHostConcurrency: 32 }
workers: { fetchConcurrency: 32 }
channels:
  - { id: taian, name: 泰安新闻, cityWide: true, divisions: ["370902", "370911"] }
  - { id: xintai, name: 新泰新闻, divisions: ["370982"] }
  - { id: ningyang, name: 宁阳新闻, divisions: ["370921"] }
  - { id: dongping, name: 东平新闻, divisions: ["370923"] }
sources:
${sources.join('\n')}
`;
    const config = parseConfig(yaml, '/test/faults.yaml', { port: 0 });
    redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    states = new SourceStateRepository(redis, prefix);
    articles = new ArticleRepository(redis, prefix);
    app = await startRoles(
      { ...config, redis: { ...config.redis, prefix } },
      { ...ALL_ROLES, server: false },
      testRedisUrl(),
      pino({ level: 'silent' }),
    );
    const ids = [...FAULTS.map(([id]) => id), 'guarded'];
    await waitFor(
      async () => {
        for (const id of ids) stateOf[id] = await states.get(id);
        return ids.every((id) => stateOf[id]?.lastStatus !== undefined);
      },
      { what: 'a first poll of every source' },
    );
  }, 40_000);

  afterAll(async () => {
    await app?.close();
    await faults.stop();
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it.each(FAULTS)('%s (%s) records %o', (id, _path, expected) => {
    const state = stateOf[id]!;
    expect(state.lastStatus).toBe(expected.status);
    if (expected.status === 'gone') {
      expect(state.lastError).toMatch(expected.error!);
      expect(state.lastErrorKind).toBe(expected.kind);
      expect(state.goneUrl).toMatch(/\/gone\.rss$/);
    } else if (expected.error) {
      expect(state.lastError).toMatch(expected.error);
      expect(state.lastErrorKind).toBe(expected.kind);
      expect(state.errorCount).toBe(1);
      expect(Date.parse(state.nextPollAt!)).toBeGreaterThan(Date.now());
    } else {
      expect(state.lastError).toBeUndefined();
    }
  });

  it('refuses a loopback address for a source that does not list it in allowOrigins', () => {
    expect(stateOf.guarded?.lastError).toMatch(/127\.0\.0\.1 is a non-public address; list the origin in the source's allowOrigins/);
    expect(stateOf.guarded?.lastErrorKind).toBe('refused');
  });

  it('waits at least as long as Retry-After before polling again', () => {
    const wait = (id: string) => Date.parse(stateOf[id]!.nextPollAt!) - Date.parse(stateOf[id]!.lastFetchAt!);
    expect(wait('http-503')).toBeGreaterThanOrEqual(3600_000);
    expect(wait('http-500')).toBe(3600_000);
  });

  it('keeps the other sources flowing: their items are stored, decoded without mojibake', async () => {
    await waitFor(async () => (await articles.countFeed('channel:all')) >= 5);
    const titles = (await articles.getMany(await articles.listFeed('channel:all', 50))).map((a) => a.title).sort();
    expect(titles).toEqual(
      [
        '宁阳县磁窑镇举行春季运动会',
        '岱岳区满庄镇举行春季运动会',
        '新泰市羊流镇举行春季运动会',
        '东平县州城街道举行春季运动会',
        '东平县老湖镇举行春季运动会',
      ].sort(),
    );
  });

  it('polls a source that answered 410 Gone no more', async () => {
    const { Queue, QueueEvents } = await import('bullmq');
    const fetchQueue = new Queue('fetch', { connection: redis, prefix });
    const events = new QueueEvents('fetch', { connection: redis.duplicate(), prefix });
    await events.waitUntilReady();
    const job = await fetchQueue.add('poll-source', { sourceId: 'gone' });
    expect(await job.waitUntilFinished(events, 10_000)).toEqual({ status: 'skipped', reason: 'gone', items: 0, pages: 0 });
    expect(faults.hits.get('/gone.rss')).toBe(1);
    await events.close();
    await fetchQueue.close();
  });

  it('sends the stored ETag and takes a 304 without parsing', async () => {
    expect(stateOf.etag?.etag).toBe('"v1"');
    await redis.hdel(`${prefix}:source:etag`, 'nextPollAt');
    const { Queue } = await import('bullmq');
    const fetchQueue = new Queue('fetch', { connection: redis, prefix });
    await fetchQueue.add('poll-source', { sourceId: 'etag' });
    await waitFor(async () => (await states.get('etag')).lastStatus === 'not-modified');
    expect(faults.hits.get('/304.rss')).toBe(2);
    await fetchQueue.close();
  });
});
