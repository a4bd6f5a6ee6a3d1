import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ROLES, startRoles, type RunningApp } from '../../src/app/start-roles.js';
import { parseConfig } from '../../src/config/load-config.js';
import type { ApiArticle } from '../../src/feeds/api-article.js';
import { ROOT } from '../support/paths.js';
import { uniquePrefix } from '../support/redis.js';
import { HAS_REDIS_CLUSTER_TOOLS, keysPerMaster, startLocalCluster, type LocalCluster } from '../support/redis-cluster.js';
import { waitFor } from '../support/wait-for.js';

const SEED_TITLE = '泰安市成功创建 中国科协创新驱动助力工程示范市';
const PARTNER_KEY = 'example-key-xintai-daily-change-me';
const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const PUSHED_TITLE = '新泰市青云街道社区食堂开业 老人吃饭不再愁';
const PUSHED_HTML = `<p>${[
  '新泰市青云街道首家社区长者食堂日前正式开业，为辖区六十岁以上老人提供午餐和晚餐，每餐两荤两素一汤，价格十二元。',
  '食堂由街道与社区共同运营，老人凭卡就餐，行动不便的可预约送餐上门，首月已有三百余名老人登记。',
  '街道负责人表示，下一步将在东周社区、新汶路社区再建两处食堂，年底前覆盖全街道。',
].join('</p><p>')}</p>`;

/** The article as a partner pushes it: one story, at a URL and time of its own. */
function pushed(url: string, publishedAt: string) {
  return { url, title: PUSHED_TITLE, contentHtml: PUSHED_HTML, publishedAt };
}

/**
 * The whole app on a local Redis Cluster of three masters: the example sources read, processed,
 * deduplicated, stored and published, feeds and the API served; partner pushes of one story
 * linked to it, an earlier-published copy taking its place; the store's keys on more than one master.
 */
describe.skipIf(!HAS_REDIS_CLUSTER_TOOLS)('the app on a Redis Cluster of three masters (needs redis-server and redis-cli on PATH)', () => {
  const prefix = uniquePrefix('cluster');
  let cluster: LocalCluster | undefined;
  let app: RunningApp | undefined;
  let base: string;

  beforeAll(async () => {
    cluster = await startLocalCluster(3);
    const configPath = path.join(ROOT, 'syndicator.example.yaml');
    const config = parseConfig(readFileSync(configPath, 'utf8'), configPath, { port: 0, host: '127.0.0.1' });
    const redis = { ...config.redis, prefix, cluster: cluster.nodes };
    app = await startRoles({ ...config, redis }, ALL_ROLES, { cluster: cluster.nodes }, pino({ level: 'silent' }));
    base = app.baseUrl!;
    await waitFor(async () => (await getText('/feeds/feicheng.json')).includes(SEED_TITLE), {
      timeoutMs: 60_000,
      what: 'the seed in feicheng',
    });
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await cluster?.stop();
  });

  async function getText(urlPath: string): Promise<string> {
    const response = await fetch(`${base}${urlPath}`);
    return response.ok ? response.text() : '';
  }
  async function getJson<T>(urlPath: string): Promise<T> {
    return (await (await fetch(`${base}${urlPath}`)).json()) as T;
  }
  async function articlesTitled(title: string): Promise<ApiArticle[]> {
    const all = await getJson<{ items: ApiArticle[] }>('/api/articles?channel=all&limit=200');
    return all.items.filter((article) => article.title === title);
  }
  async function push(body: unknown): Promise<number> {
    const response = await fetch(`${base}/api/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PARTNER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return response.status;
  }

  it('stores the seed story once and links the two sources that reposted it', async () => {
    await waitFor(async () => (await articlesTitled(SEED_TITLE))[0]?.alsoPublishedBy.length === 2, { what: 'two copies on the seed' });
    const [seed, ...more] = await articlesTitled(SEED_TITLE);
    expect(more).toEqual([]);
    expect(seed!.url).toBe('https://www.yybnet.net/taian/feicheng/news/201707/5862101.html');
    expect(seed!.alsoPublishedBy.map((copy) => copy.sourceId).sort()).toEqual(['taian-news-rss', 'yybnet-feicheng-list']);
  });

  it('serves the channel feed that parses back, with the seed once', async () => {
    const feed = await new Parser().parseString(await getText('/feeds/feicheng.rss'));
    expect(feed.items.filter((entry) => entry.title === SEED_TITLE)).toHaveLength(1);
  });

  it('links a pushed repost to its original, and lets an earlier-published copy take the original’s place', async () => {
    expect(await push(pushed('https://xintai.example.cn/news/1.html', '2026-03-02T10:00:00+08:00'))).toBe(202);
    await waitFor(async () => (await articlesTitled(PUSHED_TITLE)).length === 1, { what: 'the pushed story stored' });
    const [original] = await articlesTitled(PUSHED_TITLE);

    expect(await push(pushed('https://mirror.example.cn/a/1.html', '2026-03-02T12:00:00+08:00'))).toBe(202);
    await waitFor(async () => (await articlesTitled(PUSHED_TITLE))[0]?.alsoPublishedBy.length === 1, { what: 'the repost linked' });
    const [linked, ...more] = await articlesTitled(PUSHED_TITLE);
    expect(more).toEqual([]);
    expect(linked!.id).toBe(original!.id);
    expect(linked!.alsoPublishedBy[0]?.url).toBe('https://mirror.example.cn/a/1.html');

    expect(await push(pushed('https://early.example.cn/a/1.html', '2026-03-02T08:00:00+08:00'))).toBe(202);
    await waitFor(async () => (await articlesTitled(PUSHED_TITLE))[0]?.url === 'https://early.example.cn/a/1.html', {
      what: 'the earlier copy canonical',
    });
    const [canonical, ...others] = await articlesTitled(PUSHED_TITLE);
    expect(others).toEqual([]);
    expect(canonical!.alsoPublishedBy.map((copy) => copy.url).sort()).toEqual([
      'https://mirror.example.cn/a/1.html',
      'https://xintai.example.cn/news/1.html',
    ]);
    await waitFor(async () => (await getText('/feeds/xintai.json')).includes('https://early.example.cn/a/1.html'), { what: 'xintai feed' });
    const xintai = JSON.parse(await getText('/feeds/xintai.json')) as { items: { title: string }[] };
    expect(xintai.items.filter((item) => item.title === PUSHED_TITLE)).toHaveLength(1);
  });

  it('counts reading events into the hot list, and answers a search', async () => {
    const [seed] = await articlesTitled(SEED_TITLE);
    const response = await fetch(`${base}/api/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PARTNER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        events: ['r1', 'r2', 'r3'].map((readerId) => ({ type: 'view', articleId: seed!.id, readerId, userAgent: BROWSER })),
      }),
    });
    expect(response.status).toBe(202);
    await waitFor(async () => (await getJson<{ items?: { id: string }[] }>('/api/lists/hot?channel=all')).items?.[0]?.id === seed!.id, {
      what: 'the seed first in the hot list',
    });
    const found = await getJson<{ items: ApiArticle[] }>(`/api/articles?q=${encodeURIComponent('科协')}&limit=10`);
    expect(found.items.map((article) => article.title)).toContain(SEED_TITLE);
  });

  it('spreads the keys over more than one master, each group of keys in one slot', async () => {
    const perMaster = await keysPerMaster(cluster!.nodes, `*${prefix}*`);
    const holding = [...perMaster.values()].filter((count) => count > 0);
    expect(holding.length, JSON.stringify(Object.fromEntries(perMaster))).toBeGreaterThan(1);
    // The article store is one group: all its keys on one master.
    const store = [...(await keysPerMaster(cluster!.nodes, `{${prefix}}:*`)).values()].filter((count) => count > 0);
    expect(store).toHaveLength(1);
    // The articles' documents spread, one for each stored article: none left behind by the takeover.
    const documents = [...(await keysPerMaster(cluster!.nodes, `${prefix}:doc:*`)).values()];
    expect(documents.filter((count) => count > 0).length).toBeGreaterThan(1);
    const articles = [...(await keysPerMaster(cluster!.nodes, `{${prefix}}:article:*`)).values()];
    expect(documents.reduce((a, b) => a + b)).toBe(articles.reduce((a, b) => a + b));
    // The search postings spread in groups by a hash of the term, every stored article's list of terms in the store's slot.
    const postings = [...(await keysPerMaster(cluster!.nodes, `{${prefix}:search-*}:word:*`)).values()];
    expect(postings.filter((count) => count > 0)).toHaveLength(3);
    const lists = [...(await keysPerMaster(cluster!.nodes, `{${prefix}}:words:*`)).values()];
    expect(lists.reduce((a, b) => a + b)).toBe(articles.reduce((a, b) => a + b));
  });
});
