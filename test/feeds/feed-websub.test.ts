import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubStub, type HubStub } from '../support/hub-stub.js';
import { feedItem, feedTestConfig, rawGet, startFeedApp, waitFor, type FeedTestApp } from './feed-test-app.js';

describe('WebSub: hub links and pings', () => {
  let hub: HubStub;
  let t: FeedTestApp;

  beforeAll(async () => {
    hub = await startHubStub();
    t = await startFeedApp('feed-websub', feedTestConfig({ hub: hub.url }));
  });
  afterAll(async () => {
    try {
      await t.close();
    } finally {
      // The hub is closed also when the app never started.
      await hub.close();
    }
  });

  const pinged = (url: string) => hub.pings.some((ping) => ping.url === url);

  it('pings the hub for every format of every feed an item changed', async () => {
    await t.enqueue([feedItem(1, 'xintai-rss')]);
    const urls = ['xintai', 'all', 'sources/xintai-rss'].flatMap((feed) =>
      ['rss', 'atom', 'json'].map((format) => `http://feeds.test/feeds/${feed}.${format}`),
    );
    await waitFor(() => urls.every(pinged));
    for (const ping of hub.pings) {
      expect(ping.mode).toBe('publish');
      expect(ping.contentType).toBe('application/x-www-form-urlencoded;charset=UTF-8');
      expect(ping.topic).toBe(ping.url);
    }
    expect(hub.pings.some((ping) => /ningyang|partner/.test(ping.url ?? ''))).toBe(false);
  });

  it('pings again on the next change, and not for feeds that did not change', async () => {
    await waitFor(() => pinged('http://feeds.test/feeds/xintai.json'));
    const before = hub.pings.length;
    await t.enqueue([feedItem(2, 'county-rss')]);
    await waitFor(() => pinged('http://feeds.test/feeds/ningyang.atom'));
    await waitFor(() => pinged('http://feeds.test/feeds/sources/county-rss.atom'));
    await waitFor(() => hub.pings.slice(before).some((ping) => ping.url === 'http://feeds.test/feeds/all.rss'));
    const after = hub.pings.slice(before).map((ping) => ping.url);
    expect(after.filter((url) => url?.includes('/feeds/xintai.'))).toEqual([]);
    expect(after.filter((url) => url?.includes('/feeds/sources/xintai-rss.'))).toEqual([]);
    expect(after).toContain('http://feeds.test/feeds/all.rss');
  });

  it('names the hub and itself in every public feed and in a Link header', async () => {
    const atom = await rawGet(`${t.base}/feeds/xintai.atom`);
    expect(atom.body.toString()).toContain(`<link rel="hub" href="${hub.url}"/>`);
    expect(atom.body.toString()).toContain('<link rel="self" href="http://feeds.test/feeds/xintai.atom"/>');
    expect(atom.headers.link).toBe(`<${hub.url}>; rel="hub", <http://feeds.test/feeds/xintai.atom>; rel="self"`);
    expect((await rawGet(`${t.base}/feeds/xintai.rss`)).body.toString()).toContain(`<atom:link href="${hub.url}" rel="hub"/>`);
    const json = JSON.parse((await rawGet(`${t.base}/feeds/xintai.json`)).body.toString()) as { hubs: unknown };
    expect(json.hubs).toEqual([{ type: 'WebSub', url: hub.url }]);
  });
});
