import { describe, expect, it } from 'vitest';
import type { Partner } from '../../src/domain/partner.js';
import { testChannel } from '../support/channels.js';
import {
  channelFeed,
  channelFeedIds,
  feedsOfChannel,
  partnerFeed,
  sourceFeed,
  type FeedCatalogSettings,
} from '../../src/domain/feed-catalog.js';

const DAILY: Partner = {
  id: 'daily',
  name: '新泰日报',
  key: 'k'.repeat(16),
  push: true,
  channels: ['xintai', 'ningyang'],
  rate: { max: 60, perMs: 60_000 },
};
const SETTINGS: FeedCatalogSettings = {
  site: { name: '地方网 泰安', publicUrl: 'https://news.example.com/', language: 'zh-CN' },
  channels: [testChannel('xintai', '新泰新闻', ['370982']), testChannel('ningyang', '宁阳新闻', ['370921'], { publicContent: 'summary' })],
  sources: [
    {
      id: 'taian-news-rss',
      name: '泰安新闻 RSS',
      kind: 'feed',
      url: 'https://example.invalid/a.rss',
      intervalMs: 60_000,
      channels: [],
      allowOrigins: [],
    },
  ],
  partners: [DAILY],
  limit: 50,
  hub: 'https://hub.example.com/',
};

describe('feed catalog', () => {
  it('lists every channel and then all', () => {
    expect(channelFeedIds(SETTINGS)).toEqual(['xintai', 'ningyang', 'all']);
  });

  it('describes a public channel feed: URLs without a doubled slash, the hub, the summary-only channels', () => {
    expect(channelFeed(SETTINGS, 'ningyang')).toMatchObject({
      feedId: 'channel:ningyang',
      indexId: 'channel:ningyang',
      title: '宁阳新闻 - 地方网 泰安',
      baseUrl: 'https://news.example.com/feeds/ningyang',
      homeUrl: 'https://news.example.com/',
      hub: 'https://hub.example.com/',
      policy: { kind: 'public', summaryOnlyChannels: ['ningyang'] },
      defaultLimit: 50,
    });
    expect(channelFeed(SETTINGS, 'all').title).toBe('全部新闻 - 地方网 泰安');
  });

  it('renders source feeds in the all job', () => {
    expect(sourceFeed(SETTINGS, SETTINGS.sources[0]!)).toMatchObject({
      feedId: 'source:taian-news-rss',
      ownerChannelId: 'all',
      baseUrl: 'https://news.example.com/feeds/sources/taian-news-rss',
    });
  });

  it('gives partners full content, no hub, and renders their feeds with the channel', () => {
    const spec = partnerFeed(SETTINGS, DAILY, 'ningyang');
    expect(spec).toMatchObject({ feedId: 'partner:daily:ningyang', indexId: 'channel:ningyang', policy: { kind: 'full' } });
    expect(spec.hub).toBeUndefined();
    expect(feedsOfChannel(SETTINGS, 'ningyang').map((s) => s.feedId)).toEqual(['channel:ningyang', 'partner:daily:ningyang']);
    expect(feedsOfChannel(SETTINGS, 'all').map((s) => s.feedId)).toEqual(['channel:all']);
  });
});
