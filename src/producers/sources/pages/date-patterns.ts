import { AGO, DAY_AND_CLOCK, JUST_NOW } from '../../../domain/time-phrases.js';

/**
 * Dates as Chinese portals print them, and helpers that find them in a line of text. Every
 * helper returns a string normalize's parseTime reads (`2017-07-05 10:39`, `2019年09月07日 13:43`).
 */

/**
 * A full date, time optional: 2017-07-05 10:39, 2017/7/5, 2019年09月07日13:43:45, 2024年06月11日 09时35分, and the
 * year in an element of its own before month/day (`2024 05/06 08:21:33`, as spans print it).
 */
const DATE_TIME =
  /(?<!\d)(\d{4})(\s*[-/.年]\s*|\s+(?=\d{1,2}\s*[-/.]\s*\d{1,2}))(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})\s*[:：时]\s*(\d{2})\s*分?(?:\s*[:：]?\s*(\d{2})\s*秒?)?)?/;

/** Month, day and time without a year, as self-media pages show them: 发布时间：10-08 12:00. */
const YEARLESS = /(?<![\d/.-])(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*(\d{1,2})[:：](\d{2})/;

/** A two-digit year: 发布时间：18-03-08 23:16. Read as 20xx. */
const SHORT_YEAR = /(?<![\d/.-])(\d{2})-(\d{1,2})-(\d{1,2})\s*(\d{1,2}):(\d{2})/;

/** A date found in text, with whether it carries a time of day. */
export interface FoundDate {
  text: string;
  hasTime: boolean;
}

/** The first full date (with a four-digit year) in `text`. */
export function findFullDate(text: string): FoundDate | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [found, year, separator = '', month, day, hour, minute, second] = match;
  const hasTime = hour !== undefined;
  // A year set apart by a space alone is rewritten in a form parseTime reads.
  if (separator.trim()) return { text: found.trim(), hasTime };
  const clock = hasTime ? ` ${hour}:${minute ?? ''}${second ? `:${second}` : ''}` : '';
  return { text: `${year ?? ''}-${month ?? ''}-${day ?? ''}${clock}`, hasTime };
}

/**
 * The first date without a four-digit year, completed with the year of `reference` (a full
 * date found elsewhere on the page, such as a meta tag), or undefined without one.
 */
export function findYearlessDate(text: string, reference: string | undefined): string | undefined {
  const short = SHORT_YEAR.exec(text);
  if (short) return `20${short[1]}-${short[2]}-${short[3]} ${short[4]}:${short[5]}`;
  const yearless = YEARLESS.exec(text);
  const year = reference ? (chinaDate(reference) ?? DATE_TIME.exec(reference)?.[1])?.slice(0, 4) : undefined;
  if (!yearless || !year) return undefined;
  return `${year}-${yearless[1]}-${yearless[2]} ${yearless[3]}:${yearless[4]}`;
}

/** A time relative to when the page was read: 刚刚, 3小时前, 昨天 10:20 (not 13小时前 read as 3小时前). */
const RELATIVE = new RegExp(`${JUST_NOW}|(?<!\\d)${AGO}|${DAY_AND_CLOCK}(?!\\d)`);

/**
 * The first time in `text` that only the fetch time completes: a relative one (刚刚, 3小时前,
 * 昨天 10:20) or a month, day and time without a year (12月03日 15:40, 12-03 15:40), in a form
 * parseTime reads against the fetch time (`3小时前`, `昨天 10:20`, `12-03 15:40`).
 */
export function findRelativeTime(text: string): string | undefined {
  const relative = RELATIVE.exec(text);
  const yearless = YEARLESS.exec(text);
  if (yearless && (!relative || yearless.index < relative.index)) return `${yearless[1]}-${yearless[2]} ${yearless[3]}:${yearless[4]}`;
  if (!relative) return undefined;
  const [found, count, unit, day, hour, minute] = relative;
  if (count !== undefined) return `${count}${unit ?? ''}前`;
  return day === undefined ? found : `${day} ${hour ?? ''}:${minute ?? ''}`;
}

/** True when a date string carries a time of day. */
export function hasClock(text: string): boolean {
  return /\d{1,2}[:：]\d{2}/.test(text);
}

/** A time with an explicit offset or Z (ISO 8601), which Date.parse reads exactly. */
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * The China-time day (`2024-05-09`) of a date string as found: a zoned ISO time is moved to
 * UTC+8 first (2024-05-08T16:30:00Z is the 9th in China), a zoneless one is read as written.
 */
export function chinaDate(text: string): string | undefined {
  const value = text.trim();
  if (ZONED.test(value)) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  }
  const match = DATE_TIME.exec(value);
  if (!match) return undefined;
  const [, year = '', , month = '', day = ''] = match;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}
