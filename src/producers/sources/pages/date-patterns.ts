/**
 * Dates as Chinese portals print them, and helpers that find them in a line of text. Every
 * helper returns a string normalize's parseTime reads (`2017-07-05 10:39`, `2019年09月07日 13:43`).
 */

/** A full date, time optional: 2017-07-05 10:39, 2017/7/5, 2019年09月07日13:43:45. */
const DATE_TIME = /(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?/;

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
  return { text: match[0].trim(), hasTime: match[4] !== undefined };
}

/**
 * The first date without a four-digit year, completed with the year of `reference` (a full
 * date found elsewhere on the page, such as a meta tag), or undefined without one.
 */
export function findYearlessDate(text: string, reference: string | undefined): string | undefined {
  const short = SHORT_YEAR.exec(text);
  if (short) return `20${short[1]}-${short[2]}-${short[3]} ${short[4]}:${short[5]}`;
  const yearless = YEARLESS.exec(text);
  const year = reference ? DATE_TIME.exec(reference)?.[1] : undefined;
  if (!yearless || !year) return undefined;
  return `${year}-${yearless[1]}-${yearless[2]} ${yearless[3]}:${yearless[4]}`;
}
