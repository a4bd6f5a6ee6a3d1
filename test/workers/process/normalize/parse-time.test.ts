import { describe, expect, it } from 'vitest';
import { formatChinaTime, parseTime } from '../../../../src/workers/process/normalize/parse-time.js';

/** 2017-07-05 10:39 China time, the time of the feicheng-kexie example page. */
const KEXIE = Date.parse('2017-07-05T10:39:00+08:00');
/** "now" for relative and yearless forms: 2024-01-10 12:00 China time. */
const NOW = Date.parse('2024-01-10T12:00:00+08:00');

describe('parseTime: absolute forms', () => {
  it.each([
    ['2017-07-05 10:39', KEXIE],
    ['2017-07-05 10:39:00', KEXIE],
    ['2017/7/5 10:39', KEXIE],
    ['2017年7月5日 10:39', KEXIE],
    ['2017年07月05日', Date.parse('2017-07-05T00:00:00+08:00')],
    ['2017.07.05', Date.parse('2017-07-05T00:00:00+08:00')],
    ['  2017-07-05 10:39  ', KEXIE],
    ['2017-07-05T10:39:00', KEXIE],
    ['Wed, 05 Jul 2017 10:39:00 +0800', KEXIE],
    ['Wed, 05 Jul 2017 02:39:00 GMT', KEXIE],
    ['2017-07-05T02:39:00Z', KEXIE],
    ['2017-07-05T10:39:00+08:00', KEXIE],
    ['2017-07-05T10:39:00.000+08:00', KEXIE],
    ['2024-02-29', Date.parse('2024-02-29T00:00:00+08:00')],
  ])('%s → 2017-07-05 10:39 China time (or the date given)', (text, expected) => {
    expect(parseTime(text, NOW)).toBe(expected);
  });

  it.each([
    ['2017-02-30'],
    ['2017-02-30 10:00'],
    ['2023-02-29'],
    ['2017-13-01'],
    ['2017-07-05 24:00'],
    ['2017-07-05 10:60'],
    [''],
    ['   '],
    ['garbage'],
    ['明天见'],
    ['发布时间不详'],
    // Years no Date reads as written (Date.UTC makes 0099 into 1999), and times no Date can hold.
    ['0099-07-05 10:39'],
    ['0000-01-01'],
    ['9999999999小时前'],
    [`${'9'.repeat(400)}秒前`],
  ])('%j → undefined', (text) => {
    expect(parseTime(text, NOW)).toBeUndefined();
  });

  it('2017年7月5日10时39分 → 2017-07-05 10:39 China time', () => {
    expect(parseTime('2017年7月5日10时39分', NOW)).toBe(KEXIE);
  });

  it('2017-07-05 10:39:61 → undefined (no such second)', () => {
    expect(parseTime('2017-07-05 10:39:61', NOW)).toBeUndefined();
  });

  it('Wed, 05 Jul 2017 10:39:00 CST (China Standard Time) → 10:39 China time', () => {
    expect(parseTime('Wed, 05 Jul 2017 10:39:00 CST', NOW)).toBe(KEXIE);
  });
});

describe('parseTime: yearless forms take the latest year that is not in the future', () => {
  it.each([
    ['07-05 10:39', '2023-07-05T10:39:00+08:00'],
    ['12-30 10:00', '2023-12-30T10:00:00+08:00'],
    ['01-10 11:00', '2024-01-10T11:00:00+08:00'],
    ['01-10 13:00', '2023-01-10T13:00:00+08:00'],
    ['7月5日 10:39', '2023-07-05T10:39:00+08:00'],
    ['1月9日', '2024-01-09T00:00:00+08:00'],
    // As extraction hands them on from a page's info line (12月03日 15:40, 12-03 15:40).
    ['12月03日 15:40', '2023-12-03T15:40:00+08:00'],
    ['12-3 15:40', '2023-12-03T15:40:00+08:00'],
  ])('%s with now 2024-01-10 12:00 → %s', (text, expected) => {
    const parsed = parseTime(text, NOW);
    expect(parsed).toBe(Date.parse(expected));
    expect(parsed!).toBeLessThanOrEqual(NOW);
  });

  it('reads a yearless time a few minutes after now as this year’s (a server clock running fast), not last year’s', () => {
    expect(parseTime('01-10 12:05', NOW)).toBe(Date.parse('2024-01-10T12:05:00+08:00'));
    expect(parseTime('01-10 12:11', NOW)).toBe(Date.parse('2023-01-10T12:11:00+08:00'));
  });

  it('uses the China date of now, not the UTC date: 01-01 with now 2024-01-01 01:00 China time is 2024', () => {
    // 2024-01-01 01:00 in China is still 2023-12-31 in UTC.
    const now = Date.parse('2024-01-01T01:00:00+08:00');
    expect(parseTime('01-01 00:30', now)).toBe(Date.parse('2024-01-01T00:30:00+08:00'));
  });
});

describe('parseTime: relative forms count back from now', () => {
  it.each([
    ['刚刚', '2024-01-10T12:00:00+08:00'],
    ['30秒前', '2024-01-10T11:59:30+08:00'],
    ['15分钟前', '2024-01-10T11:45:00+08:00'],
    ['3小时前', '2024-01-10T09:00:00+08:00'],
    ['2天前', '2024-01-08T12:00:00+08:00'],
    ['今天 09:00', '2024-01-10T09:00:00+08:00'],
    ['昨天 10:30', '2024-01-09T10:30:00+08:00'],
    ['前天 08:00', '2024-01-08T08:00:00+08:00'],
    ['剛剛', '2024-01-10T12:00:00+08:00'],
    ['15分鐘前', '2024-01-10T11:45:00+08:00'],
    ['3小時前', '2024-01-10T09:00:00+08:00'],
  ])('%s → %s', (text, expected) => {
    expect(parseTime(text, NOW)).toBe(Date.parse(expected));
  });

  it('昨天 uses the China calendar day: at 2024-01-10 07:00 China (still the 9th in UTC) 昨天 is the 9th', () => {
    const now = Date.parse('2024-01-10T07:00:00+08:00');
    expect(parseTime('昨天 10:30', now)).toBe(Date.parse('2024-01-09T10:30:00+08:00'));
  });
});

describe('formatChinaTime', () => {
  it.each([
    [KEXIE, '2017-07-05T10:39:00+08:00'],
    [Date.parse('2017-07-05T02:39:00.500Z'), '2017-07-05T10:39:00+08:00'],
    [0, '1970-01-01T08:00:00+08:00'],
    [Date.parse('2023-12-31T20:00:00Z'), '2024-01-01T04:00:00+08:00'],
  ])('%d → %s', (ms, expected) => {
    expect(formatChinaTime(ms)).toBe(expected);
  });

  it.each([['2017-07-05 10:39'], ['Wed, 05 Jul 2017 02:39:00 GMT'], ['昨天 10:30']])(
    'round-trips: Date.parse(formatChinaTime(parseTime(%j))) is the parsed time',
    (text) => {
      const ms = parseTime(text, NOW)!;
      expect(Date.parse(formatChinaTime(ms))).toBe(ms);
    },
  );
});
