import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Source } from '../../src/domain/source.js';
import type { VerdictTally } from '../../src/queues/process-and-wait.js';
import { SourceStateRepository } from '../../src/store/source-state-repository.js';
import { ArticleRepository } from '../../src/store/article-repository.js';
import { goodFeed } from '../support/fault-server.js';
import { runCli, useTestRedis } from './cli-harness.js';

interface ReplayReport {
  source: string;
  read: number;
  queued: number;
  verdicts: VerdictTally;
  errors: string[];
}

describe('syndicator replay against Redis', () => {
  const { prefix, config, redis } = useTestRedis('cli-replay');

  it('reads a feed whole and stores its items, then finds them unchanged the second time', async () => {
    const first = await runCli(['replay', '--source', 'xintai-dongping-atom'], config);
    expect(first).toEqual({
      code: 0,
      stdout: 'replayed xintai-dongping-atom: 5 items read: 5 created, 0 updated, 0 unchanged, 0 duplicates, 0 failed\n',
      stderr: '',
    });
    expect(await new ArticleRepository(redis(), prefix).countFeed('source:xintai-dongping-atom')).toBe(5);
    const again = await runCli(['replay', '--source', 'xintai-dongping-atom', '--json'], config);
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout) as ReplayReport;
    expect(report).toEqual({
      source: 'xintai-dongping-atom',
      read: 5,
      queued: 5,
      verdicts: { created: 0, updated: 0, unchanged: 5, duplicate: 0, failed: 0 },
      errors: [],
    });
  });

  it('leaves the source poll state alone', async () => {
    expect(await new SourceStateRepository(redis(), prefix).get('xintai-dongping-atom')).toEqual({ errorCount: 0, itemsSeen: 0 });
  });

  it('reads every page a list source links to', async () => {
    const run = await runCli(['replay', '--source', 'yybnet-feicheng-list', '--json'], config);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as ReplayReport;
    expect(report).toMatchObject({ read: 2, queued: 2, errors: [] });
    expect(report.verdicts.failed).toBe(0);
  });

  it('with --since, leaves out the items published before the window', async () => {
    // The example feed's items are years old.
    const run = await runCli(['replay', '--source', 'taian-news-rss', '--since', '2h'], config);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^replayed taian-news-rss: (\d+) items read, \1 published before the window left out: 0 created, /);
  });

  it('with --since, keeps the items published within the window', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'replay-'));
    const item = (n: number, hoursAgo: number) =>
      `<item><title>新泰市第${n}条新闻</title><link>https://news.example.cn/recent/${n}.html</link>` +
      `<pubDate>${new Date(Date.now() - hoursAgo * 3_600_000).toUTCString()}</pubDate>` +
      `<description>新泰市羊流镇第${n}条新闻的正文，讲述了当地春季植树活动的情况。</description></item>`;
    const file = path.join(dir, 'recent.rss');
    await writeFile(
      file,
      `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>recent</title>${item(1, 1)}${item(2, 3)}</channel></rss>`,
    );
    const source: Source = {
      id: 'recent',
      name: 'recent',
      kind: 'feed',
      url: pathToFileURL(file).href,
      intervalMs: 300_000,
      channels: [],
      allowOrigins: [],
    };
    try {
      const run = await runCli(['replay', '--source', 'recent', '--since', '2h', '--json'], { ...config, sources: [source] });
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ read: 2, queued: 1, verdicts: { created: 1 } });
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('reads a list source through its next-page links and fills a fullText feed from its pages, as a poll does', async () => {
    const stories = [
      ['东平县乡村振兴培训班开班', '来自全县各乡镇的学员在县委党校参加培训，课程涵盖产业发展、基层治理和电商直播。'],
      ['州城街道新建三处口袋公园', '三处公园占地共一万二千平方米，种植乔木四百余株，将于六月底前向市民开放。'],
      ['老湖镇渔民合作社引进新品种', '合作社从江苏引进河蟹新品种，试养面积八百亩，预计秋季亩产提高两成。'],
      ['银山镇修复古村落石板路', '施工队按原有工艺修复石板路两千余米，沿线老宅同步开展防雨加固。'],
      ['沙河站镇举办农民丰收节', '丰收节设农产品展销、农机展示和民俗表演，吸引周边群众五千余人次。'],
      ['接山镇开通城乡公交新线路', '新线路连接镇驻地和县城客运站，全程四十分钟，每天往返十二个班次。'],
    ];
    const article = (n: number) => {
      const [title = '', text = ''] = stories[n - 1] ?? [];
      return (
        `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>` +
        `<div class="info">2024-05-0${n} 09:30 来源：东平融媒</div><div class="content"><p>${title}。${text}</p>` +
        `<p>${text.split('，')[0]}，据了解，这是今年以来第${n}项同类民生工程，相关负责人表示将持续跟进。</p></div></body></html>`
      );
    };
    const listPage = (links: number[], next?: string) =>
      `<!doctype html><html><head><meta charset="utf-8"><title>东平新闻</title></head><body><ul class="news-list">` +
      links.map((n) => `<li><a href="/a/${n}.html">${stories[n - 1]?.[0] ?? ''}</a><span>2024-05-0${n}</span></li>`).join('') +
      `</ul>${next ? `<div class="page"><a href="${next}">下一页</a></div>` : ''}</body></html>`;
    const thinFeed = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>thin</title>${[5, 6]
      .map(
        (n) =>
          `<item><title>${stories[n - 1]?.[0] ?? ''}</title><link>ORIGIN/a/${n}.html</link><description>详见正文。</description></item>`,
      )
      .join('')}</channel></rss>`;
    const server = createServer((req, res) => {
      const body =
        req.url === '/list.html'
          ? listPage([1, 2], '/list_2.html')
          : req.url === '/list_2.html'
            ? listPage([3, 4])
            : req.url === '/thin.rss'
              ? thinFeed.replaceAll('ORIGIN', origin)
              : /^\/a\/\d\.html$/.test(req.url ?? '')
                ? article(Number(req.url?.slice(3, 4)))
                : undefined;
      if (body === undefined) res.writeHead(404).end();
      else
        res
          .writeHead(200, { 'content-type': req.url?.endsWith('.rss') ? 'application/rss+xml; charset=utf-8' : 'text/html; charset=utf-8' })
          .end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const common = { intervalMs: 300_000, channels: [], allowOrigins: [origin] };
    const list: Source = { id: 'paged-list', name: '东平新闻', kind: 'list', url: `${origin}/list.html`, maxPages: 3, ...common };
    const thin: Source = { id: 'thin-feed', name: '东平融媒', kind: 'feed', url: `${origin}/thin.rss`, fullText: true, ...common };
    const sources = [...config.sources, list, thin];
    try {
      const listed = await runCli(['replay', '--source', list.id, '--json'], { ...config, sources });
      expect(JSON.parse(listed.stdout)).toMatchObject({ read: 4, queued: 4, verdicts: { created: 4 }, errors: [] });
      const filled = await runCli(['replay', '--source', thin.id, '--json'], { ...config, sources });
      expect(JSON.parse(filled.stdout)).toMatchObject({ read: 2, queued: 2, errors: [] });
      const articles = new ArticleRepository(redis(), prefix);
      const stored = await articles.getMany(await articles.listFeed('source:thin-feed', 10));
      expect(stored.map((article) => article.contentText)).toEqual([
        expect.stringContaining('新线路连接镇驻地'),
        expect.stringContaining('丰收节设农产品展销'),
      ]);
    } finally {
      server.close();
    }
  });

  it('asks an HTTP source unconditionally, though its ETag is stored', async () => {
    const validators: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      validators.push(req.headers['if-none-match']);
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end();
      else res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"' }).end(goodFeed('etag', '新泰市羊流镇'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const source: Source = {
      id: 'http-feed',
      name: 'HTTP',
      kind: 'feed',
      url: `${origin}/feed.rss`,
      intervalMs: 300_000,
      channels: [],
      allowOrigins: [origin],
    };
    const states = new SourceStateRepository(redis(), prefix);
    await states.recordSuccess(source.id, new Date().toISOString(), {
      status: 'ok',
      etag: '"v1"',
      items: 1,
      nextPollAt: new Date().toISOString(),
    });
    try {
      const run = await runCli(['replay', '--source', source.id, '--json'], { ...config, sources: [...config.sources, source] });
      expect(run.code).toBe(0);
      expect((JSON.parse(run.stdout) as ReplayReport).verdicts).toMatchObject({ created: 1 });
      expect(validators).toEqual([undefined]);
      expect((await states.get(source.id)).etag).toBe('"v1"');
    } finally {
      server.close();
    }
  });
});
