import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/producers/sources/fetch/decode-body.js';
import { parseFeed } from '../../src/producers/sources/formats/parse-feed.js';
import { EXAMPLES, FIXTURES } from '../support/paths.js';
import { anyUrlText, buildHeavyFeed, charsetLabel, feedXml, heavyFeed, jsonFeedText, mutated, nastyText } from './arbitraries.js';
import {
  assertNoCrash,
  assertSameOutcome,
  assertWithinBudget,
  callTimed,
  callTimedAsync,
  FUZZ_TEST_TIMEOUT_MS,
  fuzzParameters,
} from './check-call.js';
import { assertIsolatedCalls } from './isolated-call.js';

/** Stage prefixes parseFeed's input errors carry: XML feeds, and JSON Feeds it hands to parseJsonFeed. */
const FEED_STAGES = ['feed', 'json-feed'] as const;
const FEED_URL = 'https://www.example.cn/feeds/news.xml';

/** Feed files under a directory, recursively. */
function feedFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(rss|atom|rdf|xml|json)$/.test(name) && !name.endsWith('expectations.json'))
    .map((name) => path.join(dir, name));
}

/** The real feeds of the examples and fixtures (the feed suite too), as text, to truncate and splice. */
const realFeeds: string[] = [path.join(EXAMPLES, 'feeds'), path.join(FIXTURES, 'feeds'), path.join(FIXTURES, 'feed-suite')]
  .flatMap(feedFiles)
  .map((file) => decodeBody(readFileSync(file)));

const feedUrl = fc.oneof({ arbitrary: fc.constant(FEED_URL), weight: 3 }, anyUrlText);
/** Any feed text: generated XML, JSON Feeds, mutated real feeds, or nothing like a feed. */
const feedText = fc.oneof(
  { arbitrary: feedXml, weight: 4 },
  { arbitrary: jsonFeedText, weight: 2 },
  { arbitrary: mutated(fc.constantFrom(...realFeeds)), weight: 2 },
  { arbitrary: nastyText(60), weight: 1 },
);

describe('fuzz: parseFeed', () => {
  it(
    'returns, or throws an Error starting "feed: " or "json-feed: "',
    async () => {
      await fc.assert(
        fc.asyncProperty(feedText, feedUrl, async (text, url) => {
          assertNoCrash(await callTimedAsync(() => parseFeed(text, url)), FEED_STAGES);
        }),
        fuzzParameters(300),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'answers each call within 1 s',
    async () => {
      await fc.assert(
        fc.asyncProperty(feedText, async (text) => {
          assertWithinBudget(await callTimedAsync(() => parseFeed(text, FEED_URL)));
        }),
        fuzzParameters(150),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'neither crashes nor takes over 1 s on many items, deep nesting, long text, unterminated markup and entity bombs',
    async () => {
      // In a worker, so that a runaway call is stopped rather than awaited.
      const target = {
        moduleUrl: new URL('../../src/producers/sources/formats/parse-feed.ts', import.meta.url),
        name: 'parseFeed',
        stages: FEED_STAGES,
      };
      await assertIsolatedCalls(target, heavyFeed, (feed) => [buildHeavyFeed(feed), FEED_URL], 25);
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'gives the same result or error for the same input',
    async () => {
      await fc.assert(
        fc.asyncProperty(feedText, feedUrl, async (text, url) => {
          const first = await callTimedAsync(() => parseFeed(text, url));
          const second = await callTimedAsync(() => parseFeed(text, url));
          assertSameOutcome(first, second);
        }),
        fuzzParameters(200),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'gives each document the same result whether parsed alone or alongside others',
    async () => {
      // A parser that keeps state between documents (one shared rss-parser/xml2js instance) fails this.
      await fc.assert(
        fc.asyncProperty(fc.array(feedText, { minLength: 2, maxLength: 6 }), async (texts) => {
          const together = await Promise.all(texts.map((text) => callTimedAsync(() => parseFeed(text, FEED_URL))));
          for (const [index, text] of texts.entries()) {
            assertSameOutcome(together[index]!, await callTimedAsync(() => parseFeed(text, FEED_URL)));
          }
        }),
        fuzzParameters(60),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'gives items whose URLs, when present, are absolute URLs',
    async () => {
      await fc.assert(
        fc.asyncProperty(feedText, async (text) => {
          const outcome = await callTimedAsync(() => parseFeed(text, FEED_URL));
          if (!outcome.ok) return;
          for (const item of outcome.value.items) {
            if (item.url !== undefined) expect(URL.canParse(item.url), `item url ${item.url}`).toBe(true);
            expect(Array.isArray(item.authors) && item.authors.every((author) => typeof author === 'string')).toBe(true);
          }
        }),
        fuzzParameters(150),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});

/** Bytes as a fetch gives them: random, or text with a prolog or meta that declares a charset. */
const bodyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 2_048 }).map((bytes) => Buffer.from(bytes)),
  fc
    .tuple(
      fc.constantFrom('', '\ufeff', '\u00ff\u00fe', '\u00fe\u00ff'),
      fc.constantFrom(
        '<?xml version="1.0" encoding="%"?>',
        '<meta charset="%">',
        '<meta http-equiv="Content-Type" content="text/html; charset=%">',
        '',
      ),
      charsetLabel,
      fc.uint8Array({ maxLength: 512 }),
      nastyText(40),
    )
    .map(([bom, declaration, label, bytes, text]) =>
      Buffer.concat([Buffer.from(bom, 'latin1'), Buffer.from(declaration.replace('%', label)), Buffer.from(bytes), Buffer.from(text)]),
    ),
);
const contentType = fc.option(
  fc
    .tuple(
      fc.constantFrom('text/html', 'application/rss+xml', 'text/xml', ''),
      fc.constantFrom('; charset=', ';charset="', '; CHARSET = '),
      charsetLabel,
    )
    .map((parts) => parts.join('')),
  { nil: undefined },
);
const fallback = fc.option(charsetLabel, { nil: undefined });

describe('fuzz: decodeBody', () => {
  it(
    'returns a string, or throws an Error starting "fetch: "',
    () => {
      fc.assert(
        fc.property(bodyBytes, contentType, fallback, (bytes, type, encoding) => {
          const outcome = callTimed(() => decodeBody(bytes, type, encoding));
          assertNoCrash(outcome, ['fetch']);
          if (outcome.ok) expect(typeof outcome.value).toBe('string');
        }),
        fuzzParameters(300),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'answers each call within 1 s, on bodies up to 4 MiB',
    () => {
      const large = fc
        .tuple(fc.integer({ min: 64 * 1024, max: 4 * 1024 * 1024 }), fc.uint8Array({ minLength: 1, maxLength: 64 }))
        .map(([size, pattern]) => Buffer.alloc(size, Buffer.from(pattern)));
      fc.assert(
        fc.property(fc.oneof(bodyBytes, large), contentType, fallback, (bytes, type, encoding) => {
          assertWithinBudget(callTimed(() => decodeBody(bytes, type, encoding)));
        }),
        fuzzParameters(40),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'gives the same text for the same bytes',
    () => {
      fc.assert(
        fc.property(bodyBytes, contentType, fallback, (bytes, type, encoding) => {
          assertSameOutcome(
            callTimed(() => decodeBody(bytes, type, encoding)),
            callTimed(() => decodeBody(bytes, type, encoding)),
          );
        }),
        fuzzParameters(200),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
