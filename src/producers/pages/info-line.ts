import type * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import { squash } from './squash.js';

/** A date as Chinese portals print it: 2017-07-05 10:39, 2017/7/5, 2017年7月5日 10:39:00. */
export const DATE_TIME =
  /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?/;

/**
 * Finds the line under the headline that carries the time and 来源: the first element after
 * the title, outside the body and the title, whose text (at most 300 characters) holds a
 * date. Document order puts an element before its children, so this is the whole line, not
 * just its time span.
 */
export function findInfoLine(
  $: cheerio.CheerioAPI,
  titleElement: Element | undefined,
  body: Element | undefined,
): string | undefined {
  const all = $('body *').toArray();
  const start = titleElement ? all.indexOf(titleElement) + 1 : 0;
  for (let i = start; i < all.length; i++) {
    const element = all[i]!;
    if (element === body || (body && $(element).has(body).length > 0)) continue;
    if (titleElement && $(element).has(titleElement).length > 0) continue;
    if (body && $(body).has(element).length > 0) continue;
    const text = squash($(element).text());
    if (text.length <= 300 && DATE_TIME.test(text)) return text;
  }
  return undefined;
}

/** The parts of an info line, each as the page words it. */
export interface InfoLine {
  published?: string | undefined;
  originalSource?: string | undefined;
  editor?: string | undefined;
  bylines: string[];
}

const SOURCE = /来源\s*[:：]\s*([^\s:：|]+)/;
const AUTHOR = /(?:作者|记者|通讯员)\s*[:：]?\s*([\u4e00-\u9fa5·]{2,8}(?:[\s、，,]+[\u4e00-\u9fa5·]{2,8})*)/;
const EDITOR = /(?:责任编辑|编辑)\s*[:：]\s*([\u4e00-\u9fa5·]{2,8})/;

/** Splits an info line such as `来源:泰安日报 2017-07-05 10:39` into its parts. */
export function parseInfoLine(text: string): InfoLine {
  const published = DATE_TIME.exec(text)?.[0];
  const originalSource = SOURCE.exec(text)?.[1]?.replace(DATE_TIME, '').trim();
  const author = AUTHOR.exec(text)?.[0];
  return {
    published,
    originalSource: originalSource || undefined,
    editor: EDITOR.exec(text)?.[1],
    bylines: author ? [author] : [],
  };
}
