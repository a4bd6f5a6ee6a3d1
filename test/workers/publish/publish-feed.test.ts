import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../../src/domain/article.js';
import { channelFeed, sourceFeed, type FeedCatalogSettings } from '../../../src/domain/feed-catalog.js';
import { publishChannel } from '../../../src/workers/publish/publish-channel.js';
import { publishFeed, type FeedPublisherDeps } from '../../../src/workers/publish/publish-feed.js';
import { ArticleRepository } from '../../../src/store/article-repository.js';
import { RenderedFeedRepository } from '../../../src/store/rendered-feed-repository.js';
import { makeArticle } from '../../support/articles.js';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../../support/redis.js';
import { testChannel } from '../../support/channels.js';

const CATALOG: FeedCatalogSettings = {
  site: { name: '地方网 泰安', publicUrl: 'https://news.example.com', language: 'zh-CN' },
  channels: [testChannel('xintai', '新泰新闻', ['370982'])],
  sources: [
    {
      id: 'test-source',
      name: '测试来源',
      kind: 'feed',
      url: 'https://example.invalid/a.rss',
      intervalMs: 60_000,
      channels: [],
      allowOrigins: [],
    },
    {
      id: 'quiet-source',
      name: '安静来源',
      kind: 'feed',
      url: 'https://example.invalid/b.rss',
      intervalMs: 60_000,
      channels: [],
      allowOrigins: [],
    },
  ],
  partners: [],
  limit: 2,
  hub: 'https://hub.example.com/',
};

const article = (n: number, fields: Partial<Article> = {}) =>
  makeArticle({
    url: `https://www.yybnet.net/xintai/${n}.html`,
    contentText: `新泰市第${n}条新闻正文`,
    publishedAt: `2024-03-12T09:${String(n).padStart(2, '0')}:00+08:00`,
    ...fields,
  });

describe('publishFeed and publishChannel', () => {
  const prefix = uniquePrefix('publish-feed');
  let redis: Redis;
  let deps: FeedPublisherDeps & { catalog: FeedCatalogSettings };
  let demanded: string[] = [];
  const pings: string[][] = [];

  beforeAll(() => {
    redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    deps = {
      catalog: CATALOG,
      articles: new ArticleRepository(redis, prefix),
      rendered: new RenderedFeedRepository(redis, prefix),
      demand: { list: () => Promise.resolve(demanded) },
      notifyHub: (_hub, urls) => {
        pings.push(urls);
        return Promise.resolve();
      },
      log: pino({ level: 'silent' }),
    };
  });
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  const version = (feedId: string) => deps.rendered.version(feedId);
  const save = (a: Article) => (deps.articles as ArticleRepository).save(a);

  it('renders a feed once, and not again while nothing changed', async () => {
    await save(article(1));
    const spec = channelFeed(CATALOG, 'xintai');
    const first = await publishFeed(deps, spec);
    expect(first).toMatchObject({ rendered: 1, changed: true });
    expect(pings.at(-1)).toEqual(['rss', 'atom', 'json'].map((f) => `https://news.example.com/feeds/xintai.${f}`));
    const v = await version('channel:xintai');
    const again = await publishFeed(deps, spec);
    expect(again).toMatchObject({ rendered: 0, changed: false, changedArticles: [] });
    expect(await version('channel:xintai')).toBe(v);
    expect(pings).toHaveLength(1);
  });

  it('renders again when an article arrives, and reports it as changed', async () => {
    const spec = channelFeed(CATALOG, 'xintai');
    const v = await version('channel:xintai');
    await save(article(2));
    const outcome = await publishFeed(deps, spec);
    expect(outcome.rendered).toBe(1);
    expect(outcome.changedArticles.map((a) => a.id)).toEqual([article(2).id]);
    expect(await version('channel:xintai')).toBe(v + 1);
  });

  it('renders pages readers asked for, and removes them when no longer asked for', async () => {
    const spec = channelFeed(CATALOG, 'xintai');
    demanded = ['1x2', '2x9'];
    expect((await publishFeed(deps, spec)).rendered).toBe(1);
    expect((await deps.rendered.getDocument('channel:xintai', '1x2', 'json'))?.document.body.toString()).toContain(article(1).id);
    expect(await deps.rendered.storedVariants('channel:xintai')).toEqual(expect.arrayContaining(['2x1', '1x2']));
    demanded = [];
    await publishFeed(deps, spec);
    expect(await deps.rendered.storedVariants('channel:xintai')).toEqual(['2x1']);
    expect(await deps.rendered.getDocument('channel:xintai', '1x2', 'json')).toBeUndefined();
  });

  it('rebuilds, with all, the source feeds whose items changed, and only those', async () => {
    const first = await publishChannel(deps, 'all');
    expect(first.changed).toEqual(expect.arrayContaining(['channel:all', 'source:test-source', 'source:quiet-source']));
    const idle = await publishChannel(deps, 'all');
    expect(idle).toMatchObject({ rendered: 0, changed: [] });
    await save(article(3));
    const next = await publishChannel(deps, 'all');
    expect(next.changed.sort()).toEqual(['channel:all', 'source:test-source']);
  });

  it('rebuilds a source feed when one of its articles is updated in place', async () => {
    const updated = article(3, {
      contentText: '新泰市第3条新闻正文（更正）',
      updatedAt: '2024-03-13T08:00:00+08:00',
      firstSeenAt: '2024-03-13T08:00:00+08:00',
    });
    expect((await save(updated)).kind).toBe('updated');
    const outcome = await publishChannel(deps, 'all');
    expect(outcome.changed.sort()).toEqual(['channel:all', 'source:test-source']);
    const json = (await deps.rendered.getDocument('source:test-source', '2x1', 'json'))!.document.body.toString();
    expect(json).toContain('（更正）');
    expect(sourceFeed(CATALOG, CATALOG.sources[0]!).feedId).toBe('source:test-source');
  });

  it('publishes nothing for a channel that is not configured', async () => {
    expect(await publishChannel(deps, 'gone')).toEqual({ feeds: 0, rendered: 0, changed: [] });
  });
});
