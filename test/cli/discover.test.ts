import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Discovery } from '../../src/producers/sources/discover/discover-source.js';
import { exampleConfig } from '../support/example-config.js';
import { FeedSite, RSS_TYPE, rssFeed } from '../support/feed-site.js';
import { ROOT } from '../support/paths.js';
import { runCli } from './cli-harness.js';

const CHANNEL_PAGE = readFileSync(path.join(ROOT, 'test/fixtures/discover/xintai-channel.html'), 'utf8');
const JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: '泰山区 JSON',
  items: [
    {
      id: '1',
      url: 'https://news.example.cn/j/1.html',
      title: '泰山区岱庙街道开展志愿服务',
      content_text: '泰山区岱庙街道开展志愿服务活动。',
    },
  ],
});
const page = (head: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>泰山区融媒体</title>${head}</head><body><p>泰山区新闻</p></body></html>`;

/** `syndicator discover` against a local web site, through the fetcher's guarded client. */
describe('syndicator discover', () => {
  const site = new FeedSite();
  let allow: string[];
  const discover = async (urlPath: string, ...args: string[]) =>
    runCli(['discover', `${site.origin}${urlPath}`, ...allow, ...args], exampleConfig);
  const json = async (urlPath: string) => JSON.parse((await discover(urlPath, '--json')).stdout) as Discovery;

  beforeAll(async () => {
    await site.start();
    allow = ['--allow-origin', site.origin];
    site
      .set('/blog/', {
        body: page(
          '<link rel="alternate" type="application/rss+xml" title="RSS" href="feed.xml"><link rel="alternate" type="application/feed+json" href="/blog/feed.json"><link rel="alternate" type="application/atom+xml" href="gone.xml">',
        ),
      })
      .set('/blog/feed.xml', { body: rssFeed('blog', '泰山区', 3), type: RSS_TYPE })
      .set('/blog/feed.json', { body: JSON_FEED, type: 'application/feed+json' })
      .set('/plain/', { body: page('') })
      .set('/xintai/news/', { body: CHANNEL_PAGE });
  });
  afterAll(async () => {
    await site.stop();
  });

  it('finds the feeds a page names, reading each, and says which could not be read', async () => {
    const found = await json('/blog/');
    expect(found.feeds).toEqual([
      { url: `${site.origin}/blog/feed.xml`, format: 'rss', title: 'blog', items: 3, via: 'link' },
      { url: `${site.origin}/blog/feed.json`, format: 'json', title: '泰山区 JSON', items: 1, via: 'link' },
    ]);
    expect(found.unreadable).toEqual([{ url: `${site.origin}/blog/gone.xml`, reason: expect.stringMatching(/HTTP 404/) as unknown }]);
    expect(found.list).toBeUndefined();
    const text = await discover('/blog/');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      `        syndicator sources add --id 127-0-0-1-blog-feed --name blog --kind feed --url ${site.origin}/blog/feed.xml --allow-origin ${site.origin}\n`,
    );
  });

  it('tries the common feed paths when the page names none', async () => {
    site.set('/rss.xml', { body: rssFeed('site', '泰山区', 2), type: RSS_TYPE });
    expect((await json('/plain/')).feeds).toEqual([
      { url: `${site.origin}/rss.xml`, format: 'rss', title: 'site', items: 2, via: 'common-path' },
    ]);
    expect(site.hitsOf('/feed')).toBeGreaterThan(0);
    expect(site.hitsOf('/plain/index.xml')).toBeGreaterThan(0);
    site.set('/rss.xml', { status: 404, body: 'gone' });
  });

  it('proposes a list source with its link selector for a portal’s channel page', async () => {
    const found = await json('/xintai/news/');
    expect(found.feeds).toEqual([]);
    expect(found.list).toMatchObject({ linkSelector: 'ul.news-list a', title: '新泰新闻_地方网' });
    expect(found.list?.links).toHaveLength(8);
    const text = await discover('/xintai/news/');
    expect(text.stdout).toContain('a channel page with 8 article links: as a list source\n  link selector: ul.news-list a\n');
    expect(text.stdout).toContain(
      `syndicator sources add --id 127-0-0-1-xintai-news --name '新泰新闻_地方网' --kind list --url ${site.origin}/xintai/news/ --link-selector 'ul.news-list a' --interval 15m --allow-origin ${site.origin}\n`,
    );
  });

  it('takes a feed’s own URL for what it is', async () => {
    expect((await json('/blog/feed.xml')).feeds).toEqual([expect.objectContaining({ via: 'page', items: 3 })]);
  });

  it('fails when the page offers nothing, and refuses a private address unless its origin is allowed', async () => {
    expect(await discover('/plain/')).toMatchObject({ code: 1, stdout: expect.stringContaining('no feed found') as unknown });
    const guarded = await runCli(['discover', `${site.origin}/blog/`], exampleConfig);
    expect(guarded.code).toBe(1);
    expect(guarded.stderr).toMatch(/^syndicator discover: fetch: http:\/\/127\.0\.0\.1:\d+\/blog\/: 127\.0\.0\.1 is a non-public address/);
  });
});
