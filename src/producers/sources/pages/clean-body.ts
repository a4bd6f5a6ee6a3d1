import type * as cheerio from 'cheerio';
import { isText, type AnyNode, type Element } from 'domhandler';
import { startsWithFurnitureMarker } from './body-lines.js';
import { BLOCK_TAGS, classAndId, isElement, textOf, type TextMeasure } from './dom-text.js';

/** Class and id words of furniture that sits inside article containers. */
export const FURNITURE_CLASS = /comment|related|recommend|share|tuijian|xgxw|video|introduction|\bads?\b|advert|statement|disclaimer/;
/** A block whose text is mostly links is a list of links (related news, tags, pagination). */
const MAX_LINK_SHARE = 0.6;
/** Furniture headed by a marker is short; a long block that starts with 评论… is an article. */
const MAX_MARKED_BLOCK = 400;

/**
 * Removes furniture from inside the body: blocks whose class says furniture (share bars,
 * related lists, video players), forms, blocks headed by a furniture marker and lists of
 * links. Uses the text measures taken before any removal.
 */
export function removeFurniture($: cheerio.CheerioAPI, body: Element, measures: Map<Element, TextMeasure>): void {
  const doomed: Element[] = [];
  const bodyText = measures.get(body)?.text ?? 0;
  const visit = (element: Element): void => {
    for (const child of element.children) {
      if (!isElement(child)) continue;
      const measure = measures.get(child);
      // A wrapper holding most of the article is never furniture, whatever its class says.
      const holdsArticle = (measure?.text ?? 0) > Math.max(200, bodyText / 2);
      if (!holdsArticle && isFurniture(child, measure)) doomed.push(child);
      else visit(child);
    }
  };
  visit(body);
  $(doomed).remove();
}

function isFurniture(element: Element, measure: TextMeasure | undefined): boolean {
  if (element.name === 'img' || element.name === 'br') return false;
  // Comment and search forms; a form that wraps the article is kept by the caller's guard.
  if (element.name === 'form') return true;
  if (FURNITURE_CLASS.test(classAndId(element))) return true;
  if (!measure) return false;
  const all = measure.text + measure.linkText;
  if (measure.linkText >= 8 && measure.linkText / all > MAX_LINK_SHARE) return true;
  return BLOCK_TAGS.has(element.name) && all <= MAX_MARKED_BLOCK && startsWithFurnitureMarker(leadingText(element, 12));
}

/** The first `max` characters of an element's text, without reading the rest of it. */
function leadingText(node: AnyNode, max: number): string {
  if (isText(node)) return node.data.trimStart().slice(0, max);
  if (!('children' in node)) return '';
  let text = '';
  for (const child of node.children) {
    text += leadingText(child, max - text.length);
    if (text.length >= max) break;
  }
  return text;
}

/**
 * Wraps each run of inline content that sits between <br>s or beside child blocks into its
 * own <p>, so that every line of the body is a block that the trimming can weigh and drop
 * (thepaper and WeChat-style bodies are one div of text runs and <br>s).
 */
export function paragraphize($: cheerio.CheerioAPI, body: Element): void {
  const containers = [body, ...$(body).find('div, td, section, article, blockquote, center').toArray()];
  for (const container of containers) {
    const breaks = container.children.some((child) => isElement(child) && (child.name === 'br' || BLOCK_TAGS.has(child.name)));
    if (breaks) wrapInlineRuns($, container);
  }
}

function wrapInlineRuns($: cheerio.CheerioAPI, container: Element): void {
  let run: AnyNode[] = [];
  const flush = () => {
    const [first] = run;
    if (first && run.some((node) => textOf(node).trim() || (isElement(node) && $(node).find('img').addBack('img').length > 0))) {
      $('<p></p>').insertBefore(first).append(run);
    }
    run = [];
  };
  for (const child of [...container.children]) {
    if (isElement(child) && (child.name === 'br' || BLOCK_TAGS.has(child.name))) {
      flush();
      if (child.name === 'br') $(child).remove();
    } else run.push(child);
  }
  flush();
}
