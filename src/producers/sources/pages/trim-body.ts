import type * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import {
  LEAD_LABEL,
  findInlineByline,
  isBylineLine,
  isCaptionCredit,
  isPaginationLine,
  isPromoLine,
  isOriginalTitleLine,
  readReprintCard,
} from './body-lines.js';
import { anyOf } from '../../../domain/news-vocabulary.js';
import { holds, isElement, textOf } from './dom-text.js';
import { collectLeaves, dropLeaves as drop, isPictureCaption, isProse, type Leaf, type TakenLines } from './body-leaves.js';
import { cutTail } from './cut-tail.js';
import { squash } from './squash.js';

export type { TakenLines } from './body-leaves.js';

/** The opening lines that may still be furniture (原标题, captions, labels) rather than text. */
const LEAD_LINES = 10;
/** An info line is short, though longer than a line of prose may be (40 characters). */
const MAX_INFO_LINE = 100;
/** The labels of an info line kept inside the body. */
const INFO_LINE_LABEL = new RegExp(anyOf(['来源', '作者', '编辑', '发布']));
/** A repost card is a box of a few lines: the card line, the account's name, its logo. */
const MAX_CARD_LINES = 3;

/**
 * Trims the body's edges: everything up to the headline when the body holds it; at the top,
 * 原标题 lines, captions, summary boxes, promo links and byline lines; at the end, from the
 * first credits, disclaimer or pagination line in the second half of the text onwards, and
 * byline or 来源 lines just before it. Returns the bylines and 来源 found on the way.
 */
export function trimBody($: cheerio.CheerioAPI, body: Element, headline: Element | undefined, headlineText: string): TakenLines {
  const taken: TakenLines = { bylines: [], sources: [] };
  let leaves = collectLeaves(body, headline);
  const headlineAt = headline ? leaves.findIndex((leaf) => leaf.element === headline) : -1;
  if (headlineAt >= 0) leaves = drop($, leaves, leaves.slice(0, headlineAt + 1));
  leaves = trimLead($, body, leaves, headlineText, taken);
  for (const leaf of leaves.filter(isProse).slice(0, 3)) {
    const inline = findInlineByline(leaf.text);
    if (inline) taken.bylines.push(inline);
  }
  leaves = dropPageBars($, leaves);
  cutTail($, leaves, taken);
  return taken;
}

/** Drops the page bars between the pages of a story shown in one document (第1页 第2页 with text after it). */
function dropPageBars($: cheerio.CheerioAPI, leaves: Leaf[]): Leaf[] {
  const lastProse = leaves.findLastIndex(isProse);
  return drop(
    $,
    leaves,
    leaves.slice(0, lastProse).filter((leaf) => isPaginationLine(leaf.text)),
  );
}

function trimLead($: cheerio.CheerioAPI, body: Element, leaves: Leaf[], headlineText: string, taken: TakenLines): Leaf[] {
  const doomed: Leaf[] = [];
  let afterImage = false;
  for (let i = 0; i < LEAD_LINES; i++) {
    const leaf = leaves[i];
    if (!leaf) break; // fewer leaves than lead lines
    const card = readReprintCard(leaf.plain);
    if (card) {
      // The card's other lines (the account's name, its logo) go with it, when it is a box of its own.
      taken.sources.push(card.source);
      taken.bylines.push(`作者：${card.author}`);
      const box = leaves.filter((other) => other.element.parent === leaf.element.parent);
      doomed.push(...(box.length <= MAX_CARD_LINES ? box : [leaf]));
    } else if (isOriginalTitleLine(leaf.text) || isInfoLine(leaf.text)) doomed.push(leaf);
    else if (isProse(leaf)) break;
    else if (metadataTableOf(leaf, body)) i += takeTable($, metadataTableOf(leaf, body), leaves.slice(i), doomed) - 1;
    else if (LEAD_LABEL.test(leaf.text)) {
      doomed.push(leaf);
      // The summary box a 划重点 label heads is the list right after it.
      const summary = leadingListItems(leaves.slice(i + 1));
      doomed.push(...summary);
      i += summary.length;
    } else if (isBylineLine(leaf.plain) && !isPictureCaption(leaf)) {
      taken.bylines.push(leaf.plain);
      doomed.push(leaf);
    } else if (leaf.hasImage && leaf.text.length <= 60) {
      $(leaf.element)
        .contents()
        .not('img')
        .filter((_, node) => !$(node).find('img').length)
        .remove();
    } else if (isLeadFurniture(leaf, afterImage, headlineText)) doomed.push(leaf);
    afterImage = leaf.hasImage || (afterImage && !leaf.text);
  }
  return drop($, leaves, doomed);
}

/**
 * Dooms every cell of a table of 留言人：/ 办理单位：/ 索引号： cells above the text, however
 * many, and removes the table; returns how many of the leaves from here on it held.
 */
function takeTable($: cheerio.CheerioAPI, table: Element | undefined, leaves: Leaf[], doomed: Leaf[]): number {
  if (!table) return 1;
  const cells = leaves.filter((leaf) => holds(table, leaf.element));
  doomed.push(...cells);
  $(table).remove();
  return cells.length;
}

/**
 * The table inside the body that holds the leaf when it is a table of metadata: labelled
 * cells (留言人：, 发布机构：) and no sentence anywhere in it.
 */
function metadataTableOf(leaf: Leaf, body: Element): Element | undefined {
  let table: Element | undefined;
  for (let node = leaf.element.parent; isElement(node) && node !== body; node = node.parent) if (node.name === 'table') table = node;
  if (!table) return undefined;
  const text = squash(textOf(table));
  return /[:：]/.test(text) && !/[，。！？；]/.test(text) ? table : undefined;
}

/** The leaves from the start that are list items. */
function leadingListItems(leaves: Leaf[]): Leaf[] {
  const end = leaves.findIndex((leaf) => leaf.element.name !== 'li');
  return end < 0 ? leaves : leaves.slice(0, end);
}

function isLeadFurniture(leaf: Leaf, afterImage: boolean, headlineText: string): boolean {
  if (!leaf.text) return false;
  if (!leaf.plain) return true;
  if (afterImage && isCaptionCredit(leaf.text)) return true;
  // 点击蓝字 关注我们 above a WeChat article.
  if (isPromoLine(leaf.text)) return true;
  // The headline repeated above the text.
  return leaf.text.length <= 50 && similarity(leaf.text, headlineText) >= 0.5;
}

/** An info line (time, 来源, 浏览次数) kept inside the body: a dated line with labels and no sentence in it. */
function isInfoLine(text: string): boolean {
  return text.length <= MAX_INFO_LINE && /\d{4}[-/年]\d{1,2}/.test(text) && INFO_LINE_LABEL.test(text) && !/[，。！？]/.test(text);
}

/** Share of character bigrams two short lines have in common (Dice coefficient). */
function similarity(a: string, b: string): number {
  const grams = (text: string) => new Set(Array.from({ length: Math.max(0, text.length - 1) }, (_, i) => text.slice(i, i + 2)));
  const left = grams(a.replace(/\s/g, ''));
  const right = grams(b.replace(/\s/g, ''));
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const gram of left) if (right.has(gram)) shared += 1;
  return (2 * shared) / (left.size + right.size);
}
