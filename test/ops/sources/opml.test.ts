import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSourceInput } from '../../../src/config/source-input.js';
import type { Source } from '../../../src/domain/source.js';
import { idFromUrl, sourcesFromOpml, type OpmlCandidate } from '../../../src/ops/sources/opml-sources.js';
import { readOpml } from '../../../src/ops/sources/read-opml.js';
import { writeSourcesOpml } from '../../../src/ops/sources/write-opml.js';
import { exampleConfig } from '../../support/example-config.js';
import { ROOT } from '../../support/paths.js';

const FRESHRSS = readFileSync(path.join(ROOT, 'test/fixtures/opml/freshrss-export.opml'), 'utf8');
const CHANNELS = exampleConfig.channels;
const options = { channels: CHANNELS, takenIds: new Set<string>(), takenUrls: new Map<string, string>() };
const added = (candidates: OpmlCandidate[]) => candidates.flatMap((candidate) => ('fields' in candidate ? [candidate.fields] : []));

describe('readOpml', () => {
  it('reads a feed reader’s export: its title, and each subscription with the folders it sits in', () => {
    const doc = readOpml(FRESHRSS);
    expect(doc.title).toBe('FreshRSS & 地方新闻');
    expect(doc.outlines).toHaveLength(7);
    expect(doc.outlines[1]).toEqual({
      attributes: {
        text: '新泰 "青云" 街道',
        type: 'rss',
        xmlUrl: 'https://qingyun.example.cn/feed?cat=1&lang=zh',
        htmlUrl: 'https://qingyun.example.cn/',
      },
      syndicator: {},
      folders: ['新泰新闻'],
      line: 11,
    });
    expect(doc.outlines[6]?.folders).toEqual([]);
  });

  it('reads a file that starts with a byte order mark', () => {
    expect(readOpml(`\uFEFF${FRESHRSS}`).outlines).toHaveLength(7);
  });

  it.each([
    [
      'XML that is not well-formed',
      '<opml version="2.0"><body><outline text="a"></body></opml>',
      /^opml: the XML is not well-formed: Unexpected close tag \(line 1\)/,
    ],
    [
      'a feed instead of OPML',
      '<?xml version="1.0"?><rss version="2.0"><channel/></rss>',
      /^opml: the document is a <rss>, not an OPML file$/,
    ],
    ['an empty file', '', /^opml: the document is empty$/],
  ])('refuses %s, saying what is wrong', (_case, xml, message) => {
    expect(() => readOpml(xml)).toThrow(message);
  });

  it('does not expand an entity the document declares (no billion laughs, no external files)', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]><opml version="2.0"><body><outline text="&x;" xmlUrl="https://a.example/"/></body></opml>`;
    expect(() => readOpml(xml)).toThrow(/opml: the XML is not well-formed: Invalid character entity/);
  });
});

describe('sourcesFromOpml', () => {
  it('makes a feed source of each subscription, filed under the channel its folder is named after (by name or id)', () => {
    const candidates = sourcesFromOpml(readOpml(FRESHRSS), options);
    expect(added(candidates)).toEqual([
      {
        id: 'xintai-gov-cn-rss-zwdt',
        kind: 'feed',
        url: 'https://www.xintai.gov.cn/rss/zwdt.xml',
        name: '新泰市人民政府 · 政务动态',
        channels: ['xintai'],
      },
      {
        id: 'qingyun-example-cn-feed-cat-1-lang-zh',
        kind: 'feed',
        url: 'https://qingyun.example.cn/feed?cat=1&lang=zh',
        name: '新泰 "青云" 街道',
        channels: ['xintai'],
      },
      {
        id: 'news-example-cn-xintai-atom',
        kind: 'feed',
        url: 'https://news.example.cn/xintai/atom.xml',
        name: '新泰 Atom',
        channels: ['xintai'],
      },
      { id: 'blog-example-org-index', kind: 'feed', url: 'https://blog.example.org/index.xml', name: 'Example Blog', channels: [] },
      {
        id: 'dongping-gov-cn-rss',
        kind: 'feed',
        url: 'https://www.dongping.gov.cn/rss.xml',
        name: '东平新闻 (top level)',
        channels: ['dongping'],
      },
    ]);
    expect(candidates.filter((candidate) => 'skipped' in candidate)).toEqual([
      { line: 18, skipped: 'its URL is that of source "blog-example-org-index"', url: 'https://blog.example.org/index.xml' },
      { line: 19, skipped: 'not a feed (no xmlUrl)' },
    ]);
  });

  it('every source it makes passes the config file’s schema', () => {
    const channelIds = new Set(CHANNELS.map((channel) => channel.id));
    for (const fields of added(sourcesFromOpml(readOpml(FRESHRSS), options)))
      expect(parseSourceInput(fields, channelIds, '/').ok).toBe(true);
  });

  it('leaves out the URLs in force, gives ids in force a suffix, and applies the import’s own channel, interval and origins', () => {
    const candidates = sourcesFromOpml(readOpml(FRESHRSS), {
      ...options,
      channelIds: ['taian'],
      interval: '30m',
      allowOrigins: ['http://intranet.example:8080'],
      takenIds: new Set(['news-example-cn-xintai-atom']),
      takenUrls: new Map([['https://www.xintai.gov.cn/rss/zwdt.xml', 'zwdt']]),
    });
    expect(candidates[0]).toMatchObject({ skipped: 'its URL is that of source "zwdt"' });
    expect(added(candidates)[1]).toEqual({
      id: 'news-example-cn-xintai-atom-2',
      kind: 'feed',
      url: 'https://news.example.cn/xintai/atom.xml',
      name: '新泰 Atom',
      interval: '30m',
      channels: ['taian'],
      allowOrigins: ['http://intranet.example:8080'],
    });
  });

  it.each([
    ['https://www.yybnet.net/taian/feicheng/news/', 'yybnet-net-taian-feicheng-news'],
    ['http://127.0.0.1:8080/feeds/7.rss', '127-0-0-1-feeds-7'],
    ['https://例子.中国/rss', 'xn-fsqu00a-xn-fiqs8s-rss'],
    ['not a url', 'not-a-url'],
  ])('makes an id from %s', (url, id) => {
    expect(idFromUrl(url)).toBe(id);
  });
});

describe('writeSourcesOpml', () => {
  const sources: Source[] = [
    {
      id: 'taian-news-rss',
      name: '泰安新闻 RSS',
      kind: 'feed',
      url: 'https://news.example.cn/taian.rss?a=1&b=2',
      intervalMs: 300_000,
      channels: ['taian'],
      allowOrigins: [],
    },
    {
      id: 'feicheng-list',
      name: '肥城 "新闻" <列表>',
      kind: 'list',
      url: 'http://intranet.example:8080/feicheng/',
      intervalMs: 900_000,
      encoding: 'gbk',
      channels: ['feicheng', 'taian'],
      allowOrigins: ['http://intranet.example:8080'],
      linkSelector: 'ul.news-list > li a[href*="/news/"]',
      rules: { body: '#content', drop: ['.share'] },
      maxPages: 5,
    },
    {
      id: 'elsewhere',
      name: 'Elsewhere',
      kind: 'page',
      url: 'https://a.example/p.html',
      intervalMs: 3_600_000,
      channels: [],
      allowOrigins: [],
    },
    {
      id: 'thin-rss',
      name: 'Thin',
      kind: 'feed',
      url: 'https://a.example/thin.rss',
      intervalMs: 600_000,
      channels: [],
      allowOrigins: [],
      fullText: true,
    },
  ];
  const opml = writeSourcesOpml(
    sources.map((source, i) => ({ source, paused: i === 1 })),
    CHANNELS,
    { title: 'Syndicator & 泰安 sources', created: new Date('2024-03-12T08:00:00Z') },
  );

  it('writes OPML 2.0 with a folder per channel, Chinese text readable, and every value escaped', () => {
    expect(opml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<opml version="2.0" xmlns:syn="urn:syndicator:opml">\n {2}<head>/);
    expect(opml).toContain('<title>Syndicator &amp; 泰安 sources</title>');
    expect(opml).toContain('<dateCreated>Tue, 12 Mar 2024 08:00:00 GMT</dateCreated>');
    expect(opml).toContain(
      '    <outline text="泰安新闻" title="泰安新闻">\n      <outline type="rss" text="泰安新闻 RSS" title="泰安新闻 RSS" xmlUrl="https://news.example.cn/taian.rss?a=1&amp;b=2" syn:id="taian-news-rss" syn:kind="feed" syn:interval="5m" syn:channels="taian"/>\n    </outline>',
    );
    expect(opml).toContain('text="肥城 &quot;新闻&quot; &lt;列表&gt;"');
  });

  it('is read back into the same sources, paused ones paused', () => {
    const channelIds = new Set(CHANNELS.map((channel) => channel.id));
    const candidates = sourcesFromOpml(readOpml(opml), options);
    const back = candidates.map((candidate) => {
      if (!('fields' in candidate)) throw new Error(candidate.skipped);
      const result = parseSourceInput(candidate.fields, channelIds, '/');
      if (!result.ok) throw new Error(result.problems.join('; '));
      return { source: result.source, paused: candidate.paused };
    });
    // The folders in the config's channel order (taian, then feicheng), then the sources of no channel.
    expect(back.map(({ source }) => source.id)).toEqual(['taian-news-rss', 'feicheng-list', 'elsewhere', 'thin-rss']);
    expect(back.map(({ source }) => source)).toEqual(sources);
    expect(back.map(({ paused }) => paused)).toEqual([false, true, false, false]);
  });
});
