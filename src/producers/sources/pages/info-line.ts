import { dropEmpty } from '../../../domain/drop-empty.js';
import { findFullDate, type FoundDate } from './date-patterns.js';
import { anyOf, EDITOR_ROLES, INFO_LABELS, REPORTER_ROLES, roleSource, SOURCE_LABELS } from '../../../domain/news-vocabulary.js';

/** The parts of an info line (the line under the headline), each as the page words it. */
export interface InfoLine {
  date?: FoundDate | undefined;
  originalSource?: string | undefined;
  /** Byline and editor lines (`记者 张三`, `责任编辑：孙静`), to be parsed by normalize. */
  bylines: string[];
  /** The editor lines among them. */
  editors: string[];
}

/** Words that end a 来源 value when the page runs the next label straight on. */
const NEXT_LABEL = anyOf(INFO_LABELS);
const SOURCE = new RegExp(`${anyOf(SOURCE_LABELS)}\\s*[:：|｜]\\s*(.+?)(?=\\s|$|${NEXT_LABEL}|\\d{4}[-/年])`);
/** Label words that follow a byline on an info line; they are never a name. */
const LABEL = `(?!${NEXT_LABEL})`;
/** One to four names after a reporter role. */
const NAMES = `${LABEL}[\\p{Script=Han}·]{2,8}(?:[\\s、，,]+${LABEL}[\\p{Script=Han}·]{2,8}){0,3}`;
const REPORTER = new RegExp(`${roleSource(REPORTER_ROLES)}\\s*[:：|｜]?\\s*${NAMES}`, 'gu');
/** An editor credit: 编辑：汤诗瑶、丁涛, 责任编辑：汤诗瑶 丁涛 (a further name is a word of its own, not a label). */
const EDITOR = new RegExp(
  `${anyOf(EDITOR_ROLES)}\\s*[:：|｜]\\s*[^\\s:：|｜，,()（）【】]{2,20}(?:[\\s、，,]+${LABEL}[\\p{Script=Han}·]{2,4}(?![\\p{Script=Han}·:：|｜\\d]))*`,
  'gu',
);
/**
 * `石佳/中国青年报 2019-09-24 09:10`: a name and an outlet (a word ending 报, 网, 社, 台, 新闻…),
 * joined by a slash, before the time.
 */
const NAME_SLASH_OUTLET =
  /(?:^|\s)([\p{Script=Han}]{2,4})\s*[/／]\s*([^\s/／\d]{1,12}(?:报|网|社|台|新闻|周刊|杂志|客户端|频道|中心))\s+(?=\d{4}[-/年])/u;

/** Splits an info line such as `来源:泰安日报 2017-07-05 10:39 作者：王五` into its parts. */
export function parseInfoLine(text: string): InfoLine {
  const slashed = NAME_SLASH_OUTLET.exec(text);
  const reporters = [...text.matchAll(REPORTER)].map((match) => match[0].trim());
  const editors = [...text.matchAll(EDITOR)].map((match) => match[0].trim());
  if (slashed && reporters.length === 0) reporters.push(`作者：${slashed[1]}`);
  return {
    date: findFullDate(text),
    originalSource: dropEmpty(SOURCE.exec(text)?.[1]?.trim()) ?? slashed?.[2],
    bylines: [...reporters, ...editors],
    editors,
  };
}

/** A date the page labels as the publication date (发布日期：2019-03-06), as found after the article. */
export function findLabelledDate(text: string): FoundDate | undefined {
  const labelled = DATE_LABELLED.exec(text)?.[1];
  return labelled === undefined ? undefined : findFullDate(labelled);
}

/** A date after a label: 发布日期：2019-03-06, 發佈時間：2019-03-06 10:00. */
const DATE_LABELLED = new RegExp(`${anyOf(['发布', '发表', '日期', '时间'])}[^\\d]{0,6}(\\d{4}\\s*[-/.年][\\s\\S]{0,20})`);

/** The issue date of a newspaper page (2024年03月12日 第A03版：要闻), or undefined. */
export function findIssueDate(text: string): FoundDate | undefined {
  const issue = ISSUE_DATE.exec(text)?.[1];
  return issue === undefined ? undefined : findFullDate(issue);
}

/** A date followed by the page of the issue it was printed in: 2024年06月10日 第 10 版. */
const ISSUE_DATE = /(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*(?:星期.\s*)?第\s*[\dA-Z一二三四五六七八九十]{1,4}\s*版/;
