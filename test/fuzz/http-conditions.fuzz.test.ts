import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEncoding, ENCODINGS, etagMatches, notModifiedSince } from '../../src/feeds/serve/http-conditions.js';
import { dateText, nastyText, westernDateText } from './arbitraries.js';
import { assertNoCrash, assertSameOutcome, assertWithinBudget, callTimed, FUZZ_TEST_TIMEOUT_MS, fuzzParameters } from './check-call.js';

/** Errors of the serving stage. */
const SERVE_STAGES = ['serve'] as const;

const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const DAY_LONG = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const TIME = '\\d{2}:\\d{2}:\\d{2}';
/** RFC 9110 §5.6.7 HTTP-date: IMF-fixdate, the obsolete RFC 850 form, or ANSI C's asctime() form. */
const HTTP_DATE = new RegExp(
  `^(?:${DAY}, \\d{2} ${MONTH} \\d{4} ${TIME} GMT|${DAY_LONG}, \\d{2}-${MONTH}-\\d{2} ${TIME} GMT|${DAY} ${MONTH} (?: \\d|\\d{2}) ${TIME} \\d{4})$`,
);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad = (n: number) => String(n).padStart(2, '0');
/** The three HTTP-date forms of a time (whole seconds). */
function httpDates(ms: number): { imf: string; rfc850: string; asctime: string } {
  const d = new Date(ms);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const month = MONTHS[d.getUTCMonth()]!;
  return {
    imf: d.toUTCString(),
    rfc850: `${LONG_DAYS[d.getUTCDay()]!}, ${pad(d.getUTCDate())}-${month}-${pad(d.getUTCFullYear() % 100)} ${time} GMT`,
    asctime: `${DAYS[d.getUTCDay()]!} ${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${time} ${d.getUTCFullYear()}`,
  };
}

/** A time in whole seconds between 1970 and 2100. */
const secondsMs = fc.integer({ min: 0, max: Math.floor(Date.UTC(2100, 0, 1) / 1000) }).map((s) => s * 1000);
/**
 * A time in whole seconds whose RFC 850 two-digit year is unambiguous: RFC 9110 §5.6.7 reads
 * one more than 50 years ahead as the past century, so within 49 years of this one.
 */
const thisYear = new Date().getUTCFullYear();
const rfc850Ms = fc
  .integer({ min: Math.floor(Date.UTC(thisYear - 49, 0, 1) / 1000), max: Math.floor(Date.UTC(thisYear + 49, 11, 31) / 1000) })
  .map((s) => s * 1000);

/** Values a client may send as If-Modified-Since: HTTP-dates, near misses, other date forms, junk. */
const ifModifiedSince = fc.oneof(
  secondsMs.chain((ms) => fc.constantFrom(...Object.values(httpDates(ms)))),
  // Near misses: an HTTP-date with one thing wrong.
  fc
    .tuple(secondsMs, fc.constantFrom('lower', 'UTC', '+0000', 'no-zone', 'no-day', 'iso', 'extra', 'two-digit-year', 'no-comma', 'GMT+8'))
    .map(([ms, flaw]) => {
      const { imf } = httpDates(ms);
      const iso = new Date(ms).toISOString();
      return {
        lower: imf.toLowerCase(),
        UTC: imf.replace('GMT', 'UTC'),
        '+0000': imf.replace('GMT', '+0000'),
        'no-zone': imf.replace(' GMT', ''),
        'no-day': imf.slice(5),
        iso,
        extra: `${imf}; length=1234`,
        'two-digit-year': imf.replace(/ (\d{2})(\d{2}) /, ' $2 '),
        'no-comma': imf.replace(',', ''),
        'GMT+8': `${imf}+0800`,
      }[flaw];
    }),
  fc.constantFrom(
    '1',
    '0',
    '2024',
    '99',
    'Tue',
    'now',
    '-1',
    ' ',
    '',
    'Thu, 01 Jan 1970 00:00:00 GMT',
    'Sat, 1 Jan 2000 00:00:00 GMT',
    '12/31/2024',
    '2024-12-31',
    'Dec 25 2024',
  ),
  westernDateText,
  dateText,
  nastyText(30),
);

describe('fuzz: notModifiedSince', () => {
  const zone = process.env.TZ;
  // A server in China: asctime dates (which carry no zone) must still be read as GMT.
  beforeAll(() => void (process.env.TZ = 'Asia/Shanghai'));
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it(
    'returns a boolean without throwing, within 1 s, the same twice',
    () => {
      fc.assert(
        fc.property(ifModifiedSince, fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }), (header, lastModified) => {
          const first = callTimed(() => notModifiedSince(header, lastModified));
          assertNoCrash(first, SERVE_STAGES);
          assertWithinBudget(first);
          assertSameOutcome(
            first,
            callTimed(() => notModifiedSince(header, lastModified)),
          );
          if (first.ok) expect(typeof first.value).toBe('boolean');
        }),
        fuzzParameters(300),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'never answers 304 to an If-Modified-Since that is not an HTTP-date',
    () => {
      fc.assert(
        fc.property(ifModifiedSince, fc.integer({ min: 0, max: 10 * 365 * 86_400_000 }), (header, back) => {
          fc.pre(!HTTP_DATE.test(header));
          // When Date.parse reads the header at all, take a last modification before that time.
          const since = Date.parse(header);
          const lastModified = Number.isNaN(since) ? back : since - back;
          expect(notModifiedSince(header, lastModified), `If-Modified-Since: ${JSON.stringify(header)}`).toBe(false);
        }),
        fuzzParameters(300),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'reads all three HTTP-date forms as GMT: 304 at the last modification, 200 a second after',
    () => {
      const dated = fc.oneof(
        fc.tuple(secondsMs, fc.constantFrom('imf' as const, 'asctime' as const)),
        fc.tuple(rfc850Ms, fc.constant('rfc850' as const)),
      );
      fc.assert(
        fc.property(dated, ([ms, form]) => {
          const header = httpDates(ms)[form];
          expect(notModifiedSince(header, ms), `${header} vs ${new Date(ms).toISOString()}`).toBe(true);
          expect(notModifiedSince(header, ms + 1000), `${header} vs ${new Date(ms + 1000).toISOString()}`).toBe(false);
        }),
        fuzzParameters(200),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});

const CODINGS = ['br', 'gzip', 'x-gzip', 'identity', '*', 'deflate', 'compress', 'BR', 'Gzip', 'zstd', '', 'br gzip'] as const;
const WEIGHTS = [
  '',
  ';q=0',
  ';q=0.0',
  ';q=0.000',
  ';Q=0',
  '; q=0',
  ';q=1',
  ';q=1.000',
  ';q=0.5',
  ';q=.5',
  ';q=1.5',
  ';q=abc',
  ';q=-1',
  ';q = 0',
  ';q=0;q=1',
  ';level=1',
] as const;
/** An Accept-Encoding header from codings and weights, well-formed or not. */
const acceptEncoding = fc.oneof(
  fc
    .array(fc.tuple(fc.constantFrom(...CODINGS), fc.constantFrom(...WEIGHTS)), { maxLength: 5 })
    .chain((entries) => fc.tuple(fc.constant(entries), fc.constantFrom(',', ', ', ' ,', ',,')))
    .map(([entries, comma]) => entries.map(([coding, weight]) => `${coding}${weight}`).join(comma)),
  nastyText(30),
);
const ZERO_Q = /^q=0(\.0{0,3})?$/i;

/** Whether every entry of the header that names `coding` gives it a valid zero weight. */
function refuses(header: string, coding: string): boolean {
  const entries = header.split(',').map((part) => part.split(';').map((piece) => piece.trim()));
  const naming = entries.filter(([name]) => name?.toLowerCase() === coding);
  return naming.length > 0 && naming.every((params) => params.length === 2 && ZERO_Q.test(params[1] ?? ''));
}

describe('fuzz: chooseEncoding', () => {
  it(
    'returns one of the stored codings without throwing, within 1 s, the same twice',
    () => {
      fc.assert(
        fc.property(fc.option(acceptEncoding, { nil: undefined }), (header) => {
          const first = callTimed(() => chooseEncoding(header));
          assertNoCrash(first, SERVE_STAGES);
          assertWithinBudget(first);
          assertSameOutcome(
            first,
            callTimed(() => chooseEncoding(header)),
          );
          if (first.ok) expect(ENCODINGS).toContain(first.value);
        }),
        fuzzParameters(300),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'never chooses a coding the header refuses with q=0, nor one it does not offer',
    () => {
      fc.assert(
        fc.property(acceptEncoding, (header) => {
          const chosen = chooseEncoding(header);
          const names = header.split(',').map((part) => part.split(';')[0]?.trim().toLowerCase());
          if (chosen === 'br') {
            expect(refuses(header, 'br'), `br chosen for ${header}`).toBe(false);
            expect(names.includes('br') || names.includes('*'), `br chosen for ${header}`).toBe(true);
          }
          if (chosen === 'gzip' && !names.includes('x-gzip')) {
            expect(refuses(header, 'gzip'), `gzip chosen for ${header}`).toBe(false);
            expect(names.includes('gzip') || names.includes('*'), `gzip chosen for ${header}`).toBe(true);
          }
        }),
        fuzzParameters(300),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});

const entityTag = fc
  .tuple(fc.stringMatching(/^[0-9a-f]{8,16}$/), fc.constantFrom('', '-br', '-gzip'))
  .map(([hash, suffix]) => `"${hash}${suffix}"`);

describe('fuzz: etagMatches', () => {
  it(
    'returns a boolean without throwing, within 1 s, the same twice',
    () => {
      fc.assert(
        fc.property(fc.oneof(nastyText(40), entityTag), fc.array(entityTag, { maxLength: 3 }), (header, tags) => {
          const first = callTimed(() => etagMatches(header, tags));
          assertNoCrash(first, SERVE_STAGES);
          assertWithinBudget(first);
          assertSameOutcome(
            first,
            callTimed(() => etagMatches(header, tags)),
          );
        }),
        fuzzParameters(300),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'matches a list naming a current tag (weak or strong), and no list of other tags',
    () => {
      fc.assert(
        fc.property(
          fc.array(entityTag, { minLength: 1, maxLength: 3 }),
          fc.array(entityTag, { maxLength: 3 }),
          fc.boolean(),
          fc.constantFrom(',', ', ', ' , ', ',\t'),
          (tags, others, weak, comma) => {
            const unrelated = others.filter((tag) => !tags.includes(tag));
            const current = tags[0]!;
            expect(etagMatches([...unrelated, `${weak ? 'W/' : ''}${current}`].join(comma), tags)).toBe(true);
            if (unrelated.length > 0) expect(etagMatches(unrelated.join(comma), tags)).toBe(false);
          },
        ),
        fuzzParameters(300),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
