import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatChinaTime, parseTime } from '../../src/workers/process/normalize/parse-time.js';
import { dateText, nowMs } from './arbitraries.js';
import { assertNoCrash, assertSameOutcome, assertWithinBudget, callTimed, FUZZ_TEST_TIMEOUT_MS, fuzzParameters } from './check-call.js';

/** The largest time value a Date holds (ECMA-262 §21.4.1.1): ±8.64e15 ms. */
const MAX_TIME_VALUE = 8.64e15;

/** Long inputs: a date after a run of digits, spaces or separators. */
const longDateText = fc
  .tuple(fc.constantFrom('1', ' ', '-', '年', '9', '0', ':'), fc.integer({ min: 1_000, max: 100_000 }), dateText)
  .map(([char, count, text]) => ({ char, count, text }));

describe('fuzz: parseTime', () => {
  it(
    'returns a number or undefined, or throws an Error starting "normalize: "',
    () => {
      fc.assert(
        fc.property(dateText, nowMs, (text, now) => {
          assertNoCrash(
            callTimed(() => parseTime(text, now)),
            ['normalize'],
          );
        }),
        fuzzParameters(300),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'answers each call within 1 s, on texts up to 100 000 characters',
    () => {
      fc.assert(
        fc.property(longDateText, nowMs, ({ char, count, text }, now) => {
          const long = `${char.repeat(count)}${text}`;
          assertWithinBudget(callTimed(() => parseTime(long, now)));
          assertWithinBudget(callTimed(() => parseTime(`${text}${char.repeat(count)}`, now)));
        }),
        fuzzParameters(100),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'gives the same time for the same text and fetch time',
    () => {
      fc.assert(
        fc.property(dateText, nowMs, (text, now) => {
          assertSameOutcome(
            callTimed(() => parseTime(text, now)),
            callTimed(() => parseTime(text, now)),
          );
        }),
        fuzzParameters(300),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'returns a finite number or undefined',
    () => {
      fc.assert(
        fc.property(dateText, nowMs, (text, now) => {
          const ms = parseTime(text, now);
          if (ms !== undefined) expect(Number.isFinite(ms), `parseTime(${JSON.stringify(text)}) = ${ms}`).toBe(true);
        }),
        fuzzParameters(300),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'returns a time a Date can hold, so that formatChinaTime never throws',
    () => {
      fc.assert(
        fc.property(dateText, nowMs, (text, now) => {
          const ms = parseTime(text, now);
          if (ms === undefined) return;
          expect(Math.abs(ms) <= MAX_TIME_VALUE, `parseTime(${JSON.stringify(text)}) = ${ms}`).toBe(true);
          expect(() => formatChinaTime(ms)).not.toThrow();
        }),
        fuzzParameters(300),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'reads a full date with a year from 1000 to 9999 as that China date and time, and refuses earlier years',
    () => {
      const wallClock = fc.record({
        year: fc.integer({ min: 0, max: 9999 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 28 }),
        hour: fc.integer({ min: 0, max: 23 }),
        minute: fc.integer({ min: 0, max: 59 }),
        form: fc.constantFrom('iso', 'chinese', 'slash'),
      });
      fc.assert(
        fc.property(wallClock, nowMs, ({ year, month, day, hour, minute, form }, now) => {
          const pad = (n: number, width = 2) => String(n).padStart(width, '0');
          const text =
            form === 'chinese'
              ? `${pad(year, 4)}年${month}月${day}日 ${pad(hour)}:${pad(minute)}`
              : form === 'slash'
                ? `${pad(year, 4)}/${month}/${day} ${hour}:${pad(minute)}`
                : `${pad(year, 4)}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}`;
          const ms = parseTime(text, now);
          // A year before 1000 is a typo or an attack, never a publication time (and 0099 is not 1999).
          if (year < 1000) {
            expect(ms, text).toBeUndefined();
            return;
          }
          expect(ms, text).toBeDefined();
          const expected = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:00+08:00`;
          expect(formatChinaTime(ms!), text).toBe(expected);
        }),
        fuzzParameters(300),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
