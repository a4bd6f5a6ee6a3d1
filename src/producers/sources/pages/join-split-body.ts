import type * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import { isEndMatter, startsWithFurnitureMarker } from './body-lines.js';
import { FURNITURE_CLASS } from './clean-body.js';
import { classAndId, holds, isElement, textOf, type TextMeasure } from './dom-text.js';
import { LIKELY, UNLIKELY } from './find-body.js';
import { squash } from './squash.js';

/** Text of a part of the article: prose with sentence punctuation, mostly outside links. */
const MIN_PART_CHARS = 40;
const MAX_PART_LINK_SHARE = 0.3;
/** A picture block between the parts keeps its caption; longer text between them is not a picture. */
const MAX_CAPTION_CHARS = 60;
const PART_TAGS = new Set(['div', 'section', 'article', 'p']);

/**
 * Joins an article whose text is split over sibling containers (two pages of one story in
 * one document, text parts between picture blocks and ads, a lead paragraph in a box of its
 * own): the siblings of the body container that hold prose — the same tag and class, a
 * content-like class, or the nearest sibling — move into it in page order, with the pictures
 * between them; what else lies between (ads, pagination) stays out. The walk stops, each way,
 * at a block of furniture (相关新闻, a disclaimer, a comment box), at the block that holds the
 * headline (the header with its 引题, 副题 and info line is never a part of the text) or at
 * prose that is not a part. Returns the container, now holding the whole text.
 */
export function joinSplitBody(
  $: cheerio.CheerioAPI,
  body: Element,
  measures: ReadonlyMap<Element, TextMeasure>,
  headline?: Element,
): Element {
  const before = partsAround(body, measures, 'prev', headline);
  const after = partsAround(body, measures, 'next', headline);
  for (const part of before) $(body).prepend(part);
  for (const part of after) $(body).append(part);
  return body;
}

/** The parts and pictures on one side of the body, nearest first for `prev`, in page order for `next`. */
function partsAround(
  body: Element,
  measures: ReadonlyMap<Element, TextMeasure>,
  side: 'prev' | 'next',
  headline: Element | undefined,
): Element[] {
  const taken: Element[] = [];
  let pending: Element[] = [];
  let nearest = true;
  for (let node = body[side]; node; node = node[side]) {
    if (!isElement(node)) continue;
    const kind = headline && holds(node, headline) ? 'stop' : kindOf(node, body, measures, nearest);
    nearest = false;
    if (kind === 'stop') break;
    if (kind === 'picture') pending.push(node);
    else if (kind === 'part') {
      taken.push(...pending, node);
      pending = [];
    }
  }
  return taken;
}

function kindOf(
  node: Element,
  body: Element,
  measures: ReadonlyMap<Element, TextMeasure>,
  nearest: boolean,
): 'part' | 'picture' | 'gap' | 'stop' {
  const measure = measures.get(node);
  const text = squash(textOf(node));
  const names = classAndId(node);
  if (UNLIKELY.test(names) || FURNITURE_CLASS.test(names) || node.name === 'form') return text ? 'stop' : 'gap';
  if (startsWithFurnitureMarker(text) || isEndMatter(text)) return 'stop';
  if (!measure || measure.text < MIN_PART_CHARS || measure.punctuation === 0) {
    const picture = !!node.children.length && hasOwnImage(node) && text.length <= MAX_CAPTION_CHARS;
    return picture ? 'picture' : 'gap';
  }
  if (measure.linkText / (measure.text + measure.linkText) > MAX_PART_LINK_SHARE) return 'stop';
  const sameKind = node.name === body.name && (node.attribs.class ?? '') === (body.attribs.class ?? '');
  return PART_TAGS.has(node.name) && (sameKind || LIKELY.test(names) || nearest) ? 'part' : 'stop';
}

/** True when the element shows a picture that is not an ad or a link. */
function hasOwnImage(element: Element): boolean {
  const walk = (node: Element): boolean =>
    node.name === 'img' || node.children.some((child) => isElement(child) && child.name !== 'a' && walk(child));
  return walk(element);
}
