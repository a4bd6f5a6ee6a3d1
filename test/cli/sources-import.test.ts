import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/load-config.js';
import { readOpml } from '../../src/ops/sources/read-opml.js';
import type { SourceStatus } from '../../src/ops/source-status.js';
import { SourceStateRepository } from '../../src/store/source-state-repository.js';
import { FeedSite, RSS_TYPE, rssFeed } from '../support/feed-site.js';
import { waitFor } from '../support/wait-for.js';
import { startWorkerApp, type WorkerApp } from '../support/worker-app.js';
import { runCli, useTestRedis } from './cli-harness.js';

const FEEDS = 50;
const PLACES = ['新泰市青云街道', '新泰市羊流镇', '泰山区岱庙街道', '岱岳区满庄镇', '新泰市楼德镇'];

/** An OPML file as a feed reader exports it: the first half of the feeds in a 新泰新闻 folder, the rest in another. */
function opmlOf(origin: string): string {
  const outline = (n: number) => `      <outline type="rss" text="县区新闻 ${n}" title="县区新闻 ${n}" xmlUrl="${origin}/feeds/${n}.rss"/>`;
  const numbers = Array.from({ length: FEEDS }, (_, i) => i + 1);
  return `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>县区新闻订阅</title></head>
  <body>
    <outline text="新泰新闻">
${numbers
  .slice(0, FEEDS / 2)
  .map(outline)
  .join('\n')}
    </outline>
    <outline text="其他">
${numbers
  .slice(FEEDS / 2)
  .map(outline)
  .join('\n')}
    </outline>
  </body>
</opml>
`;
}

/** `syndicator sources import` of an OPML file of 50 feeds, with a worker process running: each is scheduled and polled at once. */
describe('syndicator sources import and export against Redis and a local web site', () => {
  const { prefix, redis } = useTestRedis('cli-opml');
  const site = new FeedSite();
  let config: Readonly<Config>;
  let app: WorkerApp | undefined;
  let dir: string;
  let opmlPath: string;
  let fetchQueue: Queue;

  beforeAll(async () => {
    const origin = await site.start();
    for (let n = 1; n <= FEEDS; n++)
      site.set(`/feeds/${n}.rss`, { body: rssFeed(`f${n}`, PLACES[n % PLACES.length]!, 1, n), type: RSS_TYPE });
    dir = await mkdtemp(path.join(tmpdir(), 'opml-'));
    opmlPath = path.join(dir, 'county-feeds.opml');
    await writeFile(opmlPath, opmlOf(origin));
    const yaml = `city: { name: 泰安市, code: "3709" }
fetch: { perHostConcurrency: 16 }
channels:
  - { id: taian, name: 泰安新闻, cityWide: true, divisions: ["370902", "370911"] }
  - { id: xintai, name: 新泰新闻, divisions: ["370982"] }
`;
    app = await startWorkerApp(yaml, path.join(dir, 'syndicator.yaml'), prefix);
    config = app.config;
    fetchQueue = app.fetchQueue;
  });

  afterAll(async () => {
    await app?.close();
    await site.stop();
    await rm(dir, { recursive: true });
  });

  it('imports 50 feeds: each is scheduled at once and polled, without a restart', async () => {
    const run = await runCli(
      ['sources', 'import', opmlPath, '--allow-origin', site.origin, '--interval', '1h', '--actor', 'migration'],
      config,
    );
    expect(run).toEqual({ code: 0, stdout: `imported ${FEEDS} sources from ${opmlPath} (0 left out, 0 refused)\n`, stderr: '' });
    expect((await fetchQueue.getJobSchedulers()).filter((scheduler) => scheduler.every === 3_600_000)).toHaveLength(FEEDS);
    const states = new SourceStateRepository(redis(), prefix);
    const ids = Array.from({ length: FEEDS }, (_, i) => `127-0-0-1-feeds-${i + 1}`);
    await waitFor(
      async () => (await Promise.all(ids.map(async (id) => (await states.get(id)).lastStatus))).every((status) => status === 'ok'),
      {
        what: `all ${FEEDS} imported sources polled`,
        timeoutMs: 60_000,
      },
    );
    for (let n = 1; n <= FEEDS; n++) expect(site.hitsOf(`/feeds/${n}.rss`)).toBeGreaterThanOrEqual(1);
  }, 90_000);

  it('files the feeds of the 新泰新闻 folder under xintai, and lists every source healthy', async () => {
    const run = await runCli(['sources', '--json'], config);
    const listed = JSON.parse(run.stdout) as SourceStatus[];
    expect(listed).toHaveLength(FEEDS);
    expect(listed.every((source) => source.health.status === 'ok')).toBe(true);
    const exported = readOpml((await runCli(['sources', 'export'], config)).stdout);
    expect(exported.outlines).toHaveLength(FEEDS);
    const xintai = exported.outlines.filter((outline) => outline.syndicator.channels === 'xintai');
    expect(xintai.map((outline) => outline.attributes.title)).toEqual(Array.from({ length: FEEDS / 2 }, (_, i) => `县区新闻 ${i + 1}`));
    expect(xintai[0]?.folders).toEqual(['新泰新闻']);
  });

  it('adds nothing the second time: every URL is in force already', async () => {
    const run = await runCli(['sources', 'import', opmlPath, '--allow-origin', site.origin], config);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(`imported 0 sources from ${opmlPath} (${FEEDS} left out, 0 refused)`);
    expect(run.stdout).toContain(`${opmlPath}:6: left out: its URL is that of source "127-0-0-1-feeds-1"`);
  });

  it('reports an entry the schema refuses by its line, and exits 1', async () => {
    const bad = path.join(dir, 'bad.opml');
    await writeFile(
      bad,
      `<opml version="2.0" xmlns:syn="urn:syndicator:opml"><body>\n<outline text="x" xmlUrl="https://a.example/x.rss" syn:interval="often"/>\n</body></opml>`,
    );
    const run = await runCli(['sources', 'import', bad], config);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`${bad}:2: a-example-x: interval: not a duration: "often" (use 30s, 10m, 2h)\n`);
    const notOpml = await runCli(['sources', 'import', path.join(dir, 'syndicator.yaml')], config);
    expect(notOpml).toMatchObject({ code: 1, stderr: expect.stringContaining('syndicator sources: ') as unknown });
  });
});
