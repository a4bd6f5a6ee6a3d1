import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as renderModule from '../../src/workers/publish/render/render-feeds.js';
import { feedItem, feedTestConfig, jsonItems, rawGet, startFeedApp, waitFor, type FeedTestApp } from './feed-test-app.js';

vi.mock('../../src/workers/publish/render/render-feeds.js', async (importOriginal) => {
  const original = await importOriginal<typeof renderModule>();
  return { ...original, renderFeeds: vi.fn(original.renderFeeds) };
});
const renderFeeds = vi.mocked(renderModule.renderFeeds);

describe('a GET never renders', () => {
  let server: FeedTestApp;

  beforeAll(async () => {
    // The server role alone: no publish worker anywhere, so nothing is ever rendered.
    server = await startFeedApp('feed-no-render', feedTestConfig(), { workers: [], scheduler: false, server: true });
  });
  afterAll(() => server.close());

  it('answers 503 with Retry-After for a feed that was never published, and renders nothing', async () => {
    renderFeeds.mockClear();
    for (const path of ['/feeds/xintai.atom', '/feeds/all.rss', '/feeds/sources/xintai-rss.json', '/feeds/xintai.json?page=2']) {
      const response = await rawGet(`${server.base}${path}`);
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(JSON.parse(response.body.toString())).toMatchObject({ error: 'not_ready' });
    }
    expect(renderFeeds).not.toHaveBeenCalled();
    expect(await server.redis.keys(`${server.prefix}:rendered:*`)).toEqual([]);
  });

  it('serves published pages, 304s and a page asked for before, without calling the renderer', async () => {
    const worker = await startFeedApp('feed-render-worker', feedTestConfig(), {
      workers: ['process', 'publish'],
      scheduler: false,
      server: true,
    });
    try {
      await worker.enqueue([1, 2, 3, 4].map((n) => feedItem(n, 'xintai-rss')));
      await waitFor(async () => (await jsonItems(`${worker.base}/feeds/xintai.json`)).some((item) => item.title.includes('第4次')));
      expect((await rawGet(`${worker.base}/feeds/xintai.json?page=2`)).status).toBe(200);
      const publish = new Queue('publish', { connection: worker.redis, prefix: worker.prefix });
      await waitFor(async () => Object.values(await publish.getJobCounts('waiting', 'active', 'delayed')).every((n) => n === 0));
      await publish.close();
      const calls = renderFeeds.mock.calls.length;
      expect(calls).toBeGreaterThan(0);
      for (let i = 0; i < 20; i++) {
        const response = await rawGet(`${worker.base}/feeds/xintai.atom`, { 'accept-encoding': i % 2 ? 'gzip' : 'br' });
        expect(response.status).toBe(200);
        expect((await rawGet(`${worker.base}/feeds/xintai.atom`, { 'if-none-match': response.headers.etag as string })).status).toBe(304);
        expect((await rawGet(`${worker.base}/feeds/xintai.json?page=2`)).status).toBe(200);
      }
      expect(renderFeeds.mock.calls.length).toBe(calls);
    } finally {
      await worker.close();
    }
  });
});
