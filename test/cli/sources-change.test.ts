import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/load-config.js';
import { sourceSchedulerId } from '../../src/queues/enqueue.js';
import { SourceStateRepository } from '../../src/store/source-state-repository.js';
import { FeedSite, RSS_TYPE, rssFeed } from '../support/feed-site.js';
import { waitFor } from '../support/wait-for.js';
import { startWorkerApp, type WorkerApp } from '../support/worker-app.js';
import { runCli, useTestRedis } from './cli-harness.js';

/** `syndicator sources add|edit|pause|resume|rm|log` and `syndicator poll`, with a worker process running. */
describe('changing sources from the command line', () => {
  const { prefix, redis } = useTestRedis('cli-source-changes');
  const site = new FeedSite();
  let config: Readonly<Config>;
  let app: WorkerApp | undefined;
  let fetchQueue: Queue;
  const schedulers = async () => (await fetchQueue.getJobSchedulers()).map((scheduler) => `${scheduler.key}@${scheduler.every}`).sort();

  beforeAll(async () => {
    await site.start();
    site.set('/news.rss', { body: rssFeed('news', '新泰市青云街道', 2), type: RSS_TYPE });
    const yaml = `city: { name: 泰安市, code: "3709" }
channels: [{ id: xintai, name: 新泰新闻, divisions: ["370982"] }]
`;
    app = await startWorkerApp(yaml, '/test/cli-sources.yaml', prefix);
    config = app.config;
    fetchQueue = app.fetchQueue;
  });
  afterAll(async () => {
    await app?.close();
    await site.stop();
  });

  it('adds a source with flags, checked as the config file is', async () => {
    const add = [
      'sources',
      'add',
      '--id',
      'news',
      '--name',
      '新泰新闻网',
      '--kind',
      'feed',
      '--url',
      `${site.origin}/news.rss`,
      '--interval',
      '1h',
      '--channel',
      'xintai',
      '--allow-origin',
      site.origin,
      '--actor',
      'zhang.wei',
    ];
    expect(await runCli(add, config)).toEqual({
      code: 0,
      stdout: 'added feed source "news": 新泰新闻网, polled every 3600s, the first poll now\n',
      stderr: '',
    });
    expect(await schedulers()).toEqual([`${sourceSchedulerId('news')}@3600000`]);
    await waitFor(() => site.hitsOf('/news.rss') > 0, { what: 'the added source polled' });
    const bad = await runCli(['sources', 'add', '--id', 'x', '--name', 'x', '--kind', 'rss', '--url', 'https://a.example/'], config);
    expect(bad).toEqual({
      code: 1,
      stdout: '',
      stderr: 'syndicator sources: kind: Invalid option: expected one of "feed"|"page"|"list"\n',
    });
  });

  it('edits, pauses and resumes it; each change reaches the scheduler', async () => {
    expect((await runCli(['sources', 'edit', 'news', '--interval', '30m', '--channel', ''], config)).stdout).toBe(
      'changed source "news": interval, channels\n',
    );
    expect(await schedulers()).toEqual([`${sourceSchedulerId('news')}@1800000`]);
    expect((await runCli(['sources', 'pause', 'news'], config)).stdout).toBe('paused source "news"\n');
    expect(await schedulers()).toEqual([]);
    const listed = await runCli(['sources'], config);
    expect(listed.stdout).toMatch(/^news\s+feed\s+1800s\s+ok\s.*\spaused\s+paused: not polled until resumed$/m);
    expect((await runCli(['sources', 'resume', 'news'], config)).stdout).toBe('resumed source "news"\n');
    expect(await schedulers()).toEqual([`${sourceSchedulerId('news')}@1800000`]);
    expect((await runCli(['sources', 'edit', 'nope', '--name', 'x'], config)).stderr).toBe('syndicator sources: no source "nope"\n');
    expect((await runCli(['sources', 'edit', 'news'], config)).code).toBe(2);
  });

  it('polls a failing source now: the backoff is cleared, the poll really made, and its outcome printed', async () => {
    site.set('/news.rss', { status: 503, body: 'maintenance', type: 'text/plain' });
    const failed = await runCli(['poll', 'news', '--actor', 'on-call'], config);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^poll of news failed: fetch: http:\/\/127\.0\.0\.1:\d+\/news\.rss: HTTP 503\n$/);
    const states = new SourceStateRepository(redis(), prefix);
    const backingOff = (await states.get('news')).nextPollAt!;
    expect(Date.parse(backingOff)).toBeGreaterThan(Date.now() + 25 * 60_000);
    site.set('/news.rss', { body: rssFeed('news', '新泰市青云街道', 3), type: RSS_TYPE });
    const hits = site.hitsOf('/news.rss');
    const polled = await runCli(['poll', 'news'], config);
    expect(polled).toEqual({
      code: 0,
      stdout: `polled news (backoff cleared: it was backing off until ${backingOff}): 3 items and 0 new pages queued\n`,
      stderr: '',
    });
    expect(site.hitsOf('/news.rss')).toBe(hits + 1);
    expect(await states.get('news')).toMatchObject({ lastStatus: 'ok', errorCount: 0 });
    expect(await runCli(['poll', 'nope'], config)).toMatchObject({ code: 1, stderr: 'syndicator poll: no source "nope"\n' });
  });

  it('deletes it, and shows who changed what', async () => {
    expect((await runCli(['sources', 'rm', 'news', '--actor', 'li.na'], config)).stdout).toBe(
      'deleted source "news" (its articles stay; the config file will not bring it back)\n',
    );
    expect(await schedulers()).toEqual([]);
    const log = await runCli(['sources', 'log', '--json'], config);
    const changes = (JSON.parse(log.stdout) as { change: string; actor: string }[]).map(({ change, actor }) => `${change} by ${actor}`);
    // Newest first; without --actor, a change is made by the user running the command.
    expect(changes[0]).toBe('remove by li.na');
    expect(changes[2]).toBe('poll-now by on-call');
    expect(changes.at(-1)).toBe('add by zhang.wei');
    expect(changes.filter((change) => change.startsWith('pause by '))).toHaveLength(1);
  });
});
