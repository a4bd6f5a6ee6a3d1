import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeBody } from '../../../../src/producers/sources/fetch/decode-body.js';
import { parseFeed } from '../../../../src/producers/sources/formats/parse-feed.js';
import { itemKeyOf } from '../../../../src/workers/process/dedupe/fingerprint.js';
import { parseTime } from '../../../../src/workers/process/normalize/parse-time.js';
import { EXAMPLES, FIXTURES } from '../../../support/paths.js';

function example(name: string): string {
  return decodeBody(readFileSync(path.join(EXAMPLES, 'feeds', name)));
}

function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, 'feeds', name), 'utf8');
}

const Y = 'https://www.yybnet.net';

interface ExpectedItem {
  title: string;
  url: string;
  guid: string;
  published: string;
  authors: string[];
  htmlStart: string;
}

describe('parseFeed on the example feeds', () => {
  it.each([
    { file: 'taian-news.rss', title: '泰安新闻', link: `${Y}/taian/news/`, count: 6 },
    { file: 'county-news-gbk.rss', title: '县区新闻', link: `${Y}/taian/`, count: 5 },
    { file: 'xintai-dongping.atom', title: '新泰·东平新闻', link: `${Y}/taian/`, count: 5 },
  ])('$file: title, link and item count', async ({ file, title, link, count }) => {
    const feed = await parseFeed(example(file), `${Y}/feeds/${file}`);
    expect(feed.title).toBe(title);
    expect(feed.link).toBe(link);
    expect(feed.items).toHaveLength(count);
    for (const item of feed.items) {
      expect(item.url).toMatch(/^https:\/\/www\.yybnet\.net\/taian\/.+\.html$/);
      expect(item.guid).toEqual(expect.any(String));
      expect(item.html).toMatch(/^<p>/);
      expect(item.placeHints).toEqual([]);
    }
    expect(new Set(feed.items.map((item) => item.guid)).size).toBe(count);
  });

  const cases: [string, number, ExpectedItem][] = [
    [
      'taian-news.rss',
      0,
      {
        title: '清明假期泰山景区接待游客21.3万人次',
        url: `${Y}/taian/news/202404/6941286.html`,
        guid: 'yybnet-taian-6941286',
        published: '2024-04-07T18:30:00+08:00',
        authors: ['泰山晚报记者 陈晨'],
        htmlStart: '<p>记者从泰山景区获悉，清明假期三天',
      },
    ],
    [
      'taian-news.rss',
      1,
      {
        title: '新泰市首条城乡定制公交线路开通',
        url: `${Y}/taian/xintai/news/202404/6939874.html`,
        guid: 'yybnet-xintai-6939874',
        published: '2024-04-02T09:10:00+08:00',
        authors: ['xintai@yybnet.net (记者 张伟)'],
        htmlStart: '<p>4月1日，新泰市首条城乡定制公交线路正式开通运营。',
      },
    ],
    [
      'taian-news.rss',
      4,
      {
        title: '泰安市春季重点项目集中开工 126个项目总投资385亿元',
        url: `${Y}/taian/news/202403/6933512.html`,
        guid: 'yybnet-taian-6933512',
        published: '2024-03-14T10:20:00+08:00',
        authors: ['泰安日报记者 孟凡'],
        htmlStart: '<p>□泰安日报记者 孟凡</p><p>3月13日',
      },
    ],
    [
      'taian-news.rss',
      5,
      {
        title: '泰安市成功创建 中国科协创新驱动助力工程示范市',
        url: `${Y}/taian/feicheng/news/201707/5862101.html`,
        guid: 'yybnet-feicheng-5862101',
        published: '2017-07-05T10:39:00+08:00',
        authors: ['武建堂'],
        htmlStart: '<p>近日,中国科协2017年创新驱动助力工程',
      },
    ],
    [
      'county-news-gbk.rss',
      0,
      {
        title: '新泰市楼德镇：小煎饼做成大产业',
        url: `${Y}/taian/xintai/news/202404/6942075.html`,
        guid: 'county-6942075',
        published: '2024-04-12T08:20:00+08:00',
        authors: ['记者 张伟'],
        htmlStart: '<p>走进新泰市楼德镇的煎饼加工园区',
      },
    ],
    [
      'county-news-gbk.rss',
      4,
      {
        title: '宁阳县“春风行动”送岗位5800余个',
        url: `${Y}/taian/ningyang/news/202403/6931622.html`,
        guid: 'county-6931622',
        published: '2024-03-05T10:00:00+08:00',
        authors: ['宁阳县融媒体中心'],
        htmlStart: '<p>3月4日，宁阳县2024年“春风行动”',
      },
    ],
    [
      'xintai-dongping.atom',
      0,
      {
        title: '东平县接山镇：“共富工坊”让群众家门口就业',
        url: `${Y}/taian/dongping/news/202405/6952486.html`,
        guid: 'tag:yybnet.net,2024-05-20:/taian/dongping/news/202405/6952486',
        published: '2024-05-20T11:15:00+08:00',
        authors: ['刘芳'],
        htmlStart: '<p>5月18日，在东平县接山镇朝阳庄村',
      },
    ],
    [
      'xintai-dongping.atom',
      1,
      {
        title: '新泰市龙廷镇：2000亩大樱桃迎来采摘季',
        url: `${Y}/taian/xintai/news/202405/6951234.html`,
        guid: 'tag:yybnet.net,2024-05-14:/taian/xintai/news/202405/6951234',
        published: '2024-05-14T10:05:00+08:00',
        authors: ['张伟'],
        htmlStart: '<p>眼下，新泰市龙廷镇2000余亩大樱桃陆续成熟',
      },
    ],
  ];

  it.each(cases)('%s item %d', async (file, index, expected) => {
    const feed = await parseFeed(example(file), `${Y}/feeds/${file}`);
    const item = feed.items[index]!;
    expect(item.title).toBe(expected.title);
    expect(item.url).toBe(expected.url);
    expect(item.guid).toBe(expected.guid);
    expect(Date.parse(item.published ?? '')).toBe(Date.parse(expected.published));
    expect(item.authors).toEqual(expected.authors);
    expect(item.html?.startsWith(expected.htmlStart)).toBe(true);
  });

  it('keeps RSS categories and, beside content:encoded, the description as the summary', async () => {
    const [first, second] = (await parseFeed(example('taian-news.rss'), `${Y}/feeds/taian-news.rss`)).items;
    expect(first!.categories).toEqual(['泰山景区', '文旅']);
    expect(first!.html).toContain('“夜爬泰山”热度持续走高');
    expect(first!.summary).toMatch(/^<p>记者从泰山景区获悉/);
    expect(first!.summary).not.toContain('夜爬泰山');
    expect(second!.summary).toBeUndefined();
  });

  it('decodes Atom escaped HTML content and keeps the entry updated time', async () => {
    const item = (await parseFeed(example('xintai-dongping.atom'), `${Y}/feeds/xintai-dongping.atom`)).items[1]!;
    expect(item.html).toContain('<p>“今年樱桃个头大、糖分足');
    expect(Date.parse(item.updated ?? '')).toBe(Date.parse('2024-05-15T08:30:00+08:00'));
  });

  it('keeps the Atom entry summary', async () => {
    const item = (await parseFeed(example('xintai-dongping.atom'), `${Y}/feeds/xintai-dongping.atom`)).items[0]!;
    expect(item.summary).toBe('接山镇依托村级闲置场地建成“共富工坊”15处，承接服装加工、手工编织等订单，带动600余名群众在家门口就业。');
  });
});

describe('parseFeed on other formats', () => {
  it('reads RSS 1.0 (RDF) and resolves a relative link against the channel link', async () => {
    const feed = await parseFeed(fixture('ningyang-news.rdf'), `${Y}/feeds/ningyang-news.rdf`);
    expect(feed.title).toBe('宁阳新闻 RSS 1.0');
    expect(feed.items.map((item) => [item.title, item.url, item.authors])).toEqual([
      ['宁阳县伏山镇：无人机飞防助力6.8万亩小麦春管', `${Y}/taian/ningyang/news/202403/6935388.html`, ['文/王晓东']],
      ['宁阳县葛石镇：蔬菜产业园带动1300余户群众增收', `${Y}/taian/ningyang/news/202403/6938160.html`, ['宁阳县融媒体中心 王晓东']],
    ]);
    expect(Date.parse(feed.items[0]!.published ?? '')).toBe(Date.parse('2024-03-18T08:40:00+08:00'));
    expect(feed.items[0]!.html).toBe('<p>眼下正值小麦返青起身的关键时期，宁阳县伏山镇抢抓农时。</p>');
  });

  it('reads Atom 0.3: titles, ids, authors, escaped content, links resolved', async () => {
    const feed = await parseFeed(fixture('dongping-news-0.3.atom'), `${Y}/feeds/dongping.atom`);
    expect(feed.title).toBe('东平新闻 Atom 0.3');
    expect(feed.items.map((item) => [item.title, item.guid, item.url, item.authors])).toEqual([
      [
        '东平县老湖镇：东平湖畔“渔家乐”走出致富新路',
        'tag:yybnet.net,2024:/taian/dongping/news/202404/6940552',
        `${Y}/taian/dongping/news/202404/6940552.html`,
        ['刘芳'],
      ],
      [
        '东平县州城街道 启动古城墙遗址保护工程',
        'tag:yybnet.net,2024:/taian/dongping/news/202404/6939702',
        `${Y}/taian/dongping/news/202404/6939702.html`,
        ['李明远'],
      ],
    ]);
    expect(feed.items[0]!.html).toBe('<p>春暖花开，东平湖畔游人渐多。</p><p>老湖镇地处东平湖畔，沿湖岸线20余公里。</p>');
  });

  it('reads the Atom 0.3 issued and modified times', async () => {
    const item = (await parseFeed(fixture('dongping-news-0.3.atom'), `${Y}/feeds/dongping.atom`)).items[0]!;
    expect(Date.parse(item.published ?? '')).toBe(Date.parse('2024-04-08T07:30:00+08:00'));
    expect(Date.parse(item.updated ?? '')).toBe(Date.parse('2024-04-08T09:00:00+08:00'));
  });

  it.each([
    ['taian-news-1.1.json', '泰安新闻 JSON', 3, `${Y}/taian/taishan/news/202405/6952019.html`],
    ['xintai-news-1.0.json', '新泰新闻 JSON 1.0', 2, `${Y}/taian/xintai/news/202403/6934120.html`],
  ])('dispatches JSON Feed %s to the JSON Feed parser', async (file, title, count, firstUrl) => {
    const feed = await parseFeed(fixture(file), `${Y}/feeds/${file}`);
    expect(feed.title).toBe(title);
    expect(feed.items).toHaveLength(count);
    expect(feed.items[0]!.url).toBe(firstUrl);
  });

  it('accepts a document starting with a BOM and white space', async () => {
    const feed = await parseFeed(`\ufeff\n  ${example('taian-news.rss')}`, `${Y}/feeds/taian-news.rss`);
    expect(feed.items).toHaveLength(6);
  });

  it('resolves relative item links against the feed URL when the feed has no link', async () => {
    const xml =
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>a</title><id>1</id><link href="news/a.html"/></entry></feed>';
    const feed = await parseFeed(xml, `${Y}/feeds/dir/x.atom`);
    expect(feed.items[0]!.url).toBe(`${Y}/feeds/dir/news/a.html`);
  });

  it('takes a permalink guid as the URL only when it is a whole URL (fuzz: http:/// names no host)', async () => {
    const rss = (guid: string) =>
      `<rss version="2.0"><channel><title>t</title><item><title>a</title><guid>${guid}</guid></item></channel></rss>`;
    expect((await parseFeed(rss('http:///'), `${Y}/feeds/x.rss`)).items[0]!.url).toBeUndefined();
    expect((await parseFeed(rss('http://www.tadaily.com.cn/a/1.html'), `${Y}/feeds/x.rss`)).items[0]!.url).toBe(
      'http://www.tadaily.com.cn/a/1.html',
    );
  });
});

describe('parseFeed on a CMS feed written the Chinese way', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    // Assigning undefined to process.env would store the string "undefined".
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('resolves relative links against the channel link', async () => {
    const feed = await parseFeed(fixture('chinese-dates.rss'), `${Y}/feeds/feicheng.rss`);
    expect(feed.items.map((item) => item.url)).toEqual([
      `${Y}/taian/feicheng/news/201707/5862101.html`,
      `${Y}/taian/feicheng/news/202403/6937245.html`,
    ]);
  });

  it('keeps a Chinese-form pubDate as found', async () => {
    const feed = await parseFeed(fixture('chinese-dates.rss'), `${Y}/feeds/feicheng.rss`);
    expect(feed.items[1]!.published).toBe('2024年3月26日 10:05');
  });

  it('gives a zone-less pubDate the China time it means, whatever the server time zone', async () => {
    process.env.TZ = 'UTC';
    const feed = await parseFeed(fixture('chinese-dates.rss'), `${Y}/feeds/feicheng.rss`);
    const published = feed.items[0]!.published ?? '';
    expect(parseTime(published, Date.parse('2024-06-01T00:00:00Z'))).toBe(Date.parse('2017-07-05T10:39:00+08:00'));
  });

  it('leaves guid undefined for empty guid elements, so items keep distinct keys', async () => {
    const feed = await parseFeed(fixture('chinese-dates.rss'), `${Y}/feeds/feicheng.rss`);
    expect(feed.items.map((item) => item.guid)).toEqual([undefined, undefined]);
    expect(new Set(feed.items.map((item) => itemKeyOf('src', item))).size).toBe(2);
  });
});

describe('parseFeed rejections', () => {
  it.each([
    ['broken XML', fixture('broken.rss'), /^feed: /],
    ['an example HTML page', readFileSync(path.join(EXAMPLES, 'pages', 'feicheng-list.html'), 'utf8'), /^feed: /],
    ['an XML document that is no feed', '<?xml version="1.0"?><config><item>1</item></config>', /^feed: /],
    ['plain text', '泰安新闻', /^feed: /],
    ['an empty document', '', /^feed: /],
    ['JSON with no version', '{"title":"泰安新闻","items":[]}', /^feed: (not a JSON Feed|invalid JSON): /],
    ['JSON with a foreign version', '{"version":"https://jsonfeed.org/version/2","items":[]}', /^feed: (not a JSON Feed|invalid JSON): /],
    ['JSON with no items', '{"version":"https://jsonfeed.org/version/1.1","title":"t"}', /^feed: (not a JSON Feed|invalid JSON): /],
    ['invalid JSON', '{"version": "https://jsonfeed.org/version/1.1", ', /^feed: (not a JSON Feed|invalid JSON): /],
  ])('rejects %s', async (_, text, message) => {
    await expect(parseFeed(text, `${Y}/feeds/x`)).rejects.toThrow(message);
  });

  it('rejects a JSON array as JSON that is not a JSON Feed', async () => {
    await expect(parseFeed('[{"title":"泰安新闻"}]', `${Y}/feeds/x`)).rejects.toThrow(/^feed: (not a JSON Feed|invalid JSON): /);
  });

  it('keeps an Atom feed whose entry has a Chinese-form date', async () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>东平县接山镇</title><id>1</id><published>2024年5月20日 11:15</published><link href="${Y}/a.html"/></entry></feed>`;
    const feed = await parseFeed(xml, `${Y}/feeds/x.atom`);
    expect(feed.items[0]!.published).toBe('2024年5月20日 11:15');
  });
});

describe('parseFeed on what real feeds send', () => {
  const atom = (entries: string, feedAttributes = '') =>
    `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"${feedAttributes}><title>t</title>${entries}</feed>`;

  it('reads Atom titles of every type as text, and XHTML content as its markup', async () => {
    const feed = await parseFeed(
      atom(`<entry><id>1</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">泰安<b>新闻</b> &amp; 肥城</div></title>
        <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>正文<img src="a.jpg"/></p></div></content></entry>
        <entry><id>2</id><title type="html">&lt;b&gt;宁阳&lt;/b&gt;县 &amp;amp; 东平</title></entry>
        <entry><id>3</id><title type="text">PM2.5 &lt; 35</title></entry>`),
      `${Y}/feeds/a.atom`,
    );
    expect(feed.items.map((item) => item.title)).toEqual(['泰安新闻 & 肥城', '宁阳县 & 东平', 'PM2.5 < 35']);
    expect(feed.items[0]!.html).toBe('<p>正文<img src="a.jpg"/></p>');
  });

  it('resolves links and content under nested xml:base', async () => {
    const feed = await parseFeed(
      atom(
        `<entry xml:base="taian/"><id>1</id><title>a</title><link href="1.html"/></entry>
         <entry xml:base="/xintai/news/"><id>2</id><title>b</title><link xml:base="2024/" href="2.html"/><content type="html" xml:base="/img/">&lt;img src="p.jpg"&gt;</content></entry>
         <entry><id>3</id><title>c</title><link href="../3.html"/></entry>`,
        ' xml:base="https://www.yybnet.net/"',
      ),
      `${Y}/feeds/x/a.atom`,
    );
    expect(feed.items.map((item) => item.url)).toEqual([`${Y}/taian/1.html`, `${Y}/xintai/news/2024/2.html`, `${Y}/3.html`]);
    expect(feed.items[1]!.contentBase).toBe(`${Y}/img/`);
  });

  it('keeps ten stories that share one guid apart: by link, then by content', async () => {
    const items = Array.from({ length: 10 }, (_, i) => {
      const link = i < 8 ? `${Y}/taian/news/${i}.html` : `${Y}/`;
      return `<item><title>第${i}条新闻</title><link>${link}</link><guid>channel-guid</guid><description>正文${i}</description></item>`;
    }).join('');
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>t</title><link>${Y}/</link>${items}</channel></rss>`,
      `${Y}/feeds/a.rss`,
    );
    const keys = new Set(feed.items.map((item) => itemKeyOf('src', item)));
    expect(keys.size).toBe(10);
    expect(feed.items.slice(0, 8).map((item) => item.url)).toEqual(Array.from({ length: 8 }, (_, i) => `${Y}/taian/news/${i}.html`));
    expect(feed.items[8]!.url).toBeUndefined(); // the home page identifies none of the stories that link it
  });

  it('gives the same answer every time for a feed that declares an external entity', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&xxe;</title><item><title>a</title></item></channel></rss>`;
    const outcomes = [];
    for (let i = 0; i < 3; i++)
      outcomes.push(
        await parseFeed(xxe, `${Y}/a.rss`).then(
          () => 'parsed',
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        ),
      );
    expect(outcomes).toEqual(Array(3).fill('feed: the document uses the external entity "xxe", which is never fetched'));
    // …and the next, ordinary document is not affected by it.
    expect((await parseFeed(example('taian-news.rss'), `${Y}/feeds/taian-news.rss`)).items).toHaveLength(6);
  });

  it('reads HTML entities XML does not define, and a bare ampersand', async () => {
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>t</title><item><title>泰安&nbsp;新闻 &copy; AT&T</title><link>${Y}/a?x=1&y=2</link></item></channel></rss>`,
      `${Y}/a.rss`,
    );
    expect(feed.items[0]!.title).toBe('泰安 新闻 © AT&T');
    expect(feed.items[0]!.url).toBe(`${Y}/a?x=1&y=2`);
  });

  it('reads Atom feeds with the shapes rss-parser throws on: links without href, entries without elements', async () => {
    const feed = await parseFeed(
      atom('<link/><entry>只有文字</entry><entry/><entry><id>1</id><title>a</title><link>not-an-href</link><link href="/a.html"/></entry>'),
      `${Y}/feeds/a.atom`,
    );
    expect(feed.items.map((item) => [item.title, item.url])).toEqual([['a', `${Y}/a.html`]]);
  });

  it.each([
    [
      'an entity bomb',
      `<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]><rss version="2.0"><channel><title>&e;</title></channel></rss>`,
      /^feed: the entity "e" expands to more than 65536 characters/,
    ],
    [
      'elements nested 10,000 deep',
      `<rss version="2.0"><channel><title>t</title><item>${'<x>'.repeat(10_000)}x${'</x>'.repeat(10_000)}</item></channel></rss>`,
      /^feed: elements nested more than 256 deep/,
    ],
    [
      'an RSS document without a channel',
      '<rss version="2.0"><item><title>a</title></item></rss>',
      /^feed: the RSS document has no <channel>/,
    ],
    [
      'a sitemap',
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://a.cn/</loc></url></urlset>',
      /^feed: the XML document is a <urlset>, not an RSS or Atom feed/,
    ],
  ])('refuses %s with a message naming it', async (_case, xml, message) => {
    await expect(parseFeed(xml, `${Y}/a.rss`)).rejects.toThrow(message);
  });
});
