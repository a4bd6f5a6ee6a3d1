import type * as cheerio from 'cheerio';
import { squash } from './squash.js';

/** The breadcrumb trail (地方网 > 山东 > 泰安市 > 肥城新闻 > 正文), as its parts, without 正文. */
export function findBreadcrumb($: cheerio.CheerioAPI): string[] {
  const candidates = $('[class*="crumb"], [class*="position"], [class*="location"], [id*="crumb"]').toArray();
  const trail = candidates.map((el) => squash($(el).text())).find((text) => /[>›»]/.test(text));
  if (!trail) return [];
  return trail
    .split(/\s*[>›»]\s*/)
    .map((part) => part.trim())
    .filter((part) => part && part !== '正文');
}
