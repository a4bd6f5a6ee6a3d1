import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveUrl } from '../../src/producers/sources/resolve-url.js';
import { canonicalizeUrl } from '../../src/workers/process/normalize/canonical-url.js';
import { anyUrlText, nastyText, relativeUrlText, urlText } from './arbitraries.js';
import { assertNoCrash, assertSameOutcome, assertWithinBudget, callTimed, FUZZ_TEST_TIMEOUT_MS, fuzzParameters } from './check-call.js';

/**
 * Host aliases as the config gives them: mobile and wap hosts mapped to a main host that is
 * itself no alias (so that one mapping is final).
 */
const hostAliases: fc.Arbitrary<Record<string, string>> = fc
  .subarray(['m.example.cn', 'wap.example.cn', 'example.cn', 'xn--fiqs8s.xn--fiqz9s', '127.0.0.1', '[::1]', 'news.163.com'])
  .chain((aliases) => fc.tuple(fc.constant(aliases), fc.constantFrom('www.example.cn', 'www.163.com', '中文.中国', 'xn--55qx5d.cn')))
  .map(([aliases, main]) => Object.fromEntries(aliases.map((alias) => [alias, main])));

const anyUrl = fc.oneof({ arbitrary: urlText, weight: 3 }, { arbitrary: anyUrlText, weight: 1 }, { arbitrary: nastyText(30), weight: 1 });
const longUrl = fc
  .tuple(
    urlText,
    fc.constantFrom('a', '%', '%2', '&', '&utm_source=x', '/', '?', '=', '中', '%E4%B8%AD'),
    fc.integer({ min: 1_000, max: 100_000 }),
  )
  .map(([url, unit, count]) => ({ url, unit, count }));

describe('fuzz: canonicalizeUrl', () => {
  it(
    'returns a string and never throws',
    () => {
      fc.assert(
        fc.property(anyUrl, hostAliases, (url, aliases) => {
          const outcome = callTimed(() => canonicalizeUrl(url, aliases));
          assertNoCrash(outcome, ['normalize']);
          if (outcome.ok) expect(typeof outcome.value).toBe('string');
        }),
        fuzzParameters(300),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'answers each call within 1 s, on URLs up to 100 000 characters',
    () => {
      fc.assert(
        fc.property(longUrl, hostAliases, ({ url, unit, count }, aliases) => {
          assertWithinBudget(callTimed(() => canonicalizeUrl(`${url}${unit.repeat(count)}`, aliases)));
        }),
        fuzzParameters(100),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'gives the same URL for the same input',
    () => {
      fc.assert(
        fc.property(anyUrl, hostAliases, (url, aliases) => {
          assertSameOutcome(
            callTimed(() => canonicalizeUrl(url, aliases)),
            callTimed(() => canonicalizeUrl(url, aliases)),
          );
        }),
        fuzzParameters(300),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'is idempotent: canonicalizing a canonical URL changes nothing',
    () => {
      fc.assert(
        fc.property(anyUrl, hostAliases, (url, aliases) => {
          const once = canonicalizeUrl(url, aliases);
          expect(canonicalizeUrl(once, aliases), `canonical form of ${JSON.stringify(url)}`).toBe(once);
        }),
        fuzzParameters(300),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});

const base = fc.oneof(
  { arbitrary: fc.constantFrom('https://www.example.cn/news/2024/a.html', 'http://m.example.cn/', 'file:///tmp/list.html'), weight: 2 },
  { arbitrary: urlText, weight: 2 },
  { arbitrary: nastyText(10), weight: 1 },
);
const reference = fc.option(fc.oneof(relativeUrlText, urlText), { nil: undefined });

describe('fuzz: resolveUrl', () => {
  it(
    'returns a URL that parses, or undefined, and never throws',
    () => {
      fc.assert(
        fc.property(reference, base, (url, from) => {
          const outcome = callTimed(() => resolveUrl(url, from));
          assertNoCrash(outcome, ['fetch']);
          if (outcome.ok && outcome.value !== undefined) expect(URL.canParse(outcome.value), outcome.value).toBe(true);
        }),
        fuzzParameters(300),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'answers each call within 1 s, on URLs up to 100 000 characters',
    () => {
      fc.assert(
        fc.property(longUrl, base, ({ url, unit, count }, from) => {
          assertWithinBudget(callTimed(() => resolveUrl(`${url}${unit.repeat(count)}`, from)));
        }),
        fuzzParameters(100),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'gives the same URL for the same input, and a resolved URL resolves to itself',
    () => {
      fc.assert(
        fc.property(reference, base, (url, from) => {
          const first = callTimed(() => resolveUrl(url, from));
          assertSameOutcome(
            first,
            callTimed(() => resolveUrl(url, from)),
          );
          if (first.ok && first.value !== undefined) expect(resolveUrl(first.value, from)).toBe(first.value);
        }),
        fuzzParameters(300),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
