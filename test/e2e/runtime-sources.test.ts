import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRoles, type RunningApp, type Roles } from '../../src/app/start-roles.js';
import { parseConfig, type Config } from '../../src/config/load-config.js';
import { sourceSchedulerId } from '../../src/queues/enqueue.js';
import { SourceStateRepository } from '../../src/store/source-state-repository.js';
import { FeedSite, RSS_TYPE, rssFeed } from '../support/feed-site.js';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';

const TOKEN = 'runtime-sources-admin-token';
const SERVER_ROLES: Roles = { workers: [], scheduler: true, server: true };
const WORKER_ROLES: Roles = { workers: ['fetch', 'process', 'publish'], scheduler: false, server: false };

/** A feed of one item with neither a title nor any text (a partner's plain-text export gone wrong). */
const EMPTY_ITEM_FEED = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>empty</title>
<item><link>https://news.example.cn/empty/1.html</link><title>   </title><description>   </description></item></channel></rss>`;

/**
 * Sources changed at runtime, end to end: a server process (scheduler and API, no workers) and a
 * worker process started before any of it, on real Redis and a local web site. Nothing restarts.
 */
describe('runtime sources: the admin API, two processes, no restart', () => {
  const prefix = uniquePrefix('runtime-sources');
  const site = new FeedSite();
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const states = new SourceStateRepository(redis, prefix);
  const fetchQueue = new Queue('fetch', { connection: redis, prefix });
  let config: Readonly<Config>;
  let server: RunningApp | undefined;
  let worker: RunningApp | undefined;
  let base: string;

  const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
  };
  const feedText = async (channel: string) => (await fetch(`${base}/feeds/${channel}.json`)).text();
  const source = (id: string, path: string, changes: Record<string, unknown> = {}) => ({
    id,
    name: `${id} 来源`,
    kind: 'feed',
    url: `${site.origin}${path}`,
    interval: '1h',
    channels: ['xintai'],
    allowOrigins: [site.origin],
    ...changes,
  });

  beforeAll(async () => {
    const origin = await site.start();
    site.set('/seeded.rss', { body: rssFeed('seeded', '新泰市羊流镇'), type: RSS_TYPE });
    const yaml = `city: { name: 泰安市, code: "3709" }
channels:
  - { id: taian, name: 泰安新闻, cityWide: true, divisions: ["370902", "370911"] }
  - { id: xintai, name: 新泰新闻, divisions: ["370982"] }
sources:
  - { id: seeded, name: 种子来源, kind: feed, url: "${origin}/seeded.rss", interval: 1h, allowOrigins: ["${origin}"] }
`;
    const parsed = parseConfig(yaml, '/test/runtime-sources.yaml', { port: 0, host: '127.0.0.1', adminToken: TOKEN });
    config = { ...parsed, redis: { ...parsed.redis, prefix } };
    worker = await startRoles(config, WORKER_ROLES, testRedisUrl(), pino({ level: 'silent' }));
    server = await startRoles(config, SERVER_ROLES, testRedisUrl(), pino({ level: 'silent' }));
    base = server.baseUrl!;
  });

  afterAll(async () => {
    await server?.close();
    await worker?.close();
    await site.stop();
    await fetchQueue.close();
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('keeps the admin API behind the admin token', async () => {
    expect((await fetch(`${base}/api/admin/sources`)).status).toBe(401);
    expect((await api('GET', '/api/admin/sources')).body.items).toEqual([
      expect.objectContaining({ id: 'seeded', owner: 'config', changedBy: 'config' }),
    ]);
  });

  it('adds a source at runtime: the worker started before it fetches it, and its items reach the feeds', async () => {
    site.set('/a.rss', { body: rssFeed('a', '新泰市青云街道', 2), type: RSS_TYPE });
    const added = await api('POST', '/api/admin/sources', source('added', '/a.rss'), { 'x-syndicator-actor': 'wang.fang' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ id: 'added', interval: '1h', paused: false, owner: 'runtime', changedBy: 'wang.fang' });
    await waitFor(async () => (await feedText('xintai')).includes('新泰市青云街道第2期惠民活动启动'), {
      what: 'the added source’s items in the xintai feed',
    });
    expect((await fetchQueue.getJobSchedulers()).map((s) => s.key).sort()).toEqual([
      sourceSchedulerId('added'),
      sourceSchedulerId('seeded'),
    ]);
    const changes = await api('GET', '/api/admin/source-changes?limit=1');
    expect(changes.body.items).toEqual([expect.objectContaining({ change: 'add', sourceId: 'added', actor: 'wang.fang' })]);
  });

  it('serves the feeds of a source added at runtime at /feeds/sources/{id}, in every format', async () => {
    await waitFor(
      async () => (await (await fetch(`${base}/feeds/sources/added.json`)).text()).includes('新泰市青云街道第2期惠民活动启动'),
      {
        what: 'the added source’s own feed',
      },
    );
    const rss = await fetch(`${base}/feeds/sources/added.rss`);
    expect(rss.status).toBe(200);
    expect(await rss.text()).toContain('<title>added 来源 - ');
    expect((await fetch(`${base}/feeds/sources/no-such-source.json`)).status).toBe(404);
    // The OPML list and the home page name it too, once they read the sources again (every 5 s at most).
    await waitFor(async () => (await (await fetch(`${base}/feeds.opml`)).text()).includes('/feeds/sources/added.rss'), {
      what: 'the added source in /feeds.opml',
      timeoutMs: 15_000,
    });
    expect(await (await fetch(`${base}/`)).text()).toContain('/feeds/sources/added.rss');
  });

  it('refuses an invalid source with the config file’s message, a duplicate with 409, a cross-site post with 403', async () => {
    const invalid = await api('POST', '/api/admin/sources', source('bad', '/x.rss', { kind: 'rss', interval: 'often' }));
    expect(invalid).toEqual({
      status: 400,
      body: {
        error: 'bad_request',
        message: 'kind: Invalid option: expected one of "feed"|"page"|"list"; interval: not a duration: "often" (use 30s, 10m, 2h)',
      },
    });
    expect((await api('POST', '/api/admin/sources', source('added', '/a.rss'))).status).toBe(409);
    expect((await api('POST', '/api/admin/sources/added/pause', undefined, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await api('PATCH', '/api/admin/sources/nope', { name: 'x' })).status).toBe(404);
  });

  it('edits a source at runtime: the next poll reads its new URL', async () => {
    site.set('/b.rss', { body: rssFeed('b', '新泰市新汶街道', 1), type: RSS_TYPE });
    const edited = await api('PATCH', '/api/admin/sources/added', { url: `${site.origin}/b.rss` });
    expect(edited).toMatchObject({ status: 200, body: { url: `${site.origin}/b.rss` } });
    expect((await api('POST', '/api/admin/sources/added/poll')).status).toBe(202);
    await waitFor(async () => (await feedText('xintai')).includes('新泰市新汶街道第1期惠民活动启动'), {
      what: 'the edited source’s items',
    });
  });

  it('pauses a source (no scheduler; scheduled polls are skipped) and polls it now all the same', async () => {
    const paused = await api('POST', '/api/admin/sources/added/pause', undefined, { 'x-syndicator-actor': 'ops' });
    expect(paused.body).toMatchObject({ paused: true, health: { status: 'paused' } });
    expect((await fetchQueue.getJobSchedulers()).map((s) => s.key)).toEqual([sourceSchedulerId('seeded')]);
    const before = site.hitsOf('/b.rss');
    expect((await api('POST', '/api/admin/sources/added/poll')).status).toBe(202);
    await waitFor(() => site.hitsOf('/b.rss') > before, { what: 'the paused source polled now' });
    expect((await api('POST', '/api/admin/sources/added/resume')).body).toMatchObject({ paused: false });
    expect((await fetchQueue.getJobSchedulers()).map((s) => s.key).sort()).toEqual([
      sourceSchedulerId('added'),
      sourceSchedulerId('seeded'),
    ]);
  });

  it('shows a source whose only item failed as unhealthy, saying which item and what was empty', async () => {
    site.set('/empty.rss', { body: EMPTY_ITEM_FEED, type: RSS_TYPE });
    expect((await api('POST', '/api/admin/sources', source('empty-items', '/empty.rss'))).status).toBe(201);
    await waitFor(async () => (await states.get('empty-items')).recentItemFailures === 1, { what: 'the item failed' });
    const { body } = await api('GET', '/api/admin/sources/empty-items');
    expect(body.state).toMatchObject({ lastStatus: 'ok', recentItems: 1, recentItemFailures: 1 });
    expect(body.health).toEqual({
      status: 'items-failing',
      reasons: [
        'items: its only recent item failed; last: normalize: item https://news.example.cn/empty/1.html has neither a title nor any text: title missing; text missing; html only whitespace',
      ],
    });
    const listed = (await api('GET', '/api/sources')).body.items as { id: string; health: { status: string } }[];
    expect(listed.find((item) => item.id === 'empty-items')?.health.status).toBe('items-failing');
    const page = await (await fetch(`${base}/admin`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(page).toMatch(/data-source="empty-items"><td>[^]*?ITEMS FAILING/);
  });

  it('polls a failing source now: the backoff is cleared and the source really fetched', async () => {
    site.set('/flaky.rss', { status: 503, body: 'down for maintenance', type: 'text/plain' });
    expect((await api('POST', '/api/admin/sources', source('flaky', '/flaky.rss'))).status).toBe(201);
    await waitFor(async () => (await states.get('flaky')).errorCount === 1, { what: 'the first poll failed' });
    const failing = await states.get('flaky');
    // Backing off: with an interval of 1h the next poll is an hour away.
    expect(Date.parse(failing.nextPollAt!) - Date.now()).toBeGreaterThan(50 * 60_000);
    site.set('/flaky.rss', { body: rssFeed('flaky', '新泰市东都镇'), type: RSS_TYPE });
    const polled = await api('POST', '/api/admin/sources/flaky/poll', undefined, { 'x-syndicator-actor': 'on-call' });
    expect(polled).toMatchObject({ status: 202, body: { source: 'flaky', backoffCleared: true, wasBackingOffUntil: failing.nextPollAt } });
    await waitFor(async () => (await states.get('flaky')).lastStatus === 'ok', { what: 'the poll now succeeded' });
    expect(await states.get('flaky')).toMatchObject({ errorCount: 0, recentItems: 1 });
    await waitFor(async () => (await feedText('xintai')).includes('新泰市东都镇第1期惠民活动启动'), { what: 'its item in the feed' });
  });

  it('a failed poll retried from the status page really fetches (it no longer completes as skipped by the backoff)', async () => {
    site.set('/flaky.rss', { status: 500, body: 'broken again', type: 'text/plain' });
    const hits = site.hitsOf('/flaky.rss');
    const polled = await api('POST', '/api/admin/sources/flaky/poll');
    const jobId = String(polled.body.jobId);
    await waitFor(async () => (await fetchQueue.getJob(jobId))?.failedReason !== undefined, { what: 'the poll failed' });
    const failed = (await fetchQueue.getJob(jobId))!;
    expect(failed.failedReason).toMatch(/HTTP 500/);
    expect(site.hitsOf('/flaky.rss')).toBe(hits + 1);
    site.set('/flaky.rss', { body: rssFeed('flaky', '新泰市东都镇'), type: RSS_TYPE });
    const retry = await fetch(`${base}/admin/jobs/fetch/${failed.id}/retry`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      redirect: 'manual',
    });
    expect(retry.status).toBe(303);
    // Retried, the job is waiting at once; a fetch worker takes it again.
    await waitFor(async () => (await failed.getState()) === 'completed', { what: 'the retried poll completed' });
    expect((await fetchQueue.getJob(failed.id!))?.returnvalue).toEqual({ status: 'ok', items: 1, pages: 0 });
    expect(site.hitsOf('/flaky.rss')).toBe(hits + 2);
  });

  it('deletes a source: its feed is gone within 5 s, and the config file does not bring it back on the next start', async () => {
    const seededFeed = async () => (await fetch(`${base}/feeds/sources/seeded.json`)).status;
    expect(await seededFeed()).toBe(200);
    expect((await api('DELETE', '/api/admin/sources/seeded', undefined, { 'x-syndicator-actor': 'ops' })).status).toBe(204);
    expect((await fetchQueue.getJobSchedulers()).map((s) => s.key)).not.toContain(sourceSchedulerId('seeded'));
    await waitFor(async () => (await seededFeed()) === 404, { what: 'the deleted source’s feed gone', timeoutMs: 10_000 });
    await server?.close();
    server = await startRoles(config, SERVER_ROLES, testRedisUrl(), pino({ level: 'silent' }));
    base = server.baseUrl!;
    const ids = ((await api('GET', '/api/admin/sources')).body.items as { id: string }[]).map((item) => item.id);
    expect(ids).toEqual(['added', 'empty-items', 'flaky']);
    expect((await fetchQueue.getJobSchedulers()).map((s) => s.key)).not.toContain(sourceSchedulerId('seeded'));
  });
});
