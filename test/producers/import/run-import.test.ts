import path from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { runImport, type ImportReport } from '../../../src/producers/import/run-import.js';
import { openQueues, type QueueSet } from '../../../src/queues/queue-set.js';
import { startRoles, type RunningApp } from '../../../src/app/start-roles.js';
import { ArticleRepository } from '../../../src/store/article-repository.js';
import { EXAMPLES, FIXTURES } from '../../support/paths.js';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../../support/redis.js';

describe('runImport against Redis', () => {
  const prefix = uniquePrefix('import');
  let app: RunningApp;
  let redis: Redis;
  let queues: QueueSet;
  let report: ImportReport;
  const jsonl = path.join(FIXTURES, 'import', 'articles.jsonl');

  beforeAll(async () => {
    const config = loadConfig({});
    app = await startRoles(
      { ...config, redis: { ...config.redis, prefix } },
      { workers: ['process', 'publish'], scheduler: false, server: false },
      testRedisUrl(),
      pino({ level: 'silent' }),
    );
    redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    queues = openQueues(redis, prefix);
    report = await runImport(
      {
        paths: [
          jsonl,
          path.join(EXAMPLES, 'feeds', 'xintai-dongping.atom'),
          path.join(EXAMPLES, 'pages', 'dongping-laohu-yujiale.html'),
          '/nonexistent.rss',
        ],
        defaultSourceId: 'import',
        sources: config.sources,
      },
      queues,
      redis,
      prefix,
    );
  });
  afterAll(async () => {
    await app.close();
    await queues.close();
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('imports the good JSON lines, the feed and the page, and processes every item', () => {
    expect(report.queued).toBe(3 + 5 + 1);
    expect(report.verdicts).toEqual({ created: 9, updated: 0, unchanged: 0, duplicate: 0, failed: 0 });
  });

  it('reports each bad line with its file and line number', () => {
    expect(report.errors).toEqual([
      `${jsonl}:3: contentHtml: give contentHtml or contentText`,
      expect.stringMatching(new RegExp(`^${jsonl}:4: invalid JSON: `)),
      `${jsonl}:5: url: must be an http(s) URL`,
      expect.stringMatching(/^\/nonexistent\.rss: cannot read: ENOENT/),
    ]);
  });

  it('files items under the source their line names, else the default', async () => {
    const articles = new ArticleRepository(redis, prefix);
    const ningyang = await articles.getMany(await articles.listFeed('source:ningyang-import', 10));
    expect(ningyang.map((a) => a.title)).toEqual(['宁阳县磁窑镇开展春季植树活动']);
    expect(ningyang[0]).toMatchObject({
      publishedAt: '2024-03-12T09:15:00+08:00',
      authors: [{ name: '王晓东', role: '作者' }],
      originalSource: '宁阳县融媒体中心',
    });
    const all = await articles.getMany(await articles.listFeed('channel:all', 50));
    const zhoucheng = all.find((article) => article.url === 'https://www.example.cn/dongping/2002.html');
    expect(zhoucheng).toMatchObject({ authors: [{ name: '刘芳', role: '记者' }], editors: ['孙静', '李四'] });
    expect(await articles.countFeed('source:import')).toBe(8);
    expect(await articles.countFeed('channel:dongping')).toBeGreaterThanOrEqual(3);
  });

  it('makes nothing new when the same files are imported again', async () => {
    const again = await runImport({ paths: [jsonl], defaultSourceId: 'import', sources: [] }, queues, redis, prefix);
    expect(again.verdicts).toMatchObject({ created: 0, unchanged: 3 });
  });
});
