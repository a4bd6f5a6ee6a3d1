import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Source } from '../../../src/domain/source.js';
import { SourceAdmin, SourceChangeError } from '../../../src/ops/sources/source-admin.js';
import { sourceSchedulerId } from '../../../src/queues/enqueue.js';
import type { FetchPayload } from '../../../src/queues/payloads.js';
import { QUEUE } from '../../../src/queues/queue-names.js';
import { SourceRepository } from '../../../src/store/source-repository.js';
import { SourceStateRepository } from '../../../src/store/source-state-repository.js';
import { StoreKeys } from '../../../src/store/store-keys.js';
import { connectTestRedis, deletePrefix, uniquePrefix } from '../../support/redis.js';

const yamlSource = (id: string, changes: Partial<Source> = {}): Source => ({
  id,
  name: id,
  kind: 'feed',
  url: `file:///srv/feeds/${id}.rss`,
  intervalMs: 600_000,
  channels: [],
  allowOrigins: [],
  ...changes,
});

const FEED = {
  id: 'xintai-rss',
  name: '新泰 RSS',
  kind: 'feed',
  url: 'https://news.example.cn/xintai.rss',
  interval: '5m',
  channels: ['xintai'],
};

describe('SourceAdmin against Redis: sources changed at runtime, applied to the schedulers at once', () => {
  const prefix = uniquePrefix('source-admin');
  let redis: Redis;
  let fetchQueue: Queue<FetchPayload>;
  let registry: SourceRepository;
  let states: SourceStateRepository;
  let admin: SourceAdmin;
  const logged: Record<string, unknown>[] = [];

  const schedulers = async () => Object.fromEntries((await fetchQueue.getJobSchedulers()).map((s) => [s.key, s.every]));

  beforeAll(() => {
    redis = connectTestRedis();
    fetchQueue = new Queue(QUEUE.fetch, { connection: redis, prefix });
    registry = new SourceRepository(redis, prefix);
    states = new SourceStateRepository(redis, prefix);
    const log = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line) as Record<string, unknown>) });
    admin = new SourceAdmin({
      sources: registry,
      sourceStates: states,
      fetchQueue,
      channelIds: new Set(['taian', 'xintai']),
      baseDir: '/srv',
      log,
    });
  });
  afterAll(async () => {
    await fetchQueue.close();
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('adds a source, schedules it, and logs who did', async () => {
    const record = await admin.add(FEED, 'zhang.wei');
    expect(record).toMatchObject({
      source: { id: 'xintai-rss', intervalMs: 300_000, channels: ['xintai'] },
      paused: false,
      owner: 'runtime',
      changedBy: 'zhang.wei',
    });
    expect(await schedulers()).toEqual({ [sourceSchedulerId('xintai-rss')]: 300_000 });
    expect(logged.at(-1)).toMatchObject({ msg: 'source changed', change: 'add', source_id: 'xintai-rss', actor: 'zhang.wei' });
    expect(await admin.changes(1)).toEqual([expect.objectContaining({ change: 'add', sourceId: 'xintai-rss', actor: 'zhang.wei' })]);
  });

  it('refuses a second source of the same id, and invalid fields with the config file’s messages', async () => {
    await expect(admin.add(FEED, 'ops')).rejects.toThrow(
      new SourceChangeError('exists', 'a source "xintai-rss" exists already (edit it, or delete it first)'),
    );
    await expect(admin.add({ ...FEED, id: 'b', kind: 'rss', channels: ['laiwu'] }, 'ops')).rejects.toThrow(
      'kind: Invalid option: expected one of "feed"|"page"|"list"',
    );
    await expect(admin.add({ ...FEED, id: 'c', channels: ['laiwu'] }, 'ops')).rejects.toThrow('channels: unknown channel "laiwu"');
    await expect(admin.add({ ...FEED, id: 'd', url: '/etc/passwd' }, 'ops')).rejects.toThrow(
      'url: a source added or changed at runtime needs an http(s) URL',
    );
  });

  it('edits a source: the interval reaches the scheduler, a null takes a field out, a new URL forgets the old validators', async () => {
    await states.recordSuccess('xintai-rss', '2024-03-12T00:00:00.000Z', {
      status: 'ok',
      etag: '"v1"',
      items: 1,
      nextPollAt: '2030-01-01T00:00:00.000Z',
    });
    await admin.edit('xintai-rss', { interval: '2m', encoding: 'gbk' }, 'li.na');
    expect(await schedulers()).toEqual({ [sourceSchedulerId('xintai-rss')]: 120_000 });
    // The new interval applies at once, not after the poll planned at the old one; the validators stay.
    const state = await states.get('xintai-rss');
    expect(state.etag).toBe('"v1"');
    expect(state).not.toHaveProperty('nextPollAt');
    const edited = await admin.edit('xintai-rss', { encoding: null, url: 'https://news.example.cn/xintai-new.rss' }, 'li.na');
    expect(edited.source).not.toHaveProperty('encoding');
    expect(await states.get('xintai-rss')).not.toHaveProperty('etag');
    expect(logged.at(-1)).toMatchObject({ change: 'edit', fields: ['url', 'encoding'], actor: 'li.na' });
    await expect(admin.edit('xintai-rss', { id: 'other' }, 'li.na')).rejects.toThrow(/id: a source keeps its id/);
    await expect(admin.edit('nope', { name: 'x' }, 'li.na')).rejects.toThrow(new SourceChangeError('not-found', 'no source "nope"'));
  });

  it('pauses (no scheduler, still listed) and resumes', async () => {
    await admin.pause('xintai-rss', 'ops');
    expect(await schedulers()).toEqual({});
    expect(await registry.find('xintai-rss')).toMatchObject({ paused: true });
    await admin.resume('xintai-rss', 'ops');
    expect(await schedulers()).toEqual({ [sourceSchedulerId('xintai-rss')]: 120_000 });
  });

  it('polls now: clears the backoff and queues a poll marked as asked for', async () => {
    await states.recordFailure(
      'xintai-rss',
      '2024-03-12T00:00:00.000Z',
      { message: 'HTTP 503', kind: 'http-5xx' },
      () => '2030-01-01T00:00:00.000Z',
    );
    const { jobId, wasBackingOffUntil } = await admin.pollNow('xintai-rss', 'ops');
    expect(wasBackingOffUntil).toBe('2030-01-01T00:00:00.000Z');
    expect((await states.get('xintai-rss')).nextPollAt).toBeUndefined();
    expect((await fetchQueue.getJob(jobId))?.data).toEqual({ sourceId: 'xintai-rss', pollNow: true });
  });

  it('deletes a source: its scheduler and state go, and the deletion is recorded', async () => {
    await admin.remove('xintai-rss', 'ops');
    expect(await schedulers()).toEqual({});
    expect(await registry.get('xintai-rss')).toBeUndefined();
    expect(await redis.exists(new StoreKeys(prefix).sourceState('xintai-rss'))).toBe(0);
    expect((await registry.deleted()).get('xintai-rss')).toMatchObject({ by: 'ops' });
    await expect(admin.pause('xintai-rss', 'ops')).rejects.toThrow('no source "xintai-rss"');
  });

  describe('the config file as the seed', () => {
    it('adds the file’s sources, and a second start changes nothing', async () => {
      await admin.mergeConfigSources([yamlSource('a'), yamlSource('b')]);
      expect((await admin.list()).map(({ source, owner }) => `${source.id}:${owner}`)).toEqual(['a:config', 'b:config']);
      expect(Object.keys(await schedulers()).sort()).toEqual([sourceSchedulerId('a'), sourceSchedulerId('b')]);
      expect(await admin.mergeConfigSources([yamlSource('a'), yamlSource('b')])).toEqual([]);
    });

    it('does not bring back a source deleted at runtime', async () => {
      await admin.remove('b', 'ops');
      const steps = await admin.mergeConfigSources([yamlSource('a'), yamlSource('b')]);
      expect(steps.map((step) => step.kind)).toEqual(['stay-deleted']);
      expect(await registry.get('b')).toBeUndefined();
    });

    it('a source of that id added again at runtime is in force again', async () => {
      await admin.add({ ...FEED, id: 'b' }, 'ops');
      expect((await registry.deleted()).has('b')).toBe(false);
      await admin.remove('b', 'ops');
    });

    it('follows the file for a source only the file changed; keeps the runtime version of one changed at runtime', async () => {
      await admin.mergeConfigSources([yamlSource('a', { intervalMs: 60_000 })]);
      expect((await registry.get('a'))?.record.source.intervalMs).toBe(60_000);
      expect((await schedulers())[sourceSchedulerId('a')]).toBe(60_000);
      await admin.edit('a', { name: '改过的名字' }, 'ops');
      const steps = await admin.mergeConfigSources([yamlSource('a', { intervalMs: 30_000 })]);
      expect(steps.map((step) => step.kind)).toEqual(['keep-runtime']);
      expect((await registry.get('a'))?.record.source).toMatchObject({ name: '改过的名字', intervalMs: 60_000 });
      expect(logged.at(-1)).toMatchObject({ level: 40, source_id: 'a', changed_by: 'ops' });
    });

    it('takes out a source of the file the file no longer has', async () => {
      await admin.mergeConfigSources([yamlSource('c')]);
      await admin.mergeConfigSources([]);
      expect(await registry.get('c')).toBeUndefined();
      // Changed at runtime: no longer the file's to take out.
      expect(await registry.get('a')).toBeDefined();
    });
  });

  it('a write conditional on a record that changed meanwhile does not happen', async () => {
    await admin.add({ ...FEED, id: 'race' }, 'ops');
    const read = await registry.get('race');
    await admin.edit('race', { name: 'first' }, 'ops');
    expect(await registry.replace(read!, { ...read!.record, paused: true })).toBe('conflict');
    expect(await registry.remove(read!)).toBe('conflict');
  });

  it('says which key holds a corrupt record', async () => {
    await redis.hset(new StoreKeys(prefix).sourceRegistry(), 'broken', '{"source": {"id": "broken"}}');
    await expect(registry.get('broken')).rejects.toThrow(`store: ${prefix}:sources broken is corrupt at source.name`);
    await redis.hdel(new StoreKeys(prefix).sourceRegistry(), 'broken');
  });
});
