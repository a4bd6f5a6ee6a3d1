import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBylines } from '../../src/workers/process/normalize/parse-bylines.js';
import { nastyText, NEWS_WORDS, newsText } from './arbitraries.js';
import { assertNoCrash, assertSameOutcome, assertWithinBudget, callTimed, FUZZ_TEST_TIMEOUT_MS, fuzzParameters } from './check-call.js';

const ROLES = [
  '记者',
  '本报记者',
  '特约记者',
  '通讯员',
  '实习生',
  '作者',
  '撰稿',
  '文/',
  '文 ／',
  '图/',
  '摄影',
  '摄',
  '责任编辑',
  '责编',
  '编辑',
  '校对',
  '审核',
] as const;
const NAMES = [
  '张三',
  '李四',
  '王五',
  '孙静',
  '欧阳·娜娜',
  '司马相如',
  'IT之家',
  'HN666',
  '杨倩_NF4425',
  '报道',
  '佚名',
  '中国广州发布',
] as const;
const JOINERS = ['', ' ', '：', ':', '|', '｜', '、', '，', ',', '/', '（', '）', '□', '【', '】', ' 　'] as const;

/** A byline line: roles, names and joiners in any order, with news words and nasty text. */
const bylineLine = fc
  .array(
    fc.oneof(
      { arbitrary: fc.constantFrom(...ROLES), weight: 3 },
      { arbitrary: fc.constantFrom(...NAMES), weight: 3 },
      { arbitrary: fc.constantFrom(...JOINERS), weight: 3 },
      { arbitrary: fc.constantFrom(...NEWS_WORDS), weight: 1 },
      { arbitrary: nastyText(8), weight: 1 },
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));
const bylineLines = fc.array(fc.oneof({ arbitrary: bylineLine, weight: 3 }, newsText), { maxLength: 6 });

/** Long lines: a role or joiner repeated thousands of times, around a byline. */
const longLines = fc
  .tuple(
    fc.constantFrom('文', '文 ', '记者', '记者 ', ' ', '：', '张', '、', '文/', '_A'),
    fc.integer({ min: 1_000, max: 50_000 }),
    bylineLine,
  )
  .map(([unit, count, line]) => ({ unit, count, line }));

/** What a name may look like: a personal name of Han characters, or an account name (parse-bylines.ts NAME, ACCOUNT). */
const ACCEPTABLE_NAME = /^\p{Script=Han}{2,4}$|^\p{Script=Han}{1,6}·\p{Script=Han}{1,6}$|^[\p{Script=Han}A-Za-z0-9·_-]{2,20}$/u;

describe('fuzz: parseBylines', () => {
  it(
    'returns authors and an editor, or throws an Error starting "normalize: "',
    () => {
      fc.assert(
        fc.property(bylineLines, (lines) => {
          assertNoCrash(
            callTimed(() => parseBylines(lines)),
            ['normalize'],
          );
        }),
        fuzzParameters(300),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'answers each call within 1 s, on lines up to 100 000 characters',
    () => {
      fc.assert(
        fc.property(longLines, ({ unit, count, line }) => {
          assertWithinBudget(callTimed(() => parseBylines([`${line}${unit.repeat(count)}${line}`])));
        }),
        fuzzParameters(60),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'gives the same authors and editor for the same lines',
    () => {
      fc.assert(
        fc.property(bylineLines, (lines) => {
          assertSameOutcome(
            callTimed(() => parseBylines(lines)),
            callTimed(() => parseBylines(lines)),
          );
        }),
        fuzzParameters(300),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'names only distinct, name-shaped authors and editors',
    () => {
      fc.assert(
        fc.property(bylineLines, (lines) => {
          const { authors, editors } = parseBylines(lines);
          const names = authors.map((author) => author.name);
          expect(new Set(names).size).toBe(names.length);
          expect(new Set(editors).size).toBe(editors.length);
          for (const name of [...names, ...editors]) expect(name).toMatch(ACCEPTABLE_NAME);
        }),
        fuzzParameters(300),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
