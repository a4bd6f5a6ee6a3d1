import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceExtractionRules } from '../../src/domain/source.js';
import { discoverArticleLinks } from '../../src/producers/sources/pages/discover-links.js';
import { extractArticle, type ExtractOptions } from '../../src/producers/sources/pages/extract-article.js';
import { buildHeavyHtml, heavyPage, newsHtml, pageUrl } from './arbitraries.js';
import { assertNoCrash, assertSameOutcome, assertWithinBudget, callTimed, FUZZ_TEST_TIMEOUT_MS, fuzzParameters } from './check-call.js';
import { assertIsolatedCalls } from './isolated-call.js';

/** Stage prefixes of page errors: extraction, and list-page discovery. */
const PAGE_STAGES = ['extract', 'discover'] as const;
const PAGE_URL = 'https://www.example.cn/news/2024/0312/a.html';

/** Options as sources give them: the site table, the generic extractor alone, or a source's own (valid) selectors. */
const extractOptions: fc.Arbitrary<ExtractOptions> = fc.oneof(
  fc.constant({ rules: true }),
  fc.constant({ rules: false }),
  fc
    .record(
      {
        title: fc.constantFrom('h1', '.title', 'h1, h2'),
        time: fc.constantFrom('.time', 'time', 'span'),
        source: fc.constantFrom('.source', 'span'),
        author: fc.constantFrom('.author', 'span:last-child'),
        body: fc.constantFrom('.article', '#content, .content', 'div'),
        drop: fc.array(fc.constantFrom('.share', '.related', 'script', 'nav'), { maxLength: 2 }),
      },
      { requiredKeys: [] },
    )
    .map((sourceRule: SourceExtractionRules) => ({ rules: true, sourceRule })),
);
const linkSelector = fc.option(fc.constantFrom('a', 'ul.list a', '.list li a', 'a[href]'), { nil: undefined });

describe('fuzz: extractArticle', () => {
  it(
    'returns an item, or throws an Error starting "extract: "',
    () => {
      fc.assert(
        fc.property(newsHtml, pageUrl, extractOptions, (html, url, options) => {
          const outcome = callTimed(() => extractArticle(html, url, options));
          assertNoCrash(outcome, PAGE_STAGES);
          if (outcome.ok) expect(typeof outcome.value.url).toBe('string');
        }),
        fuzzParameters(200),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'neither crashes nor takes over 1 s on deep nesting, long runs and many links',
    async () => {
      // In a worker, so that a runaway call is stopped rather than awaited.
      const target = {
        moduleUrl: new URL('../../src/producers/sources/pages/extract-article.ts', import.meta.url),
        name: 'extractArticle',
        stages: PAGE_STAGES,
      };
      await assertIsolatedCalls(
        target,
        fc.tuple(heavyPage, extractOptions),
        ([page, options]) => [buildHeavyHtml(page), PAGE_URL, options],
        15,
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'answers each call within 1 s on generated pages',
    () => {
      fc.assert(
        fc.property(newsHtml, pageUrl, extractOptions, (html, url, options) => {
          assertWithinBudget(callTimed(() => extractArticle(html, url, options)));
        }),
        fuzzParameters(100),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'gives the same item for the same page',
    () => {
      fc.assert(
        fc.property(newsHtml, pageUrl, extractOptions, (html, url, options) => {
          assertSameOutcome(
            callTimed(() => extractArticle(html, url, options)),
            callTimed(() => extractArticle(html, url, options)),
          );
        }),
        fuzzParameters(150),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});

describe('fuzz: discoverArticleLinks', () => {
  it(
    'returns distinct http(s) links (file: only from a file: page), or throws an Error starting "discover: "',
    () => {
      fc.assert(
        fc.property(newsHtml, pageUrl, linkSelector, (html, url, selector) => {
          const outcome = callTimed(() => discoverArticleLinks(html, url, selector));
          assertNoCrash(outcome, PAGE_STAGES);
          if (!outcome.ok) return;
          const allowed = url.startsWith('file:') ? /^(https?|file):/ : /^https?:/;
          for (const link of outcome.value) expect(link).toMatch(allowed);
          expect(new Set(outcome.value).size).toBe(outcome.value.length);
        }),
        fuzzParameters(200),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'neither crashes nor takes over 1 s on deep nesting, long runs and many links',
    async () => {
      const target = {
        moduleUrl: new URL('../../src/producers/sources/pages/discover-links.ts', import.meta.url),
        name: 'discoverArticleLinks',
        stages: PAGE_STAGES,
      };
      await assertIsolatedCalls(
        target,
        fc.tuple(heavyPage, linkSelector),
        ([page, selector]) => [buildHeavyHtml(page), PAGE_URL, selector],
        15,
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'gives the same links for the same page',
    () => {
      fc.assert(
        fc.property(newsHtml, pageUrl, linkSelector, (html, url, selector) => {
          assertSameOutcome(
            callTimed(() => discoverArticleLinks(html, url, selector)),
            callTimed(() => discoverArticleLinks(html, url, selector)),
          );
        }),
        fuzzParameters(150),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
