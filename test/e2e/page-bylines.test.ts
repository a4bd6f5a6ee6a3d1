import path from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ROLES, startRoles, type RunningApp } from '../../src/app/start-roles.js';
import { parseConfig } from '../../src/config/load-config.js';
import type { ApiArticle } from '../../src/feeds/api-article.js';
import { FIXTURES } from '../support/paths.js';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';

const DAY_MS = 86_400_000;
const CHINA_MS = 8 * 3_600_000;

/** An HTML page source whose info line says 昨天 10:20 and names 來源, 記者, 通訊員 and two 編輯: read through the whole pipeline. */
describe('a page with a relative time and traditional bylines, end to end', () => {
  const prefix = uniquePrefix('e2e-page-bylines');
  let app: RunningApp | undefined;
  let base: string;

  beforeAll(async () => {
    const yaml = `city: { name: 泰安市, code: "3709" }
channels: [{ id: dongping, name: 东平新闻, divisions: ["370923"] }]
sources:
  - { id: relative-page, name: 示例网, kind: page, url: pages/generic-relative-traditional.html, interval: 10m }
`;
    const config = parseConfig(yaml, path.join(FIXTURES, 'page-bylines.yaml'), { port: 0, host: '127.0.0.1' });
    app = await startRoles({ ...config, redis: { ...config.redis, prefix } }, ALL_ROLES, testRedisUrl(), pino({ level: 'silent' }));
    base = app.baseUrl!;
    await waitFor(async () => (await articles()).length > 0, { what: 'the page article stored', timeoutMs: 60_000 });
  });

  afterAll(async () => {
    await app?.close();
    const redis = new Redis(testRedisUrl());
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  async function articles(): Promise<ApiArticle[]> {
    const response = await fetch(`${base}/api/articles?source=relative-page`);
    return response.ok ? ((await response.json()) as { items: ApiArticle[] }).items : [];
  }

  it('dates the article 10:20 on the day before it was fetched (China time), not at the fetch time', async () => {
    const [article] = await articles();
    // firstSeenAt is the fetch time; 昨天 is the China day before it.
    const yesterday = new Date(Date.parse(article!.firstSeenAt) + CHINA_MS - DAY_MS).toISOString().slice(0, 10);
    expect(article!.publishedAt).toBe(`${yesterday}T10:20:00+08:00`);
    expect(article!.timeFlags).toEqual([]);
  });

  it('reads 來源, the 記者 and 通訊員 with their roles, and both editors', async () => {
    const [article] = await articles();
    expect(article).toMatchObject({
      originalSource: '東平縣融媒體中心',
      authors: [
        { name: '張偉', role: '记者' },
        { name: '李娜', role: '通讯员' },
      ],
      editors: ['汤诗瑶', '丁涛'],
    });
  });

  it('gives the writers’ names to the feeds', async () => {
    const items = async () => {
      const response = await fetch(`${base}/feeds/sources/relative-page.json`);
      return response.ok ? ((await response.json()) as { items: { authors?: { name: string }[] }[] }).items : [];
    };
    await waitFor(async () => (await items()).length > 0, { what: 'the source feed rendered with the article' });
    expect((await items())[0]?.authors).toEqual([{ name: '張偉' }, { name: '李娜' }]);
  });
});
