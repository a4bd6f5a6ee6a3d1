import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateText, htmlTree, nastyText, newsHtml, newsText, nowMs } from './arbitraries.js';
import { assertNoCrash, assertSameOutcome, callTimed, FUZZ_TEST_TIMEOUT_MS, fuzzParameters } from './check-call.js';
import { assertIsolatedCalls } from './isolated-call.js';
import { pushAndNormalize } from './push-pipeline.js';

/** XML 1.0 §2.2: the characters a feed may never contain. */
const XML_FORBIDDEN = new RegExp(String.raw`[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]`);

const text = fc.oneof({ arbitrary: newsText, weight: 2 }, { arbitrary: nastyText(40), weight: 2 });
const httpUrl = fc
  .tuple(
    fc.constantFrom('http://', 'https://', 'HTTP://', ' https://', 'ftp://', 'javascript:'),
    fc.constantFrom('www.example.cn', '中文.中国', '[::1]', 'm.example.cn', 'x'),
    nastyText(15),
  )
  .map(([scheme, host, path]) => `${scheme}${host}/${path}`);
/** The expected type most of the time, any JSON value sometimes. */
const orJunk = <T>(expected: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ arbitrary: expected, weight: 5 }, { arbitrary: fc.jsonValue({ maxDepth: 1 }), weight: 1 });

const articleBody = fc.record(
  {
    url: orJunk(httpUrl),
    title: orJunk(text),
    contentHtml: orJunk(fc.oneof(newsHtml, htmlTree, text)),
    contentText: orJunk(text),
    summary: orJunk(fc.oneof(text, htmlTree)),
    publishedAt: orJunk(dateText),
    updatedAt: orJunk(dateText),
    authors: orJunk(fc.array(text, { maxLength: 4 })),
    editor: orJunk(text),
    originalSource: orJunk(text),
    guid: orJunk(fc.oneof(text, httpUrl)),
    images: orJunk(fc.array(httpUrl, { maxLength: 3 })),
    categories: orJunk(fc.array(text, { maxLength: 3 })),
    sourceId: orJunk(fc.constantFrom('partner-a', 'county_news', 'Bad Id', '')),
  },
  { requiredKeys: [] },
);
/** Bodies as JSON.parse gives them: articles, arrays, any JSON, own `__proto__` keys. */
const pushBody: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: articleBody, weight: 8 },
  { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 },
  {
    arbitrary: articleBody.map((body) => JSON.parse(JSON.stringify(body).replace(/^\{/, '{"__proto__":{"title":"x"},')) as unknown),
    weight: 1,
  },
);
const fetchedAt = nowMs.map((ms) => new Date(ms).toISOString());

/** Paths of the strings in a value that are not well-formed Unicode or hold an XML-forbidden character. */
function badStrings(value: unknown, path = 'article'): string[] {
  if (typeof value === 'string') {
    const forbidden = XML_FORBIDDEN.exec(value);
    if (!value.isWellFormed()) return [`${path} (lone surrogate)`];
    return forbidden ? [`${path} (U+${forbidden[0].charCodeAt(0).toString(16).padStart(4, '0')})`] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => badStrings(child, `${path}.${key}`));
}

describe('fuzz: push body → articleInputSchema → inputToRawItem → normalizeItem', () => {
  it(
    'rejects with a message or normalizes, throwing only Errors starting "normalize: "',
    () => {
      fc.assert(
        fc.property(pushBody, fetchedAt, (body, at) => {
          assertNoCrash(
            callTimed(() => pushAndNormalize(body, at)),
            ['normalize'],
          );
        }),
        fuzzParameters(250),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'neither crashes nor takes over 1 s on bodies up to the schema caps',
    async () => {
      // A recipe, so that a failing case prints as a few numbers rather than megabytes.
      const huge = fc.record({
        htmlLength: fc.integer({ min: 10_000, max: 500_000 }),
        paragraph: fc.constantFrom('<p>正文，正文。</p>', '<div><span>记者 张三</span></div>', '<p>a</p>', '中', '<b>'),
        titleLength: fc.integer({ min: 1, max: 500 }),
        authors: fc.integer({ min: 0, max: 50 }),
        publishedAt: dateText.map((time) => time.slice(0, 100)),
      });
      // In a worker, so that a runaway call on a body at the cap is stopped rather than awaited.
      const target = { moduleUrl: new URL('./push-pipeline.ts', import.meta.url), name: 'pushAndNormalize', stages: ['normalize'] };
      await assertIsolatedCalls(
        target,
        fc.tuple(huge, fetchedAt),
        ([{ htmlLength, paragraph, titleLength, authors, publishedAt }, at]) => {
          const body = {
            url: 'https://www.example.cn/news/1.html',
            title: '标'.repeat(titleLength),
            contentHtml: paragraph.repeat(Math.floor(htmlLength / paragraph.length)),
            summary: '摘要'.repeat(2_500),
            publishedAt,
            authors: Array.from({ length: authors }, (_, index) => `记者 张三${'李'.repeat(index % 90)}`),
          };
          return [body, at];
        },
        8,
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'gives the same article or message for the same body',
    () => {
      fc.assert(
        fc.property(pushBody, fetchedAt, (body, at) => {
          assertSameOutcome(
            callTimed(() => pushAndNormalize(body, at)),
            callTimed(() => pushAndNormalize(body, at)),
          );
        }),
        fuzzParameters(150),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'gives an article whose strings are well-formed Unicode without XML-forbidden characters',
    () => {
      fc.assert(
        fc.property(pushBody, fetchedAt, (body, at) => {
          const outcome = callTimed(() => pushAndNormalize(body, at));
          if (!outcome.ok || !('article' in outcome.value)) return;
          expect(badStrings(outcome.value.article)).toEqual([]);
        }),
        fuzzParameters(250),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
