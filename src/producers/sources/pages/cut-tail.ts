import type * as cheerio from 'cheerio';
import {
  isBylineLine,
  isEditorLine,
  isEndMatter,
  isOriginalTitleLine,
  isPictureCreditLine,
  sourceOfLine,
  startsWithFurnitureMarker,
} from './body-lines.js';
import { dropLeaves as drop, isPictureCaption, type Leaf, type TakenLines } from './body-leaves.js';
import { parseInfoLine } from './info-line.js';

/** End matter starts in the second half of the text; earlier, a 编辑 line is part of the story. */
const TAIL_START = 0.5;
/** The longest line read for credits (来源, 责任编辑) when it is not a byline line itself. */
const MAX_CREDIT_LINE = 60;

/**
 * Cuts the end matter: from the first credits, disclaimer or pagination line in the second half of
 * the text onwards, and the byline or 来源 lines just before it; the credits it holds go to `taken`.
 */
export function cutTail($: cheerio.CheerioAPI, leaves: Leaf[], taken: TakenLines): void {
  const total = leaves.reduce((sum, leaf) => sum + leaf.text.length, 0);
  let cutAt = leaves.length;
  let before = 0;
  for (const [i, leaf] of leaves.entries()) {
    if (before >= total * TAIL_START && isEndMarker(leaf)) {
      cutAt = i;
      break;
    }
    before += leaf.text.length;
  }
  // The trailing lines just before the cut go with the tail.
  cutAt = leaves.slice(0, cutAt).findLastIndex((leaf) => !isTrailing(leaf)) + 1;
  const tail = leaves.slice(cutAt);
  for (const leaf of tail) takeLine(leaf, taken);
  drop($, leaves, tail);
}

function isEndMarker(leaf: Leaf): boolean {
  const { text } = leaf;
  return isEditorLine(text) || isEndMatter(text) || isOriginalTitleLine(text) || startsWithFurnitureMarker(text);
}

/** Lines that may end the body without being text: bylines, 来源, links, empty blocks, end markers. */
function isTrailing(leaf: Leaf): boolean {
  if (!leaf.text) return !leaf.hasImage;
  // Counters and symbols left by widgets (+1, |, 0).
  if (!/[\p{L}]/u.test(leaf.text)) return true;
  const byline = isBylineLine(leaf.plain) && !isPictureCaption(leaf);
  return !leaf.plain || byline || isPictureCreditLine(leaf.text) || sourceOfLine(leaf.text) !== undefined || isEndMarker(leaf);
}

function takeLine(leaf: Leaf, taken: TakenLines): void {
  if (isBylineLine(leaf.plain) || isEditorLine(leaf.plain)) {
    taken.bylines.push(leaf.plain);
    return;
  }
  // Only short lines are credits; a paragraph that mentions a 记者 names no author.
  if (leaf.plain.length > MAX_CREDIT_LINE) return;
  const source = sourceOfLine(leaf.text);
  const info = parseInfoLine(leaf.plain);
  // Reporter words inside other lines (版权归原作者所有) name nobody; 责任编辑： labels do.
  taken.bylines.push(...info.editors);
  const outlet = info.originalSource ?? source;
  if (outlet) taken.sources.push(outlet);
}
