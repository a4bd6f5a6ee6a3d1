import { request as httpRequest } from 'node:http';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { parseConfig, type Config } from '../../src/config/load-config.js';
import type { ProcessPayload } from '../../src/queues/payloads.js';
import { startRoles, type Roles, type RunningApp } from '../../src/app/start-roles.js';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';

export { waitFor };

export const DAILY_KEY = 'daily-key-0123456789abcdef';
export const OTHER_KEY = 'other-key-0123456789abcdef';
export const BURST_KEY = 'burst-key-0123456789abcdef';

/** A small network: xintai (full) and ningyang (summary only), two sources, three partners. */
export function feedTestConfig(options: { hub?: string; limit?: number } = {}): Readonly<Config> {
  const yaml = `site: { name: 地方网 泰安, publicUrl: 'http://feeds.test', language: zh-CN }
city: { name: 泰安市, code: "3709" }
feeds: { limit: ${options.limit ?? 3}, maxAge: 2m${options.hub ? `, hub: '${options.hub}'` : ''} }
workers: { processConcurrency: 4 }
channels:
  - { id: xintai, name: 新泰新闻, divisions: ["370982"] }
  - { id: ningyang, name: 宁阳新闻, divisions: ["370921"], publicContent: summary }
sources:
  - { id: xintai-rss, name: 新泰 RSS, kind: feed, url: 'https://example.invalid/xintai.rss', channels: [xintai] }
  - { id: county-rss, name: 县区 RSS, kind: feed, url: 'https://example.invalid/county.rss' }
partners:
  - { id: daily, name: 新泰日报, key: ${DAILY_KEY}, channels: [xintai, ningyang], rate: { max: 100, per: 1m } }
  - { id: other, name: 其他伙伴, key: ${OTHER_KEY}, channels: [xintai] }
  - { id: burst, name: 限速伙伴, key: ${BURST_KEY}, channels: [xintai], rate: { max: 3, per: 1m } }
`;
  return parseConfig(yaml, '/test/feeds.yaml', { port: 0, host: '127.0.0.1' });
}

/** One raw item of a source, as fetch hands it to process; `n` orders them in time. */
export function feedItem(
  n: number,
  sourceId: 'xintai-rss' | 'county-rss',
  overrides: Partial<ProcessPayload['item']> = {},
): ProcessPayload {
  const place = sourceId === 'xintai-rss' ? '新泰市羊流镇' : '宁阳县伏山镇';
  const minute = String(n % 60).padStart(2, '0');
  return {
    source: {
      id: sourceId,
      name: sourceId === 'xintai-rss' ? '新泰 RSS' : '县区 RSS',
      channels: sourceId === 'xintai-rss' ? ['xintai'] : [],
    },
    item: {
      guid: `${sourceId}-${n}`,
      url: `https://www.yybnet.net/${sourceId}/${n}.html`,
      title: `${place}第${n}次春季植树活动`,
      html: [
        `<p>近日，${place}组织开展第${n}次春季植树活动，${100 + n}名干部群众参加，共栽植苗木${2000 + n * 7}株，进一步改善了镇村人居环境。</p>`,
        `<p>活动现场，大家分工协作、挖坑培土、扶苗浇水，干劲十足，一派热火朝天的景象。该镇负责人介绍，今年将新增绿化面积${300 + n}亩。</p>`,
        '<p>下一步，该镇将持续加强苗木管护，确保栽一棵、活一棵、成林一片。</p>',
      ].join(''),
      published: `2024-03-12T09:${minute}:00+08:00`,
      authors: ['记者 张伟'],
      categories: [],
      images: [],
      placeHints: [],
      ...overrides,
    },
    fetchedAt: new Date().toISOString(),
  };
}

/** A running app under its own key prefix, with a queue to feed items in. */
export interface FeedTestApp {
  base: string;
  prefix: string;
  redis: Redis;
  app: RunningApp;
  enqueue(payloads: ProcessPayload[]): Promise<void>;
  close(): Promise<void>;
}

/** Starts the given roles (default: process and publish workers and the server, no scheduler). */
export async function startFeedApp(
  name: string,
  config: Readonly<Config>,
  roles: Roles = { workers: ['process', 'publish'], scheduler: false, server: true },
): Promise<FeedTestApp> {
  const prefix = uniquePrefix(name);
  const app = await startRoles({ ...config, redis: { ...config.redis, prefix } }, roles, testRedisUrl(), pino({ level: 'silent' }));
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const processQueue = new Queue<ProcessPayload>('process', { connection: redis, prefix });
  return {
    base: app.baseUrl ?? '',
    prefix,
    redis,
    app,
    enqueue: async (payloads) => {
      await processQueue.addBulk(payloads.map((data) => ({ name: 'process-item', data })));
    },
    close: async () => {
      await app.close();
      await processQueue.close();
      await deletePrefix(redis, prefix);
      await redis.quit();
    },
  };
}

/** A response read with node:http, so that compressed bodies arrive as sent. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** GETs (or HEADs) a URL without any automatic decompression. */
export function rawGet(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/** Returns the `message` of an error answer: every route answers errors as `{ error, message }`. */
export function errorMessageOf(response: RawResponse): string {
  return (JSON.parse(response.body.toString()) as { message: string }).message;
}

/** Returns the items of a JSON feed at a URL, or [] while it is not served. */
export async function jsonItems(url: string): Promise<{ id: string; title: string; content_html: string }[]> {
  const response = await fetch(url);
  if (!response.ok) return [];
  return ((await response.json()) as { items: { id: string; title: string; content_html: string }[] }).items;
}
