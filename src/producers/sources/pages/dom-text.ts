import { isTag, isText, type AnyNode, type Element } from 'domhandler';
import { BLOCK_ELEMENTS } from '../../../domain/html-blocks.js';

/** Tags that start a new block of text; everything else (a, span, strong, font, …) runs inline. */
export const BLOCK_TAGS = BLOCK_ELEMENTS;

/** How much text an element holds, counted once for the whole document. */
export interface TextMeasure {
  /** Characters (white space not counted) outside links. */
  text: number;
  /** Characters inside links. */
  linkText: number;
  /** Whether a block element sits anywhere below it: when not, the element is one paragraph. */
  hasBlock: boolean;
  /** Sentence punctuation (，。！？；) outside links: prose has it, menus and keyword lists do not. */
  punctuation: number;
  /** Characters of text before the element in document order, to tell how far apart two elements are. */
  offset: number;
}

/**
 * Measures every element under `root` in one post-order walk, so that scoring and cleaning
 * never re-read a subtree's text.
 */
export function measureText(root: AnyNode): Map<Element, TextMeasure> {
  const measures = new Map<Element, TextMeasure>();
  measureNode(root, false, measures, { offset: 0 });
  return measures;
}

function measureNode(node: AnyNode, inLink: boolean, measures: Map<Element, TextMeasure>, cursor: { offset: number }): TextMeasure {
  const total: TextMeasure = { text: 0, linkText: 0, hasBlock: false, punctuation: 0, offset: cursor.offset };
  if (isText(node)) {
    const length = countVisible(node.data);
    cursor.offset += length;
    if (inLink) return { ...total, linkText: length };
    return { ...total, text: length, punctuation: countPunctuation(node.data) };
  }
  if (!('children' in node)) return total;
  const linked = inLink || (isElement(node) && node.name === 'a');
  for (const child of node.children) {
    const part = measureNode(child, linked, measures, cursor);
    total.text += part.text;
    total.linkText += part.linkText;
    total.punctuation += part.punctuation;
    total.hasBlock ||= part.hasBlock || (isElement(child) && BLOCK_TAGS.has(child.name));
  }
  if (isElement(node)) measures.set(node, total);
  return total;
}

/** Sentence punctuation marks in a string. */
export function countPunctuation(text: string): number {
  return text.length - text.replace(/[，。！？；,.!?;]/g, '').length;
}

/** Characters of a string that are not white space. */
export function countVisible(text: string): number {
  return text.replace(/[\s\u3000\u00a0]+/g, '').length;
}

/** True for element nodes (tags, and script/style, which domhandler types apart). */
export function isElement(node: AnyNode | null | undefined): node is Element {
  return !!node && isTag(node);
}

/** The element's class and id, lower-cased, for matching class-name hints. */
export function classAndId(element: Element): string {
  return `${element.attribs.class ?? ''} ${element.attribs.id ?? ''}`.toLowerCase();
}

/** The text of a node and its descendants, concatenated without separators. */
export function textOf(node: AnyNode): string {
  if (isText(node)) return node.data;
  if (!('children' in node)) return '';
  let text = '';
  for (const child of node.children) text += textOf(child);
  return text;
}

/** True when `element` is `inner` or one of its ancestors. */
export function holds(element: Element, inner: Element): boolean {
  for (let node: Element | null = inner; node; node = isElement(node.parent) ? node.parent : null) if (node === element) return true;
  return false;
}

/** The text of a node without the text of the elements `skip` picks (and all inside them), each block apart by a space. */
export function textOutside(node: AnyNode, skip: (element: Element) => boolean): string {
  if (isText(node)) return node.data;
  if (isElement(node) && skip(node)) return ' ';
  if (!('children' in node)) return '';
  let text = '';
  for (const child of node.children) text += textOutside(child, skip);
  return isElement(node) && BLOCK_TAGS.has(node.name) ? ` ${text} ` : text;
}
