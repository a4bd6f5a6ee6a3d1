import type * as cheerio from 'cheerio';
import { isText, type AnyNode, type Element } from 'domhandler';
import { isEndMatter } from './body-lines.js';
import { BLOCK_TAGS, isElement } from './dom-text.js';
import { squash } from './squash.js';

/** What the trimming took out of the body that still says something about the article. */
export interface TakenLines {
  /** Byline and editor lines, as found. */
  bylines: string[];
  /** 来源 named by lines around the text. */
  sources: string[];
}

/** One line of the body: a block with no block inside it. */
export interface Leaf {
  element: Element;
  text: string;
  /** The text without link text: bylines are read from it (`作者：王五` + a 返回首页 link). */
  plain: string;
  hasImage: boolean;
}

/** Paragraph-like text: long, or a sentence that ends as one. */
export function isProse(leaf: Leaf): boolean {
  return leaf.text.length >= 40 || (leaf.text.length >= 10 && /[。！？!?…”"]$/.test(leaf.text) && !isEndMatter(leaf.text));
}

/** True for a line beside a picture in the same box (li > img + p): a caption, even when it credits someone. */
export function isPictureCaption(leaf: Leaf): boolean {
  const box = leaf.element.parent;
  return isElement(box) && box.children.some((child) => isElement(child) && child !== leaf.element && child.name === 'img');
}

/** Removes the doomed leaves from the page, and returns the leaves left. */
export function dropLeaves($: cheerio.CheerioAPI, leaves: Leaf[], doomed: Leaf[]): Leaf[] {
  if (doomed.length === 0) return leaves;
  $(doomed.map((leaf) => leaf.element)).remove();
  const gone = new Set(doomed);
  return leaves.filter((leaf) => !gone.has(leaf));
}

/** The body's leaf blocks in document order; the headline counts as one when the body holds it. */
export function collectLeaves(body: Element, headline: Element | undefined): Leaf[] {
  const leaves: Leaf[] = [];
  const walk = (element: Element): boolean => {
    let hasBlock = false;
    for (const child of element.children) {
      if (isElement(child) && walk(child)) hasBlock = true;
    }
    const isBlock = BLOCK_TAGS.has(element.name);
    if (element !== body && ((isBlock && !hasBlock) || element === headline)) leaves.push(toLeaf(element));
    return hasBlock || isBlock;
  };
  walk(body);
  return leaves;
}

const SMALL_IMAGE = /emoji|emotion|icon|face|smiley/i;

function toLeaf(element: Element): Leaf {
  const parts = { text: '', plain: '', hasImage: false };
  const read = (node: AnyNode, inLink: boolean): void => {
    if (isText(node)) {
      parts.text += node.data;
      if (!inLink) parts.plain += node.data;
    } else if (isElement(node)) {
      // Emoji and icons inline with text are not pictures with captions.
      if (node.name === 'img' && !SMALL_IMAGE.test(`${node.attribs.class ?? ''} ${node.attribs.src ?? ''}`)) parts.hasImage = true;
      for (const child of node.children) read(child, inLink || node.name === 'a');
    }
  };
  read(element, false);
  return { element, text: squash(parts.text), plain: squash(parts.plain), hasImage: parts.hasImage };
}
