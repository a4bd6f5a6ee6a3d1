import fc from 'fast-check';

/*
 * Shared fast-check arbitraries for the fuzz suite: characters and text that break parsers,
 * the words of Chinese news pages, feed XML and JSON Feed documents, news HTML, dates and URLs.
 */

const charOf = (min: number, max: number) => fc.integer({ min, max }).map((code) => String.fromCharCode(code));

const ASCII = charOf(0x20, 0x7e);
const CJK = charOf(0x4e00, 0x9fa5);
/** C0 controls, DEL, NEL and the two non-characters XML 1.0 forbids. */
const CONTROL = fc.oneof(charOf(0x00, 0x1f), fc.constantFrom('\u007f', '\u0085', '\ufffe', '\uffff'));
const LONE_SURROGATE = charOf(0xd800, 0xdfff);
const SPACE = fc.constantFrom(' ', '\t', '\n', '\r', '\u3000', '\u00a0', '\u200b', '\u2028', '\ufeff', '\u00ad');
const PUNCTUATION = fc.constantFrom(
  '，',
  '。',
  '：',
  ':',
  '/',
  '／',
  '、',
  '|',
  '（',
  '）',
  '【',
  '】',
  '<',
  '>',
  '&',
  '"',
  "'",
  '%',
  '#',
  '?',
  '=',
  '·',
  '\\',
);
const ASTRAL = fc.constantFrom('😀', '𠀀', '𠇔', '䶮', '👨‍👩‍👧', '\u{10ffff}');
const FULL_WIDTH = charOf(0xff01, 0xff5e);

/** One character (or lone UTF-16 code unit) from the kinds that break text handling. */
export const nastyChar: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: ASCII, weight: 4 },
  { arbitrary: CJK, weight: 4 },
  { arbitrary: SPACE, weight: 2 },
  { arbitrary: PUNCTUATION, weight: 2 },
  { arbitrary: CONTROL, weight: 1 },
  { arbitrary: LONE_SURROGATE, weight: 1 },
  { arbitrary: ASTRAL, weight: 1 },
  { arbitrary: FULL_WIDTH, weight: 1 },
);

/** Text of ASCII, CJK, white space, controls, lone surrogates and astral characters. */
export function nastyText(maxLength = 40): fc.Arbitrary<string> {
  return fc.string({ unit: nastyChar, maxLength });
}

/** The words of Chinese news pages: labels, roles, names, dates, furniture markers. */
export const NEWS_WORDS = [
  '来源：',
  '来源:新华社',
  '来源：泰安日报',
  '信息来源：',
  '发布时间：',
  '发布日期：',
  '时间：',
  '记者',
  '本报记者 ',
  '通讯员',
  '责任编辑：',
  '责编：',
  '编辑：',
  '作者：',
  '文/',
  '文／',
  '图/',
  '摄',
  '本报讯',
  '张三',
  '李四',
  '王五',
  '孙静',
  '欧阳·娜娜',
  'IT之家',
  '杨倩_NF4425',
  '2024-03-12 09:15',
  '2024年3月12日 10:30',
  '2019年09月07日13:43:45',
  '03-12 09:15',
  '18-03-08 23:16',
  '3小时前',
  '昨天 10:30',
  '刚刚',
  '相关新闻',
  '热点排行',
  '原标题：',
  '（记者 张三 李四）',
  '□通讯员 武建堂',
  '【',
  '】',
  '，',
  '。',
  '石佳/中国青年报 ',
  '字号：',
  '浏览：',
  '分享到',
  ' ',
  '\n',
] as const;

/** A line of news-page words mixed with nasty text. */
export const newsText: fc.Arbitrary<string> = fc
  .array(fc.oneof({ arbitrary: fc.constantFrom(...NEWS_WORDS), weight: 3 }, { arbitrary: nastyText(12), weight: 1 }), { maxLength: 8 })
  .map((parts) => parts.join(''));

/** A truncated, spliced or untouched copy of a document. */
export function mutated(document: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const junk = fc.oneof(fc.constantFrom('<', '>', '&', '"', ']]>', '<![CDATA[', '</', '\u0000', '\ud800'), nastyText(5));
  return fc
    .tuple(
      document,
      fc.constantFrom('none', 'truncate', 'insert', 'delete'),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      junk,
    )
    .map(([text, kind, at, span, insert]) => {
      const start = Math.floor(at * text.length);
      if (kind === 'truncate') return text.slice(0, start);
      if (kind === 'insert') return text.slice(0, start) + insert + text.slice(start);
      if (kind === 'delete') return text.slice(0, start) + text.slice(start + Math.floor(span * (text.length - start) * 0.2));
      return text;
    });
}

// ---- Dates -----------------------------------------------------------------------------------

const digits = (min: number, max: number) => fc.integer({ min, max }).map(String);
const padded = fc
  .tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 1, max: 5 }))
  .map(([n, width]) => String(n).padStart(width, '0'));
const SEPARATORS = ['-', '/', '.', '年', '月', '日', ' ', '：', ':', 'T', '时', '分', '秒', '', '  ', '\u3000'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const ZONES = ['Z', '+08:00', '+0800', '-0500', 'GMT', 'UTC', 'UT', 'CST', 'EST', 'PDT', '+99:99', '+0860', ''] as const;

/** A date in a Chinese form (2024年3月12日 10:30, 2024-03-12, 3-12 10:30) with random digits and separators. */
export const chineseDateText: fc.Arbitrary<string> = fc
  .array(fc.oneof(padded, fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 12 })
  .map((parts) => parts.join(''));

/** A relative time (3小时前, 昨天 10:30), with counts up to hundreds of digits. */
export const relativeDateText: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.oneof(
        digits(0, 1_000),
        fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 300, max: 400 })).map((n) => '9'.repeat(n)),
      ),
      fc.constantFrom('秒', '分钟', '小时', '天', '年'),
      fc.constantFrom('前', '后', ''),
    )
    .map(([count, unit, suffix]) => `${count}${unit}${suffix}`),
  fc
    .tuple(fc.constantFrom('今天', '昨天', '前天', '明天'), digits(0, 99), fc.constantFrom(':', '：'), digits(0, 99))
    .map((parts) => parts.join('')),
  fc.constant('刚刚'),
);

/** An RFC 822 / ISO 8601 date with random fields and zones. */
export const westernDateText: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...DAYS, ''),
      digits(0, 99),
      fc.constantFrom(...MONTHS, 'Foo'),
      padded,
      digits(0, 99),
      digits(0, 99),
      digits(0, 99),
      fc.constantFrom(...ZONES),
    )
    .map(([day, d, mon, y, h, mi, s, zone]) => `${day ? `${day}, ` : ''}${d} ${mon} ${y} ${h}:${mi}:${s} ${zone}`.trim()),
  fc
    .tuple(padded, digits(0, 99), digits(0, 99), digits(0, 99), digits(0, 99), digits(0, 99), fc.constantFrom(...ZONES))
    .map(
      ([y, mo, d, h, mi, s, zone]) =>
        `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}T${h.padStart(2, '0')}:${mi.padStart(2, '0')}:${s.padStart(2, '0')}${zone}`,
    ),
);

/** Anything a source may put where a time goes. */
export const dateText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: chineseDateText, weight: 2 },
  { arbitrary: relativeDateText, weight: 2 },
  { arbitrary: westernDateText, weight: 2 },
  { arbitrary: newsText, weight: 1 },
  { arbitrary: nastyText(30), weight: 1 },
);

/** A fetch time, epoch ms, between 1990 and 2100. */
export const nowMs: fc.Arbitrary<number> = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) });

// ---- URLs ------------------------------------------------------------------------------------

export const HOSTS = [
  'www.example.cn',
  'm.example.cn',
  'wap.example.cn',
  'EXAMPLE.cn',
  'ＥＸＡＭＰＬＥ.cn',
  '中文.中国',
  'xn--fiqs8s.xn--fiqz9s',
  'news.163.com',
  'www.thepaper.cn',
  '[::1]',
  '[2001:db8::1]',
  '[::ffff:127.0.0.1]',
  '127.0.0.1',
  '0x7f.1',
  '%E4%B8%AD.cn',
  'a..b',
  'a b',
  '',
  'localhost',
  'user:pass@www.example.cn',
  'www.example.cn.',
  '0',
  '[',
  'ex%41mple.cn',
  'constructor',
  '__proto__',
] as const;
const SCHEMES = [
  'http',
  'https',
  'HTTP',
  'HtTpS',
  'ftp',
  'file',
  'javascript',
  'data',
  'mailto',
  'blob',
  'ws',
  'about',
  'web+x',
  'x',
] as const;
const PATH_PARTS = [
  'news',
  '2024',
  'a.html',
  '..',
  '.',
  '%2e%2e',
  '%E4%B8%AD',
  '%zz',
  '%E4',
  '中文',
  'a b',
  '',
  '~user',
  ';jsessionid=1',
  '%00',
  '\\',
] as const;
const QUERY_KEYS = [
  'id',
  'utm_source',
  'UTM_Medium',
  'spm',
  'from',
  'source',
  'fbclid',
  'page',
  'utm%5Fsource',
  'a%20b',
  'flag',
  '',
  '%zz',
  'q+r',
] as const;

/** A URL-shaped string: random scheme, host (IDN, IPv6, IPv4 forms), port, percent-encoding, query and fragment. */
export const urlText: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...SCHEMES),
    fc.constantFrom('://', ':', ':/', ':///', '//'),
    fc.oneof(fc.constantFrom(...HOSTS), nastyText(8)),
    fc.option(fc.oneof(fc.constantFrom('80', '443', '8080', '0', '65536', 'x'), digits(0, 99_999)), { nil: undefined }),
    fc.array(fc.oneof(fc.constantFrom(...PATH_PARTS), nastyText(4)), { maxLength: 4 }),
    fc.array(
      fc.tuple(
        fc.constantFrom(...QUERY_KEYS),
        fc.option(fc.oneof(fc.constantFrom('1', '', 'x=y', '%20', '中'), nastyText(3)), { nil: undefined }),
      ),
      { maxLength: 4 },
    ),
    fc.option(fc.oneof(fc.constantFrom('', 'top', '#'), nastyText(4)), { nil: undefined }),
    fc.constantFrom('', ' ', '\t', '\n'),
  )
  .map(([scheme, sep, host, port, path, query, hash, pad]) => {
    const search = query.length > 0 ? `?${query.map(([key, value]) => (value === undefined ? key : `${key}=${value}`)).join('&')}` : '';
    return `${pad}${scheme}${sep}${host}${port === undefined ? '' : `:${port}`}/${path.join('/')}${search}${hash === undefined ? '' : `#${hash}`}${pad}`;
  });

/** A relative reference as pages write them. */
export const relativeUrlText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '/',
    '//',
    '?a=1',
    '#x',
    '../a.html',
    './b',
    '/news/1.html',
    '//cdn.example.cn/x.jpg',
    'javascript:void(0)',
    'a:b',
    '\\\\x',
    '%',
    'mailto:a@b',
  ),
  fc.array(fc.constantFrom(...PATH_PARTS), { maxLength: 4 }).map((parts) => parts.join('/')),
  nastyText(12),
);

/** Any URL-ish text: well-formed, malformed or relative. */
export const anyUrlText: fc.Arbitrary<string> = fc.oneof({ arbitrary: urlText, weight: 3 }, relativeUrlText);

// ---- Feeds -----------------------------------------------------------------------------------

const FEED_TAGS = [
  'rss',
  'channel',
  'item',
  'title',
  'link',
  'guid',
  'description',
  'pubDate',
  'feed',
  'entry',
  'content',
  'summary',
  'author',
  'name',
  'id',
  'published',
  'updated',
  'issued',
  'modified',
  'category',
  'enclosure',
  'ttl',
  'dc:creator',
  'dc:date',
  'content:encoded',
  'rdf:RDF',
  'div',
  'p',
] as const;
const FEED_ATTRIBUTES = [
  'href',
  'rel',
  'type',
  'xml:base',
  'version',
  'isPermaLink',
  'url',
  'length',
  'xmlns',
  'xmlns:dc',
  'domain',
  'term',
] as const;
const FEED_ATTRIBUTE_VALUES = [
  'alternate',
  'self',
  'enclosure',
  'text/html',
  'image/jpeg',
  'html',
  'xhtml',
  'text',
  '2.0',
  '0.91',
  '1.0',
  'http://www.w3.org/2005/Atom',
  'http://www.w3.org/1999/xhtml',
  'http://purl.org/dc/elements/1.1/',
  '/news/1.html',
  '../a',
  '//cdn.example.cn/x.jpg',
  'https://www.example.cn/',
  'javascript:alert(1)',
  'http://[::1]/',
  'http://中文.中国/',
  'false',
  '',
] as const;
const ENTITIES = [
  '&amp;',
  '&lt;',
  '&gt;',
  '&quot;',
  '&apos;',
  '&nbsp;',
  '&#20013;',
  '&#x4e2d;',
  '&#0;',
  '&#xD800;',
  '&#x110000;',
  '&#99999999999;',
  '&bogus;',
  '&',
  '&#;',
  '&#x;',
  '&amp',
  '&lt;div&gt;x&lt;/div&gt;',
] as const;

const feedAttribute = fc
  .tuple(fc.constantFrom(...FEED_ATTRIBUTES), fc.oneof({ arbitrary: fc.constantFrom(...FEED_ATTRIBUTE_VALUES), weight: 3 }, nastyText(12)))
  .map(([name, value]) => ` ${name}="${value}"`);

/** Text inside an XML element: words, entities, CDATA sections, comments. */
export const xmlText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: newsText, weight: 3 },
  { arbitrary: nastyText(20), weight: 2 },
  { arbitrary: fc.constantFrom(...ENTITIES), weight: 1 },
  { arbitrary: fc.oneof(newsText, nastyText(20)).map((text) => `<![CDATA[${text}]]>`), weight: 1 },
  { arbitrary: dateText, weight: 1 },
  { arbitrary: anyUrlText, weight: 1 },
  { arbitrary: nastyText(10).map((text) => `<!--${text}-->`), weight: 1 },
);

/** A random element tree from the RSS/Atom vocabulary. */
export const feedTree: fc.Arbitrary<string> = fc.letrec<{ node: string; element: string }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, xmlText, tie('element')),
  element: fc
    .tuple(fc.constantFrom(...FEED_TAGS), fc.array(feedAttribute, { maxLength: 3 }), fc.array(tie('node'), { maxLength: 5 }), fc.boolean())
    .map(([tag, attributes, children, selfClosing]) =>
      selfClosing && children.length === 0
        ? `<${tag}${attributes.join('')}/>`
        : `<${tag}${attributes.join('')}>${children.join('')}</${tag}>`,
    ),
})).node;

const field = (tag: string, content: fc.Arbitrary<string>, attributes: fc.Arbitrary<string> = fc.constant('')) =>
  fc.tuple(attributes, content).map(([attrs, text]) => `<${tag}${attrs}>${text}</${tag}>`);
const attributesOf = fc.array(feedAttribute, { maxLength: 2 }).map((list) => list.join(''));

const rssItem = fc
  .tuple(
    fc.subarray([
      'title',
      'link',
      'guid',
      'description',
      'pubDate',
      'content:encoded',
      'dc:creator',
      'dc:date',
      'category',
      'author',
      'enclosure',
    ]),
    fc.array(xmlText, { minLength: 11, maxLength: 11 }),
    fc.array(feedTree, { maxLength: 2 }),
  )
  .map(([tags, texts, extra]) => {
    const fields = tags.map((tag, index) =>
      tag === 'enclosure' ? `<enclosure url="${texts[index] ?? ''}" type="image/jpeg"/>` : `<${tag}>${texts[index] ?? ''}</${tag}>`,
    );
    return `<item>${[...fields, ...extra].join('')}</item>`;
  });

const atomEntry = fc
  .tuple(
    field('title', xmlText, attributesOf),
    fc.tuple(fc.constantFrom('alternate', 'self', 'enclosure', ''), anyUrlText).map(([rel, href]) => `<link rel="${rel}" href="${href}"/>`),
    field('id', xmlText),
    fc.oneof(
      field('content', xmlText, fc.constantFrom(' type="html"', ' type="text"', '')),
      field(
        'content',
        feedTree.map((tree) => `<div xmlns="http://www.w3.org/1999/xhtml">${tree}</div>`),
        fc.constant(' type="xhtml"'),
      ),
    ),
    field('summary', xmlText, attributesOf),
    field(
      'author',
      fc
        .tuple(xmlText, fc.array(xmlText, { maxLength: 2 }))
        .map(([name, more]) => [name, ...more].map((n) => `<name>${n}</name>`).join('')),
    ),
    fc.constantFrom('published', 'updated', 'issued', 'modified', 'created').chain((tag) => field(tag, dateText)),
    fc.array(feedTree, { maxLength: 2 }),
  )
  .chain((parts) => fc.shuffledSubarray(parts.flat(), { minLength: 1 }))
  .map((parts) => `<entry>${parts.join('')}</entry>`);

const PROLOGS = [
  '',
  '<?xml version="1.0" encoding="utf-8"?>\n',
  '\ufeff<?xml version="1.0"?>',
  '<?xml version="1.1"?>',
  '<!-- comment -->\n',
  '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n',
  '<?xml-stylesheet href="x.xsl"?>',
] as const;

const ENTITY_NAMES = ['a', 'b', 'c', 'nbsp', 'amp', 'x.y', 'é'] as const;
/** An internal DTD subset with entities that refer to each other (and to themselves), external and parameter ones. */
const doctype = fc
  .array(
    fc.tuple(
      fc.constantFrom('', '% '),
      fc.constantFrom(...ENTITY_NAMES),
      fc.oneof(
        fc
          .array(
            fc.oneof(
              fc.constantFrom(...ENTITY_NAMES).map((name) => `&${name};`),
              fc.constantFrom('x', '中文', '<b>', '&#x4e2d;', '&#0;', '"'),
            ),
            { maxLength: 10 },
          )
          .map((parts) => `"${parts.join('')}"`),
        fc.constantFrom('SYSTEM "file:///etc/passwd"', 'PUBLIC "-//x" "http://x/"', "'single'", '"unterminated'),
      ),
    ),
    { maxLength: 5 },
  )
  .map(
    (declarations) => `<!DOCTYPE rss [${declarations.map(([percent, name, value]) => `<!ENTITY ${percent}${name} ${value}>`).join('')}]>`,
  );
const entityUses = fc
  .array(
    fc.constantFrom(...ENTITY_NAMES).map((name) => `&${name};`),
    { maxLength: 6 },
  )
  .map((uses) => uses.join(''));

/** An RSS 2.0/0.91, RSS 1.0, Atom 1.0/0.3 document, or a bare element tree, often mutated. */
export const feedXml: fc.Arbitrary<string> = mutated(
  fc.oneof(
    fc
      .tuple(
        fc.constantFrom(...PROLOGS),
        fc.constantFrom(' version="2.0"', ' version="0.91"', ''),
        field('title', xmlText),
        field('link', anyUrlText),
        fc.array(rssItem, { maxLength: 4 }),
      )
      .map(
        ([prolog, version, title, link, items]) =>
          `${prolog}<rss${version} xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>${title}${link}${items.join('')}</channel></rss>`,
      ),
    fc
      .tuple(
        fc.constantFrom(...PROLOGS),
        anyUrlText,
        field('title', xmlText),
        fc.array(atomEntry, { maxLength: 4 }),
        fc.constantFrom('http://www.w3.org/2005/Atom', 'http://purl.org/atom/ns#', ''),
      )
      .map(
        ([prolog, base, title, entries, ns]) =>
          `${prolog}<feed xmlns="${ns}" xml:base="${base}">${title}<link href="${base}"/>${entries.join('')}</feed>`,
      ),
    fc
      .tuple(field('title', xmlText), fc.array(rssItem, { maxLength: 3 }))
      .map(
        ([title, items]) =>
          `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel>${title}</channel>${items.join('')}</rdf:RDF>`,
      ),
    feedTree,
    fc
      .tuple(doctype, entityUses, fc.array(rssItem, { maxLength: 2 }))
      .map(
        ([dtd, uses, items]) =>
          `<?xml version="1.0"?>${dtd}<rss version="2.0"><channel><title>${uses}</title>${items.join('')}</channel></rss>`,
      ),
    // A feed cut off before its root element: a prolog, a comment, a doctype.
    fc.array(fc.constantFrom(...PROLOGS), { minLength: 1, maxLength: 3 }).map((parts) => parts.join('')),
  ),
);

const jsonAny = fc.jsonValue({ maxDepth: 2 });
/** The expected type most of the time, any JSON value sometimes. */
const orJunk = <T>(expected: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ arbitrary: expected, weight: 3 }, { arbitrary: jsonAny, weight: 1 });
const jsonText = fc.oneof(newsText, nastyText(20), dateText);
const jsonAuthor = fc.record({ name: orJunk(jsonText), url: orJunk(anyUrlText) }, { requiredKeys: [] });
const jsonItem = fc.record(
  {
    id: orJunk(fc.oneof(jsonText, fc.integer(), fc.double())),
    url: orJunk(anyUrlText),
    external_url: orJunk(anyUrlText),
    title: orJunk(jsonText),
    content_html: orJunk(fc.oneof(jsonText, feedTree)),
    content_text: orJunk(jsonText),
    summary: orJunk(jsonText),
    image: orJunk(anyUrlText),
    date_published: orJunk(dateText),
    date_modified: orJunk(dateText),
    author: orJunk(jsonAuthor),
    authors: orJunk(fc.array(orJunk(jsonAuthor), { maxLength: 3 })),
    tags: orJunk(fc.array(orJunk(jsonText), { maxLength: 3 })),
  },
  { requiredKeys: [] },
);

/** A JSON Feed with random types in each field, sometimes truncated or spliced. */
export const jsonFeedText: fc.Arbitrary<string> = mutated(
  fc
    .record(
      {
        version: orJunk(
          fc.constantFrom('https://jsonfeed.org/version/1', 'https://jsonfeed.org/version/1.1', 'https://jsonfeed.org/version/2'),
        ),
        title: orJunk(jsonText),
        home_page_url: orJunk(anyUrlText),
        feed_url: orJunk(anyUrlText),
        author: orJunk(jsonAuthor),
        authors: orJunk(fc.array(orJunk(jsonAuthor), { maxLength: 3 })),
        items: orJunk(fc.array(orJunk(jsonItem), { maxLength: 4 })),
      },
      { requiredKeys: [] },
    )
    .map((feed) => JSON.stringify(feed)),
);

/**
 * A feed built to be slow: many items, deep nesting, long text, many references, unterminated
 * markup repeated, entities declared to blow up. Kept as a recipe (see HeavyPage).
 */
export type HeavyFeed =
  | { shape: 'items'; count: number }
  | { shape: 'nested'; depth: number; tag: string }
  | { shape: 'text'; unit: string; count: number }
  | { shape: 'laughs'; levels: number; fanout: number };

export const heavyFeed: fc.Arbitrary<HeavyFeed> = fc.oneof(
  fc.record({ shape: fc.constant('items' as const), count: fc.integer({ min: 100, max: 5_000 }) }),
  fc.record({
    shape: fc.constant('nested' as const),
    depth: fc.integer({ min: 100, max: 5_000 }),
    tag: fc.constantFrom('div', 'item', 'entry', 'content', 'p'),
  }),
  fc.record({
    shape: fc.constant('text' as const),
    unit: fc.constantFrom('中', '&amp;', '&nbsp;', '&', '&#20013;', '<!--', '<![CDATA[', '<?', '<!DOCTYPE ', ']]>', '<', '&a;', '<b>', ' '),
    // Up to 50,000: the parsers decode a character reference in 5–9 µs of CPU, linearly, so
    // 200,000 of `&#20013;` in title and description (3.2 MB of nothing but references) took
    // 1.0–1.4 s on a loaded day of this 2-core machine and failed the 1 s budget without any hang.
    // A parser quadratic in the text would still take minutes at 50,000.
    count: fc.integer({ min: 1_000, max: 50_000 }),
  }),
  fc.record({ shape: fc.constant('laughs' as const), levels: fc.integer({ min: 1, max: 12 }), fanout: fc.integer({ min: 2, max: 20 }) }),
);

/** The text of a heavy feed recipe. */
export function buildHeavyFeed(feed: HeavyFeed): string {
  const rss = (channel: string, prolog = '') =>
    `<?xml version="1.0" encoding="utf-8"?>${prolog}<rss version="2.0"><channel><title>重</title>${channel}</channel></rss>`;
  const item = (i: number) =>
    `<item><title>第${i}条</title><link>/news/${i}.html</link><guid>${i}</guid><description>正文&amp;&lt;p&gt;</description><pubDate>2024-03-12 09:15</pubDate></item>`;
  switch (feed.shape) {
    case 'items':
      return rss(Array.from({ length: feed.count }, (_, i) => item(i)).join(''));
    case 'nested':
      return rss(
        `<item><title>x</title><description>${`<${feed.tag}>`.repeat(feed.depth)}深${`</${feed.tag}>`.repeat(feed.depth)}</description></item>`,
      );
    case 'text':
      return rss(`<item><title>${feed.unit.repeat(feed.count)}</title><description>${feed.unit.repeat(feed.count)}</description></item>`);
    case 'laughs': {
      const declarations = Array.from(
        { length: feed.levels },
        (_, level) => `<!ENTITY l${level} "${level === 0 ? 'lol' : `&l${level - 1};`.repeat(feed.fanout)}">`,
      );
      return rss(`<item><title>&l${feed.levels - 1};</title></item>`, `<!DOCTYPE rss [${declarations.join('')}]>`);
    }
  }
}

/** Charset labels as headers, prologs and configs write them, good and bad. */
export const charsetLabel: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'utf-8',
    'UTF8',
    'gbk',
    'GB2312',
    'gb18030',
    'big5',
    'Big5-HKSCS',
    'shift_jis',
    'euc-jp',
    'utf-16',
    'utf-16le',
    'utf-16be',
    'utf-32',
    'iso-8859-1',
    'windows-1252',
    'latin1',
    'x-user-defined',
    'utf-7',
    'hz-gb-2312',
    'binary',
    'base64',
    'hex',
    'ucs2',
    'cesu8',
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'prototype',
    '',
    'none',
    'x-gbk',
    'cp936',
    'unicode-1-1-utf-8',
  ),
  fc.string({ unit: fc.constantFrom('a', 'b', '1', '-', '_', '.', ':', 'x', 'u', 't', 'f', '8'), maxLength: 12 }),
);

// ---- Pages -----------------------------------------------------------------------------------

const HTML_TAGS = [
  'div',
  'div',
  'p',
  'p',
  'span',
  'h1',
  'h2',
  'a',
  'ul',
  'li',
  'table',
  'tr',
  'td',
  'font',
  'strong',
  'br',
  'img',
  'section',
  'article',
  'header',
  'footer',
  'nav',
  'iframe',
  'script',
  'style',
  'form',
  'center',
  'time',
  'title',
  'noscript',
] as const;
const HTML_CLASSES = [
  'article',
  'content',
  'main',
  'nav',
  'footer',
  'info',
  'source',
  'time',
  'author',
  'editor',
  'related',
  'breadcrumb',
  'crumbs',
  'post_body',
  'TRS_Editor',
  'post_content_main',
  'share',
  'list',
  'title',
] as const;
const htmlAttribute = fc.oneof(
  fc.constantFrom(...HTML_CLASSES).map((name) => ` class="${name}"`),
  fc.constantFrom('endText', 'content', 'article', 'main').map((id) => ` id="${id}"`),
  anyUrlText.map((href) => ` href="${href.replace(/"/g, '&quot;')}"`),
  fc.constantFrom(
    ' style="display:none"',
    ' style="visibility: hidden"',
    ' style="color:red"',
    ' hidden',
    ' pubdate',
    ' itemprop="datePublished"',
  ),
  dateText.map((time) => ` datetime="${time.replace(/"/g, '')}"`),
);

/** A random element tree from the vocabulary of Chinese news pages. */
export const htmlTree: fc.Arbitrary<string> = fc.letrec<{ node: string; element: string }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, newsText, nastyText(30), fc.constantFrom(...ENTITIES), tie('element')),
  element: fc
    .tuple(fc.constantFrom(...HTML_TAGS), fc.array(htmlAttribute, { maxLength: 2 }), fc.array(tie('node'), { maxLength: 6 }), fc.boolean())
    .map(([tag, attributes, children, closed]) => `<${tag}${attributes.join('')}>${children.join('')}${closed ? `</${tag}>` : ''}`),
})).node;

const META_NAMES = [
  'publishdate',
  'article:published_time',
  'og:title',
  'og:url',
  'source',
  'author',
  'og:site_name',
  'mobile-agent',
  'pubdate',
] as const;
const metaTag = fc
  .tuple(fc.constantFrom('name', 'property', 'itemprop'), fc.constantFrom(...META_NAMES), fc.oneof(dateText, newsText, anyUrlText))
  .map(([attribute, name, content]) => `<meta ${attribute}="${name}" content="${content.replace(/"/g, '&quot;')}">`);
const headExtra = fc.oneof(
  metaTag,
  anyUrlText.map((href) => `<link rel="canonical" href="${href.replace(/"/g, '')}">`),
  jsonAny.map((json) => `<script type="application/ld+json">${JSON.stringify(json)}</script>`),
  dateText.map((time) => `<script>var pubtime = "${time.replace(/"/g, '')}";</script>`),
  newsText.map((title) => `<title>${title}</title>`),
);

/** An article in the usual markup: h1, an info line with 来源/时间/记者, paragraphs, a 责任编辑 line. */
const newsArticle = fc
  .tuple(newsText, fc.array(newsText, { maxLength: 4 }), fc.array(fc.oneof(newsText, htmlTree), { maxLength: 6 }), newsText)
  .map(
    ([title, info, paragraphs, trailer]) =>
      `<h1>${title}</h1><div class="info">${info.map((line) => `<span>${line}</span>`).join('')}</div>` +
      `<div class="article">${paragraphs.map((text) => `<p>${text}</p>`).join('')}</div><p>${trailer}</p>`,
  );

/** A news page: head metas, then random trees around an article, sometimes mutated. */
export const newsHtml: fc.Arbitrary<string> = mutated(
  fc
    .tuple(
      fc.constantFrom('<!doctype html>', ''),
      fc.array(headExtra, { maxLength: 5 }),
      fc.array(fc.oneof(newsArticle, htmlTree), { minLength: 1, maxLength: 4 }),
    )
    .map(
      ([doctype, head, body]) => `${doctype}<html><head><meta charset="utf-8">${head.join('')}</head><body>${body.join('')}</body></html>`,
    ),
);

/**
 * A page built to be slow: deep nesting (closed or not), a long run of one character, a long
 * list of links, or a label repeated thousands of times. Kept as a recipe, so that a failing
 * case prints as a few fields rather than a megabyte of HTML; `buildHeavyHtml` makes the page.
 */
export type HeavyPage =
  | { shape: 'nested'; depth: number; tag: string; closed: boolean }
  | { shape: 'run'; char: string; count: number; tag: string }
  | { shape: 'links'; count: number; tag: string }
  | { shape: 'labels'; count: number; word: string };

export const heavyPage: fc.Arbitrary<HeavyPage> = fc.oneof(
  fc.record({
    shape: fc.constant('nested' as const),
    depth: fc.integer({ min: 100, max: 5_000 }),
    tag: fc.constantFrom('div', 'div class="content"', 'span', 'p', 'font', 'a', 'li', 'table'),
    closed: fc.boolean(),
  }),
  fc.record({
    shape: fc.constant('run' as const),
    char: fc.constantFrom('a', '中', ' ', '，', '1', '-', '文', '&amp;', '<b>', '\u3000', '9'),
    count: fc.integer({ min: 1_000, max: 100_000 }),
    tag: fc.constantFrom('h1', 'p', 'span', 'div', 'a href="/a.html"', 'title', 'script'),
  }),
  fc.record({
    shape: fc.constant('links' as const),
    count: fc.integer({ min: 100, max: 5_000 }),
    tag: fc.constantFrom('li', 'p', 'div', 'td'),
  }),
  fc.record({
    shape: fc.constant('labels' as const),
    count: fc.integer({ min: 1_000, max: 20_000 }),
    word: fc.constantFrom('来源：', '记者', '发布时间：2024-', '责任编辑：', '2024年', '文/', '记者 张三 '),
  }),
);

const HEAVY_ARTICLE =
  '<h1>泰安市成功创建示范市</h1><div class="info"><span>来源：泰安日报 2024-03-12 09:15 记者 张三</span></div>' +
  '<div class="article"><p>本报讯，泰安市日前成功创建示范市。</p><p>责任编辑：孙静</p></div>';

/** The HTML of a heavy page recipe. */
export function buildHeavyHtml(page: HeavyPage): string {
  const page_ = (body: string) => `<!doctype html><html><head><title>页面</title></head><body>${body}</body></html>`;
  switch (page.shape) {
    case 'nested': {
      const name = page.tag.split(' ')[0] ?? 'div';
      return page_(`<${page.tag}>`.repeat(page.depth) + HEAVY_ARTICLE + (page.closed ? `</${name}>`.repeat(page.depth) : ''));
    }
    case 'run': {
      const name = page.tag.split(' ')[0] ?? 'p';
      return page_(`${HEAVY_ARTICLE}<${page.tag}>${page.char.repeat(page.count)}</${name}>`);
    }
    case 'links':
      return page_(
        `<ul class="list">${Array.from({ length: page.count }, (_, i) => `<${page.tag}><a href="/news/${i}.html">第${i}条新闻标题很长很长</a> 2024-03-12</${page.tag}>`).join('')}</ul>`,
      );
    case 'labels':
      return page_(
        `<h1>标题标题标题</h1><div class="info">${page.word.repeat(page.count)}</div><div class="article"><p>${page.word.repeat(page.count)}</p></div>`,
      );
  }
}

/** Page URLs: ordinary, on sites with extraction rules, local files, odd ones. */
export const pageUrl: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'https://www.example.cn/news/2024/0312/a.html',
    'http://m.example.cn/a/1',
    'https://www.163.com/dy/article/X.html',
    'https://new.qq.com/rain/a/1',
    'https://www.thepaper.cn/newsDetail_forward_1',
    'file:///tmp/page.html',
    'https://中文.中国/新闻/',
    'http://[::1]:8080/x',
    'about:blank',
  ),
  urlText,
);
