import { findFullDate, findYearlessDate } from './date-patterns.js';
import { findLabelledDate } from './info-line.js';
import type { PageMeta } from './read-page-meta.js';

/** Where a page may state its publication time. */
export interface TimeEvidence {
  /** Text of the element a site rule names for the time. */
  ruleText?: string | undefined;
  /** The header: the text between the headline and the body. */
  headerText: string;
  /** The text right after the body, where some sites put 发布日期. */
  trailerText: string;
  meta: PageMeta;
}

/**
 * Returns the publication time as found, best evidence first: the site rule's element; a
 * full date and time in the header (what the reader sees, which the label of a page follows
 * when a meta tag disagrees); the structured time (meta, JSON-LD, script data); a date
 * without time in the header; a header date without a year, given the year of a structured
 * time; and last a 发布日期 line after the body.
 */
export function choosePublished(evidence: TimeEvidence): string | undefined {
  const { meta } = evidence;
  const reference = meta.published ?? meta.modified;
  if (evidence.ruleText) {
    const ruled = findFullDate(evidence.ruleText)?.text ?? findYearlessDate(evidence.ruleText, reference);
    if (ruled) return ruled;
  }
  const header = findFullDate(evidence.headerText);
  if (header?.hasTime) return header.text;
  if (meta.published) return meta.published;
  if (header) return header.text;
  return findYearlessDate(evidence.headerText, reference) ?? findLabelledDate(evidence.trailerText)?.text;
}
