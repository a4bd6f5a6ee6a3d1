import { anyOf } from '../../../domain/news-vocabulary.js';
import { chinaDate, findFullDate, findRelativeTime, findYearlessDate, type FoundDate } from './date-patterns.js';
import { findIssueDate, findLabelledDate } from './info-line.js';
import type { PageMeta } from './read-page-meta.js';

/** Where a page may state its publication time. */
export interface TimeEvidence {
  /** Text of the element a site rule names for the time. */
  ruleText?: string | undefined;
  /** The header: the text between the headline and the body. */
  headerText: string;
  /** The machine-readable times (`<time datetime>`) of elements in the header. */
  headerDatetimes?: readonly string[] | undefined;
  /** The text just before the headline, where some layouts print the time (新华网: year, month/day, time in spans). */
  preHeaderText?: string | undefined;
  /** The text right after the body, where some sites put 发布日期. */
  trailerText: string;
  meta: PageMeta;
  /** The page's text outside the body, its links and lists: read only when nothing nearer gives a time (an e-paper's edition bar). */
  pageText?: (() => string) | undefined;
}

/**
 * Returns the publication time as found, reconciling what the reader sees with what the page
 * says in structured data (meta tags, JSON-LD, microdata, script variables; `meta.published`):
 *
 * 1. the site rule's element;
 * 2. a full date and time in the header, under the headline (not one labelled 更新于: an update
 *    time is not the publication time): it is the article's own, and it
 *    wins over structured data that disagrees (metas often hold the time the CMS regenerated
 *    the page, an update time, or a local time mislabelled as UTC);
 * 3. the datetime of a `<time>` element in the header (its text may say 今天 07:20);
 * 4. a date without time in the header: the structured time when it falls on that day (it
 *    adds the minute), else the visible date;
 * 5. a date without a year in the header, given the year of the structured time;
 * 6. the structured time, when the page shows none of its own (or only 3小时前);
 * 7. a relative time (3小时前, 昨天 10:20) or a date without a year in the header, as found:
 *    normalize reads it against the fetch time;
 * 8. a full time, or a date labelled 发布, printed just before the headline;
 * 9. a 发布日期 line after the body;
 * 10. the last-update time in the header (更新时间：2024-10-02 09:30) when the page gives no other;
 * 11. a newspaper's issue date on the page outside the body, links and lists (the edition bar of
 *     an e-paper page, 2024年6月18日 星期二 第A03版; never a past edition's link in a sidebar).
 */
export function choosePublished(evidence: TimeEvidence): string | undefined {
  const { meta } = evidence;
  const reference = meta.published ?? meta.modified;
  if (evidence.ruleText) {
    const ruled = findFullDate(evidence.ruleText)?.text ?? findYearlessDate(evidence.ruleText, reference);
    if (ruled) return ruled;
  }
  // A time the page labels as its last update (更新于 2021-03-19 16:30) is not when it was published.
  const headerText = evidence.headerText.replace(UPDATE_TIME, ' ');
  const header = findFullDate(headerText);
  if (header?.hasTime) return header.text;
  const datetime = evidence.headerDatetimes?.find((value) => chinaDate(value) !== undefined);
  if (datetime) return datetime;
  if (header) return sameDay(meta.published, header) ? meta.published : header.text;
  return (
    findYearlessDate(headerText, reference) ??
    meta.published ??
    findRelativeTime(headerText) ??
    preHeaderDate(evidence.preHeaderText ?? '') ??
    findLabelledDate(evidence.trailerText)?.text ??
    updateTime(evidence.headerText) ??
    (evidence.pageText ? findIssueDate(evidence.pageText())?.text : undefined)
  );
}

/** The time an update label gives (更新时间：2024-10-02 09:30): on a page that gives no other, the best there is. */
function updateTime(headerText: string): string | undefined {
  const labelled = new RegExp(UPDATE_TIME.source).exec(headerText)?.[0];
  return labelled === undefined ? undefined : findFullDate(labelled)?.text;
}

/** A date after an update label: 更新于 2021-03-19 16:30, 最后更新时间：2021年3月19日. */
const UPDATE_TIME = new RegExp(
  `${anyOf(['更新', '修改'])}(?:于|时间|日期)?\\s*[:：]?\\s*\\d{4}\\s*[-/.年][\\d\\s:：/.\\-月日时分]{3,20}`,
  'g',
);

function sameDay(structured: string | undefined, visible: FoundDate): structured is string {
  return structured !== undefined && chinaDate(structured) === chinaDate(visible.text);
}

const PUBLISHED_LABELLED = new RegExp(
  `${anyOf(['发布', '发表', '首发'])}${anyOf(['日期', '时间'])}?\\s*[:：]?\\s*(\\d{4}\\s*[-/.年][\\s\\S]{0,20})`,
);

/** Before the headline only a full time counts, or a date labelled as the publication date (not 成文日期). */
function preHeaderDate(text: string): string | undefined {
  const full = findFullDate(text);
  if (full?.hasTime) return full.text;
  const labelled = PUBLISHED_LABELLED.exec(text)?.[1];
  return labelled === undefined ? undefined : findFullDate(labelled)?.text;
}
