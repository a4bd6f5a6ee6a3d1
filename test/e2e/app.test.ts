import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import type { ApiArticle } from '../../src/feeds/api-article.js';
import { ALL_ROLES, startRoles, type RunningApp } from '../../src/app/start-roles.js';
import { ROOT } from '../support/paths.js';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';

const SEED_TITLE = '泰安市成功创建 中国科协创新驱动助力工程示范市';
/** One story from each county source of the example config, and the channel it belongs to. */
const COUNTY_STORIES = [
  ['xintai', '新泰市青云街道12个老旧小区改造项目集中开工'],
  ['ningyang', '宁阳县伏山镇：无人机飞防助力6.8万亩小麦春管'],
  ['dongping', '东平县老湖镇：东平湖畔“渔家乐”走出致富新路'],
] as const;
const FURNITURE = ['新闻推荐', '猜你喜欢', '热点排行', '频道推荐', '热点阅读', '分享到'];

/** Boots the whole app on the bundled example sources and reads its output over HTTP. */
describe('the app on the example sources', () => {
  const prefix = uniquePrefix('e2e');
  /** Undefined until beforeAll has started it, so that afterAll can clean up after a failed start. */
  let app: RunningApp | undefined;
  let base: string;

  beforeAll(async () => {
    const configPath = path.join(ROOT, 'syndicator.example.yaml');
    const config = parseConfig(readFileSync(configPath, 'utf8'), configPath, { port: 0, host: '127.0.0.1' });
    app = await startRoles({ ...config, redis: { ...config.redis, prefix } }, ALL_ROLES, testRedisUrl(), pino({ level: 'silent' }));
    base = app.baseUrl!;
    await waitFor(async () => (await getText('/feeds/feicheng.json')).includes(SEED_TITLE));
    await waitFor(async () => (await getText('/feeds/taian.json')).includes(SEED_TITLE));
    // Every example source is read before the tests look at them, however busy the machine is.
    for (const [channel, title] of COUNTY_STORIES)
      await waitFor(async () => (await getText(`/api/articles?channel=${channel}&limit=200`)).includes(title));
  });

  afterAll(async () => {
    await app?.close();
    const redis = new Redis(testRedisUrl());
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  async function get(urlPath: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${base}${urlPath}`, { headers });
  }
  async function getText(urlPath: string): Promise<string> {
    const response = await get(urlPath);
    return response.ok ? response.text() : '';
  }
  async function seedArticle(): Promise<ApiArticle> {
    const list = (await (await get('/api/articles?channel=feicheng&limit=50')).json()) as { items: ApiArticle[] };
    const seed = list.items.find((article) => article.title === SEED_TITLE);
    expect(seed, 'seed article in /api/articles?channel=feicheng').toBeDefined();
    return seed!;
  }

  it('files the seed article under feicheng and taian with its byline, source and time', async () => {
    const { id } = await seedArticle();
    const article = (await (await get(`/api/articles/${id}`)).json()) as ApiArticle;
    expect(article.title).toBe(SEED_TITLE);
    expect(article.publishedAt).toBe('2017-07-05T10:39:00+08:00');
    expect(article.originalSource).toBe('泰安日报');
    expect(article.authors).toContainEqual({ name: '武建堂', role: '通讯员' });
    expect(article.channels.map((c) => c.id)).toEqual(expect.arrayContaining(['feicheng', 'taian']));
    for (const placement of article.channels) expect(placement.evidence.length).toBeGreaterThan(0);
    expect(article.contentText).toContain('近日,中国科协2017年创新驱动助力工程试点单位评选揭晓');
    expect(article.contentText).toContain('为建设富裕文明幸福新泰安作出积极贡献');
    for (const word of FURNITURE) {
      expect(article.contentText).not.toContain(word);
      expect(article.contentHtml).not.toContain(word);
    }
    expect(article.source.id).toBe('yybnet-feicheng-kexie');
    expect(article.url).toBe('https://www.yybnet.net/taian/feicheng/news/201707/5862101.html');
  });

  it('stores the seed story once although three sources carry it', async () => {
    const seed = await seedArticle();
    const all = (await (await get('/api/articles?channel=all&limit=200')).json()) as { items: ApiArticle[] };
    expect(all.items.filter((article) => article.title === SEED_TITLE)).toHaveLength(1);
    await waitFor(async () => {
      const article = (await (await get(`/api/articles/${seed.id}`)).json()) as ApiArticle;
      return article.alsoPublishedBy.length === 2;
    });
    const article = (await (await get(`/api/articles/${seed.id}`)).json()) as ApiArticle;
    expect(article.alsoPublishedBy.map((copy) => copy.sourceId).sort()).toEqual(['taian-news-rss', 'yybnet-feicheng-list']);
  });

  it.each(['rss', 'atom'] as const)('serves the channel feed as %s that parses back', async (format) => {
    const feed = await new Parser().parseString(await getText(`/feeds/feicheng.${format}`));
    const item = feed.items.find((entry) => entry.title === SEED_TITLE);
    expect(item?.link).toBe('https://www.yybnet.net/taian/feicheng/news/201707/5862101.html');
    expect(new Date(item!.isoDate!).toISOString()).toBe('2017-07-05T02:39:00.000Z');
  });

  it('serves JSON Feed 1.1', async () => {
    const response = await get('/feeds/all.json');
    expect(response.headers.get('content-type')).toContain('application/feed+json');
    const feed = (await response.json()) as { version: string; items: { title: string; content_html: string }[] };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.items.filter((item) => item.title === SEED_TITLE)).toHaveLength(1);
  });

  it('answers a matching If-None-Match with 304 and no body', async () => {
    const first = await get('/feeds/taian.atom');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    const second = await get('/feeds/taian.atom', { 'if-none-match': etag! });
    expect(second.status).toBe(304);
    expect(await second.text()).toBe('');
    const stale = await get('/feeds/taian.atom', { 'if-none-match': '"stale"' });
    expect(stale.status).toBe(200);
  });

  it('keeps each channel to its county', async () => {
    const titles = async (channel: string) =>
      ((await (await get(`/api/articles?channel=${channel}&limit=200`)).json()) as { items: ApiArticle[] }).items.map((a) => a.title);
    for (const [channel, title] of COUNTY_STORIES) expect(await titles(channel)).toContain(title);
    expect(await titles('xintai')).not.toContain(COUNTY_STORIES[1][1]);
  });

  it('serves only summaries of a summary-only channel through the public API', async () => {
    const list = (await (await get('/api/articles?channel=ningyang&limit=50')).json()) as { items: ApiArticle[] };
    const fushan = list.items.find((a) => a.title === '宁阳县伏山镇：无人机飞防助力6.8万亩小麦春管');
    expect(fushan).toMatchObject({ contentWithheld: true, contentText: fushan?.summary });
    const seed = await seedArticle();
    expect(seed.contentWithheld).toBeUndefined();
  });

  it('lists related articles for the seed', async () => {
    const { id } = await seedArticle();
    const related = (await (await get(`/api/articles/${id}/related`)).json()) as { items: ApiArticle[] };
    expect(related.items.length).toBeGreaterThan(0);
    expect(related.items.map((a) => a.id)).not.toContain(id);
  });

  it('reports health, readiness, metrics and the dashboard', async () => {
    expect((await get('/healthz')).status).toBe(200);
    expect(await (await get('/readyz')).json()).toMatchObject({ status: 'ready', redis: true, workers: true });
    const metrics = await getText('/metrics');
    expect(metrics).toMatch(/syndicator_queue_jobs\{queue="process",state="waiting"\} \d+/);
    expect(metrics).toMatch(/syndicator_items_processed_total\{verdict="created"\} [1-9]/);
    expect(metrics).toMatch(/syndicator_fetches_total\{source="yybnet-feicheng-kexie",outcome="ok"\} [1-9]/);
    expect(metrics).toMatch(/syndicator_fetch_duration_seconds_count\{source="yybnet-feicheng-kexie"\} [1-9]/);
    for (const stage of ['extract', 'normalize', 'classify', 'dedupe', 'store', 'keywords'])
      expect(metrics).toMatch(new RegExp(`syndicator_stage_duration_seconds_count\\{stage="${stage}"\\} [1-9]`));
    expect(metrics).toMatch(/syndicator_publish_duration_seconds_count\{channel="feicheng"\} [1-9]/);
    expect(metrics).toMatch(/syndicator_item_feed_latency_seconds_count\{channel="all"\} [1-9]/);
    expect(metrics).toMatch(/syndicator_feed_requests_total\{status="200"\} [1-9]/);
    expect(metrics).toMatch(/syndicator_process_cpu_seconds_total/);
    expect(metrics).toMatch(/syndicator_source_error_streak\{source="yybnet-feicheng-kexie"\} 0/);
    expect(metrics).toMatch(/syndicator_channel_newest_article_age_seconds\{channel="feicheng"\} \d/);
    expect(metrics).toMatch(/syndicator_channel_stale_after_seconds\{channel="all"\} 86400/);
    expect(metrics).toMatch(/syndicator_queue_oldest_waiting_seconds\{queue="fetch"\} \d/);
    expect(metrics).not.toMatch(/^(?!syndicator_|# )\S/m);
  });

  it('keeps the admin surfaces closed without a configured token', async () => {
    for (const path of ['/admin', '/admin/queues', '/api/sources']) expect((await get(path)).status, path).toBe(401);
    expect((await fetch(`${base}/api/readers/r1`, { method: 'DELETE' })).status).toBe(401);
    expect((await fetch(`${base}/admin/jobs/fetch/1/retry`, { method: 'POST' })).status).toBe(401);
  });

  it('answers unknown channels and malformed ids with clear errors', async () => {
    expect((await get('/feeds/nowhere.rss')).status).toBe(404);
    expect((await get('/feeds/taian.xml')).status).toBe(404);
    const bad = await get('/api/articles/not-an-id');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('id');
    expect((await get('/api/articles?limit=0')).status).toBe(400);
  });
});
