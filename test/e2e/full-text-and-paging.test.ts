import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ROLES, startRoles, type RunningApp } from '../../src/app/start-roles.js';
import { parseConfig } from '../../src/config/load-config.js';
import type { Article } from '../../src/domain/article.js';
import { feedId } from '../../src/domain/feed-id.js';
import { enqueuePollNow } from '../../src/queues/enqueue.js';
import type { FetchPayload } from '../../src/queues/payloads.js';
import { ArticleRepository } from '../../src/store/article-repository.js';
import { SourceStateRepository } from '../../src/store/source-state-repository.js';
import { FeedSite, RSS_TYPE } from '../support/feed-site.js';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';

/** An article page as a county portal serves it: nav, headline, info line, body, related links. */
function articlePage(title: string, paragraphs: string[], time = '2024-03-26 10:20'): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}_新泰新闻_泰山网</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/xintai/">新泰新闻</a> <a href="/feicheng/">肥城新闻</a></div>
<div class="article"><h1>${title}</h1>
<div class="info">${time} 来源：新泰融媒 记者 王芳</div>
<div class="content">${paragraphs.map((p) => `<p>${p}</p>`).join('')}</div>
<div class="related"><h3>相关新闻</h3><ul><li><a href="/xintai/other.html">新泰市其他新闻标题示例</a></li></ul></div></div>
</body></html>`;
}

/** A channel list page: its entries (path, title, date) and, when given, a pager leading to `next`. */
function listPage(entries: [path: string, title: string, date: string][], next?: string): string {
  const items = entries.map(([path, title, date]) => `<li><a href="${path}">${title}</a><span>${date}</span></li>`).join('\n');
  const pager = next ? `<div class="page"><a href="index.html">首页</a> <a href="${next}">下一页</a></div>` : '';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>新泰新闻</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/xintai/">新泰新闻</a></div>
<ul class="news">${items}</ul>${pager}</body></html>`;
}

/** What each story is about: different enough that no two are near-duplicates of each other. */
const TOPICS = [
  ['植树造林', '栽植侧柏、黄栌等苗木一万余株，绿化荒山三百亩', '林业站技术人员现场指导栽植要领'],
  ['安全生产检查', '检查企业四十二家，排查隐患一百零六处', '对问题较多的三家企业下达整改通知书'],
  ['乡村振兴培训', '培训村党支部书记和致富带头人二百余人次', '邀请农业大学专家讲授设施蔬菜种植技术'],
  ['樱桃开花', '全镇八千亩樱桃园进入盛花期，吸引周边游客', '果农忙着疏花授粉，预计五月中旬上市'],
  ['消防演练', '组织商户和居民开展灭火疏散演练', '消防救援站讲解灭火器和消防栓的使用方法'],
  ['春季运动会', '一千二百名师生参加田径和趣味项目比赛', '校园里加油声此起彼伏，洋溢着青春活力'],
  ['义诊进村', '县医院专家为三百多名老人免费体检', '发放健康手册并建立慢性病随访档案'],
  ['小麦春管', '农技人员深入田间指导浇水施肥和病虫害防治', '全镇十二万亩小麦长势良好'],
  ['文化下乡', '送戏下乡演出吕剧、快板等节目二十场', '村民在家门口看上了精彩的文艺演出'],
];
const STORY = (n: number, place: string) => {
  const [topic, fact, detail] = TOPICS[(n - 1) % TOPICS.length] ?? [];
  return [
    `近日，${place}开展${topic}活动，${fact}。`,
    `${detail}，活动得到群众普遍好评。`,
    `第${n}篇报道：${place}将把${topic}作为常态化工作持续推进。`,
  ];
};

describe('fullText feeds and paged lists, end to end (real Redis, a local site)', () => {
  const prefix = uniquePrefix('full-text-paging');
  const site = new FeedSite();
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const articles = new ArticleRepository(redis, prefix);
  const states = new SourceStateRepository(redis, prefix);
  const fetchQueue = new Queue<FetchPayload>('fetch', { connection: redis, prefix });
  const processQueue = new Queue('process', { connection: redis, prefix });
  let app: RunningApp | undefined;

  const stored = async (sourceId: string): Promise<Article[]> => articles.getMany(await articles.listFeed(feedId.source(sourceId), 50));
  /** Nothing left to fetch or process (the schedulers' next polls, delayed by an hour, aside). */
  const idle = async () => {
    const counts = await Promise.all([fetchQueue, processQueue].map((queue) => queue.getJobCounts('waiting', 'active', 'prioritized')));
    const delayed = await processQueue.getDelayedCount();
    return delayed === 0 && counts.every((count) => Object.values(count).every((n) => n === 0));
  };
  /** Polls a source now and waits until the poll, and everything it queued, is done. */
  const pollAgain = async (sourceId: string) => {
    const before = (await states.get(sourceId)).lastFetchAt;
    await enqueuePollNow(fetchQueue, sourceId);
    await waitFor(async () => (await states.get(sourceId)).lastFetchAt !== before && (await idle()), {
      what: `a second poll of ${sourceId}`,
    });
  };

  beforeAll(async () => {
    const origin = await site.start();
    // A thin feed: a title and one line each; the first page reads, the second is missing.
    site.set('/thin.rss', {
      type: RSS_TYPE,
      body: `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>新泰薄源</title><link>${origin}/</link><description>d</description>
<item><title>羊流镇惠民活动启动</title><link>${origin}/a/1.html</link><guid>thin-1</guid><pubDate>Tue, 26 Mar 2024 09:00:00 +0800</pubDate><description>羊流镇惠民活动启动。</description></item>
<item><title>青云街道召开会议</title><link>${origin}/a/2.html</link><guid>thin-2</guid><pubDate>Tue, 26 Mar 2024 08:00:00 +0800</pubDate><description>青云街道召开安全生产会议。</description></item>
</channel></rss>`,
    });
    site.set('/a/1.html', { body: articlePage('新泰市羊流镇第1期惠民活动正式启动', STORY(1, '新泰市羊流镇')) });
    // Three list pages of three, three and two entries; the third's 下一页 leads past maxPages.
    const entry = (n: number): [string, string, string] => [`/list/2024/${n}.html`, `新泰市翟镇第${n}期惠民活动正式启动`, '2024-03-26'];
    site.set('/list/index.html', { body: listPage([1, 2, 3].map(entry), 'index_2.html') });
    site.set('/list/index_2.html', { body: listPage([4, 5, 6].map(entry), 'index_3.html') });
    site.set('/list/index_3.html', { body: listPage([7, 8].map(entry), 'index_4.html') });
    site.set('/list/index_4.html', { body: listPage([9].map(entry)) });
    for (let n = 1; n <= 9; n++)
      site.set(`/list/2024/${n}.html`, { body: articlePage(`新泰市翟镇第${n}期惠民活动正式启动`, STORY(n, '新泰市翟镇')) });
    const yaml = `city: { name: 泰安市, code: "3709" }
channels:
  - { id: taian, name: 泰安新闻, cityWide: true, divisions: ["370902", "370911"] }
  - { id: xintai, name: 新泰新闻, divisions: ["370982"] }
sources:
  - { id: thin, name: 新泰薄源, kind: feed, url: "${origin}/thin.rss", interval: 1h, channels: [xintai], fullText: true, allowOrigins: ["${origin}"] }
  - { id: paged, name: 翟镇列表, kind: list, url: "${origin}/list/index.html", interval: 1h, channels: [xintai], maxPages: 3, allowOrigins: ["${origin}"] }
`;
    const config = parseConfig(yaml, '/test/full-text-paging.yaml', { port: 0 });
    app = await startRoles(
      { ...config, redis: { ...config.redis, prefix } },
      { ...ALL_ROLES, server: false },
      testRedisUrl(),
      pino({ level: 'silent' }),
    );
    await waitFor(async () => (await stored('thin')).length === 2 && (await stored('paged')).length === 8 && (await idle()), {
      timeoutMs: 40_000,
      what: 'the first polls of both sources, processed',
    });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await site.stop();
    await Promise.all([fetchQueue.close(), processQueue.close()]);
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  describe('a thin feed with fullText', () => {
    it('becomes full text: the page’s headline, body and time; the feed’s teaser is the summary', async () => {
      const first = (await stored('thin')).find((article) => article.url.endsWith('/a/1.html'));
      expect(first?.title).toBe('新泰市羊流镇第1期惠民活动正式启动');
      expect(first?.contentText).toContain('林业站技术人员现场指导栽植要领');
      expect(first?.contentText).not.toContain('相关新闻');
      expect(first?.summary).toBe('羊流镇惠民活动启动。');
      expect(first?.publishedAt).toBe('2024-03-26T10:20:00+08:00');
    });

    it('keeps the feed’s content for an entry whose page fails, and counts the failure on the source', async () => {
      const second = (await stored('thin')).find((article) => article.url.endsWith('/a/2.html'));
      expect(second?.title).toBe('青云街道召开会议');
      expect(second?.contentText).toBe('青云街道召开安全生产会议。');
      const state = await states.get('thin');
      expect(state.lastStatus).toBe('ok');
      expect(state.fullTextFailures).toBe(1);
      expect(state.lastFullTextError).toMatch(/\/a\/2\.html: HTTP 404/);
    });

    it('does not fetch a page again on the next poll: the cache in Redis has it', async () => {
      expect(site.hitsOf('/a/1.html')).toBe(1);
      await pollAgain('thin');
      expect(site.hitsOf('/thin.rss')).toBe(2);
      expect(site.hitsOf('/a/1.html')).toBe(1);
      // A page that failed is left alone for a while too.
      expect(site.hitsOf('/a/2.html')).toBe(1);
      expect((await stored('thin')).map((article) => article.title).sort()).toEqual(
        ['新泰市羊流镇第1期惠民活动正式启动', '青云街道召开会议'].sort(),
      );
    });
  });

  describe('a three-page list source', () => {
    it('is read whole: every article of the three pages is stored, and the pager is not followed past maxPages', async () => {
      const urls = (await stored('paged')).map((article) => new URL(article.url).pathname).sort();
      expect(urls).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `/list/2024/${n}.html`).sort());
      expect(['/list/index.html', '/list/index_2.html', '/list/index_3.html'].map((path) => site.hitsOf(path))).toEqual([1, 1, 1]);
      expect(site.hitsOf('/list/index_4.html')).toBe(0);
    });

    it('fetches an article again when its list entry’s title changed, and updates it; the others are not fetched again', async () => {
      const corrected = '新泰市翟镇第5期惠民活动正式启动（更正）';
      const entry = (n: number): [string, string, string] => [`/list/2024/${n}.html`, `新泰市翟镇第${n}期惠民活动正式启动`, '2024-03-26'];
      site.set('/list/index_2.html', { body: listPage([entry(4), [entry(5)[0], corrected, '2024-03-27'], entry(6)], 'index_3.html') });
      site.set('/list/2024/5.html', {
        body: articlePage(
          corrected,
          STORY(5, '新泰市翟镇').map((p) => `${p}更正后的内容。`),
          '2024-03-27 09:00',
        ),
      });
      await pollAgain('paged');
      await waitFor(async () => (await stored('paged')).some((article) => article.title === corrected), { what: 'the corrected article' });
      expect(site.hitsOf('/list/2024/5.html')).toBe(2);
      for (const n of [1, 2, 3, 4, 6, 7, 8]) expect(site.hitsOf(`/list/2024/${n}.html`)).toBe(1);
      expect((await stored('paged')).length).toBe(8);
    });
  });
});
