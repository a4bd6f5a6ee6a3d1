import type * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import { isEndMatter, isSummaryBox, startsWithFurnitureMarker } from './body-lines.js';
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
    if (headline && holds(node, headline)) break;
    let kind = kindOf(node, body, measures, nearest);
    nearest = false;
    if (kind === 'stop') {
      // One box of furniture between two parts of the same kind (div.txt, 相关阅读, div.txt): the text goes on after it.
      const resumed = sameKindPartBeyond(node, body, measures, side);
      if (!resumed) break;
      [node, kind, pending] = [resumed, 'part', []];
    }
    if (kind === 'picture') pending.push(node);
    else if (kind === 'part') {
      taken.push(...pending, node);
      pending = [];
    }
  }
  return taken;
}

/** The element right beyond `node` when it has the body's tag and class and is a part. */
function sameKindPartBeyond(
  node: Element,
  body: Element,
  measures: ReadonlyMap<Element, TextMeasure>,
  side: 'prev' | 'next',
): Element | undefined {
  let beyond = node[side];
  while (beyond && !isElement(beyond)) beyond = beyond[side];
  if (!isElement(beyond) || !isSameKind(beyond, body)) return undefined;
  return kindOf(beyond, body, measures, false) === 'part' ? beyond : undefined;
}

function isSameKind(node: Element, body: Element): boolean {
  return node.name === body.name && (node.attribs.class ?? '') === (body.attribs.class ?? '');
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
  if (startsWithFurnitureMarker(text) || isEndMatter(text) || isSummaryBox(text)) return 'stop';
  if (isGallery(node, measures)) return 'part';
  // A box of the body's own tag and class with a sentence in it is one more paragraph, however short.
  if (PART_TAGS.has(node.name) && isSameKind(node, body) && measure && measure.punctuation > 0 && measure.linkText === 0) return 'part';
  if (!measure || measure.text < MIN_PART_CHARS || measure.punctuation === 0) {
    const picture = !!node.children.length && hasOwnImage(node) && text.length <= MAX_CAPTION_CHARS;
    return picture ? 'picture' : 'gap';
  }
  if (measure.linkText / (measure.text + measure.linkText) > MAX_PART_LINK_SHARE) return 'stop';
  return PART_TAGS.has(node.name) && (isSameKind(node, body) || LIKELY.test(names) || nearest) ? 'part' : 'stop';
}

/** A gallery has at least this many pictures. */
const MIN_GALLERY_PICTURES = 2;

/**
 * True for a gallery: a list of pictures (not links) each with at most a caption, as picture
 * stories show their photos (ul > li > img + p).
 */
function isGallery(node: Element, measures: ReadonlyMap<Element, TextMeasure>): boolean {
  const items = node.children.filter(isElement);
  return (
    items.length >= MIN_GALLERY_PICTURES &&
    (measures.get(node)?.linkText ?? 0) === 0 &&
    items.every((item) => hasOwnImage(item) && squash(textOf(item)).length <= MAX_CAPTION_CHARS)
  );
}

/** True when the element shows a picture that is not an ad or a link. */
function hasOwnImage(element: Element): boolean {
  const walk = (node: Element): boolean =>
    node.name === 'img' || node.children.some((child) => isElement(child) && child.name !== 'a' && walk(child));
  return walk(element);
}
