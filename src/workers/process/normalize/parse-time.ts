import { AGO, AGO_UNIT_MS, DAY_AND_CLOCK, DAYS_BACK, JUST_NOW } from '../../../domain/time-phrases.js';

/** China Standard Time, UTC+8 all year (no daylight saving since 1991). */
const CHINA_OFFSET_MINUTES = 8 * 60;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Parses a publication time as sources write it and returns epoch milliseconds, or undefined
 * when the text holds no time. Times without an offset are China time. Relative forms
 * (刚刚, 3小时前, 昨天 10:30) and yearless ones (07-05 10:39) count from `now`, the fetch time;
 * an inferred year is never one that puts the time in the future.
 */
export function parseTime(text: string, now: number): number | undefined {
  const value = text.trim();
  if (!value) return undefined;
  const ms = parseRelative(value, now) ?? parseChineseDate(value, now) ?? parseWithOffset(value) ?? parseZonelessRfc822(value);
  return ms !== undefined && ms >= EARLIEST_MS && ms <= LATEST_MS ? ms : undefined;
}

/** Times outside these years are not publication times but typos or attacks (and 0099 is not 1999). */
const EARLIEST_MS = Date.UTC(1000, 0, 1);
const LATEST_MS = Date.UTC(9999, 11, 31);

/** RFC 822 without a zone (`Wed, 05 Jul 2017 10:39:00`), as Chinese feeds write it: China time. */
const RFC822_NO_ZONE = /^(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?$/;

function parseZonelessRfc822(value: string): number | undefined {
  if (!RFC822_NO_ZONE.test(value)) return undefined;
  const ms = Date.parse(`${value} +0800`);
  return Number.isNaN(ms) ? undefined : ms;
}

const ISO_OR_RFC_WITH_ZONE = /(?:Z|[+-]\d{2}:?\d{2}|GMT|UTC|UT|[ECMP][SD]T)\s*$/i;
/** On Chinese sites CST is China Standard Time; Date.parse reads it as US Central. */
const TRAILING_CST = /\bCST\s*$/;

function parseWithOffset(value: string): number | undefined {
  if (!ISO_OR_RFC_WITH_ZONE.test(value)) return undefined;
  const ms = Date.parse(value.replace(TRAILING_CST, '+0800'));
  return Number.isNaN(ms) ? undefined : ms;
}

const FULL_DATE =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*T?\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})\s*(?:[:：分]\s*(?:(\d{1,2})\s*秒?)?)?)?$/;
const YEARLESS = /^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+(\d{1,2})[:：](\d{2}))?$/;

function parseChineseDate(value: string, now: number): number | undefined {
  if (ISO_OR_RFC_WITH_ZONE.test(value)) return undefined;
  const full = FULL_DATE.exec(value);
  if (full) {
    // FULL_DATE requires the year, month and day; only the time of day may be absent.
    const [, y = '', mo = '', d = '', h = '0', mi = '0', s = '0'] = full;
    return chinaTime(+y, +mo, +d, +h, +mi, +s);
  }
  const yearless = YEARLESS.exec(value);
  if (yearless) {
    // YEARLESS requires the month and day; only the time of day may be absent.
    const [, mo = '', d = '', h = '0', mi = '0'] = yearless;
    const year = chinaParts(now).year;
    const thisYear = chinaTime(year, +mo, +d, +h, +mi, 0);
    return thisYear !== undefined && thisYear > now + CLOCK_SKEW_MS ? chinaTime(year - 1, +mo, +d, +h, +mi, 0) : thisYear;
  }
  return undefined;
}

/**
 * A yearless time this little after `now` is this year's, printed by a server whose clock runs
 * ahead (normalize keeps such a time: it is within its future skew), not last year's.
 */
const CLOCK_SKEW_MS = 10 * MINUTE;

const RELATIVE = new RegExp(`^${AGO}$`);
const NOW_WORD = new RegExp(`^${JUST_NOW}$`);
const DAY_WORD = new RegExp(`^${DAY_AND_CLOCK}$`);

function parseRelative(value: string, now: number): number | undefined {
  if (NOW_WORD.test(value)) return now;
  const ago = RELATIVE.exec(value);
  if (ago) {
    const [, count = '', unit = ''] = ago;
    const unitMs = AGO_UNIT_MS[unit];
    return unitMs === undefined ? undefined : now - Number(count) * unitMs;
  }
  const day = DAY_WORD.exec(value);
  if (day) {
    const [, word = '', hour = '', minute = ''] = day;
    const daysBack = DAYS_BACK[word];
    if (daysBack === undefined) return undefined;
    const today = chinaParts(now - daysBack * DAY);
    return chinaTime(today.year, today.month, today.day, +hour, +minute, 0);
  }
  return undefined;
}

/** Epoch ms of a wall-clock time in China; undefined when the fields are not a real date. */
function chinaTime(year: number, month: number, day: number, hour: number, minute: number, second: number) {
  // Not Date.UTC(year, …): it reads the years 0 to 99 as 1900 to 1999.
  const utc = new Date(0).setUTCFullYear(year, month - 1, day) + ((hour * 60 + minute) * 60 + second) * 1000;
  const check = new Date(utc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  return utc - CHINA_OFFSET_MINUTES * MINUTE;
}

function chinaParts(ms: number): { year: number; month: number; day: number } {
  const shifted = new Date(ms + CHINA_OFFSET_MINUTES * MINUTE);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** Formats epoch ms as ISO 8601 in China time: `2017-07-05T10:39:00+08:00`. */
export function formatChinaTime(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MINUTES * MINUTE).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}
