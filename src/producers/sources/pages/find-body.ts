import { isText, type Element } from 'domhandler';
import { isEndMatter, isFurnitureHeading } from './body-lines.js';
import { BLOCK_TAGS, classAndId, countPunctuation, countVisible, isElement, textOf, type TextMeasure } from './dom-text.js';
import { squash } from './squash.js';

/** Class and id words of blocks that hold anything but the article: comments, lists, sidebars. */
export const UNLIKELY =
  /comment|cmt|reply|related|recommend|sidebar|\baside|footer|\bnav|menu|share|\bhot|rank|banner|copyright|breadcrumb|crumb|tuijian|xgxw|disclaimer/;
/** Class and id words of a sidebar box beside the text, which a wrapper of both does not own. */
const ASIDE = /sidebar|\baside|footer/;
const CHROME_TAGS = new Set(['footer', 'aside', 'nav']);
const CHROME_WORDS = new Set(['footer', 'sidebar', 'nav', 'navbar', 'comment', 'comments', 'copyright']);
/** Class and id words of blocks that usually hold the article. */
export const LIKELY = /article|content|body|text|detail|post|entry|main|story|txt|zhengwen|editor/;
/** Unlikely words that a likely word beside them outweighs (id="share-content" is the text a share widget reads). */
const WEAK_UNLIKELY = /share|\bhot|rank|banner|\bnav|menu/g;

/** Text this far (in characters) after the headline weighs half: the article follows its headline. */
const HALF_WEIGHT_DISTANCE = 3000;

/**
 * Returns the element that holds the article text: the one whose own paragraphs carry the
 * most prose outside links. An element's paragraphs are its text runs, its inline children
 * and its child blocks that hold no further block (leaf paragraphs); paragraphs wrapped one
 * by one (div > p) credit the wrapper's parent at half, as readability does. Counting only
 * direct paragraphs keeps a page wrapper from winning over the article it wraps; leaving link
 * text out keeps teaser lists from winning; text without sentence punctuation (menus, keyword
 * dumps, footers of phone numbers) counts half; and text far from the headline weighs less.
 */
export function findBodyContainer(measures: Map<Element, TextMeasure>, headline?: Element): Element | undefined {
  const own = new Map<Element, number>();
  for (const [element, measure] of measures) {
    if (measure.hasBlock || element.name === 'div' || element.name === 'td') own.set(element, paragraphText(element, measures));
  }
  const headlineEnd = headline ? endOffset(measures.get(headline)) : undefined;
  let best: Element | undefined;
  let bestScore = 0;
  for (const [element, text] of own) {
    let wrapped = 0;
    for (const child of element.children) {
      // A sidebar or footer box inside the wrapper lends it nothing.
      if (isElement(child) && measures.get(child)?.hasBlock && !isWrappedParagraph(child, measures) && !ASIDE.test(classAndId(child)))
        wrapped += own.get(child) ?? 0;
    }
    const score = (text + wrapped / 2) * classWeight(element) * proximity(measures.get(element), headlineEnd);
    if (score > bestScore) {
      best = element;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Prose outside links in the element's own runs, inline children and paragraph children:
 * leaf blocks, and blocks that only wrap one paragraph in further single blocks (the
 * section > section > p > span of WeChat-style editors), since a wrapper or two around
 * each paragraph does not make the paragraphs any less the element's own. End matter (a
 * 免责声明, 版权所有, pagination) is not the article's prose, however long: it counts nothing.
 */
function paragraphText(element: Element, measures: Map<Element, TextMeasure>): number {
  let total = 0;
  for (const child of element.children) {
    if (isText(child)) total += proseWeight(countVisible(child.data), countPunctuation(child.data));
    else if (isElement(child) && !isEndMatterBlock(child, measures)) {
      const measure = measures.get(child);
      const paragraph = measure && (!measure.hasBlock || !BLOCK_TAGS.has(child.name) || isWrappedParagraph(child, measures));
      if (paragraph) total += proseWeight(measure.text, measure.punctuation);
    }
  }
  return total;
}

/** End matter is a line or two: a longer block is judged by its text, not by its first words. */
const MAX_END_MATTER_CHARS = 150;

/** True for a short block whose text is end matter (免责声明：…, 版权所有, 下一页). */
function isEndMatterBlock(element: Element, measures: ReadonlyMap<Element, TextMeasure>): boolean {
  const measure = measures.get(element);
  if (!measure || measure.text + measure.linkText > MAX_END_MATTER_CHARS) return false;
  return isEndMatter(squash(textOf(element)));
}

/** Wrappers deeper than this around one paragraph are layout, not a paragraph's markup. */
const MAX_WRAPPER_DEPTH = 4;

/**
 * True for a block that holds one paragraph inside wrappers of at least two levels: each
 * level one block child and no text of its own, down to a block with no block inside. A
 * single wrapper (div > p) stays as it was: readability's half credit for the wrapper's parent.
 */
function isWrappedParagraph(element: Element, measures: ReadonlyMap<Element, TextMeasure>): boolean {
  let node = element;
  for (let depth = 0; depth <= MAX_WRAPPER_DEPTH; depth++) {
    if (!measures.get(node)?.hasBlock) return depth >= 2;
    const blocks = node.children.filter((child) => isElement(child) && BLOCK_TAGS.has(child.name));
    const loose = node.children.some((child) =>
      isText(child) ? countVisible(child.data) > 0 : isElement(child) && !BLOCK_TAGS.has(child.name),
    );
    const only = blocks[0];
    if (blocks.length !== 1 || loose || !isElement(only)) return false;
    node = only;
  }
  return false;
}

function proseWeight(length: number, punctuation: number): number {
  return punctuation > 0 ? length : length / 2;
}

/** 1 next to the headline, falling with the text between them; blocks before the headline weigh half. */
function proximity(measure: TextMeasure | undefined, headlineEnd: number | undefined): number {
  if (!measure || headlineEnd === undefined) return 1;
  if (endOffset(measure) <= headlineEnd) return 0.5;
  const distance = Math.max(0, measure.offset - headlineEnd);
  return 1 / (1 + distance / HALF_WEIGHT_DISTANCE);
}

function endOffset(measure: TextMeasure | undefined): number {
  return measure ? measure.offset + measure.text + measure.linkText : 0;
}

function classWeight(element: Element): number {
  if (['html', 'head', 'a', 'li', 'ul', 'ol', 'form', 'nav', 'footer', 'aside'].includes(element.name)) return 0;
  // Text straight in <body> happens on bare pages only; on portals it is stray furniture.
  if (element.name === 'body') return 0.5;
  const names = classAndId(element);
  if (isUnlikely(names) || insidePageChrome(element) || headedByFurniture(element)) return 0.3;
  return LIKELY.test(names) ? 1.25 : 1;
}

/** True for unlikely class and id words, as readability judges them: a likely word beside a weak one clears it. */
function isUnlikely(names: string): boolean {
  return UNLIKELY.test(LIKELY.test(names) ? names.replace(WEAK_UNLIKELY, ' ') : names);
}

/** The longest heading looked at: 网友留言（128）, not a line of text. */
const MAX_HEADING_CHARS = 20;

/**
 * True for a block right under a heading of furniture, its own or its box's (网友留言（7）,
 * 相关阅读): the comments and lists such headings open, whatever their class names say.
 */
function headedByFurniture(element: Element): boolean {
  for (const node of [element, element.parent]) {
    if (!isElement(node)) continue;
    let heading = node.prev;
    while (heading && !(isElement(heading) || (isText(heading) && heading.data.trim()))) heading = heading.prev;
    if (!heading) continue;
    const text = squash(textOf(heading));
    if (text.length <= MAX_HEADING_CHARS && isFurnitureHeading(text)) return true;
  }
  return false;
}

/** Whether an element is, or is inside, page chrome; filled as ancestors are looked at, so each is judged once. */
const chromeOf = new WeakMap<Element, boolean>();

/** True inside a footer, sidebar, nav or comment area, told by tag or by a whole class word. */
function insidePageChrome(element: Element): boolean {
  const unjudged: Element[] = [];
  let inside = false;
  for (let node = element.parent; isElement(node); node = node.parent) {
    const known = chromeOf.get(node);
    if (known !== undefined) {
      inside = known;
      break;
    }
    unjudged.push(node);
  }
  // From the outermost unjudged ancestor inwards: chrome once an ancestor is chrome.
  for (const node of unjudged.reverse()) {
    inside ||=
      CHROME_TAGS.has(node.name) ||
      classAndId(node)
        .split(/[\s_-]+/)
        .some((word) => CHROME_WORDS.has(word));
    chromeOf.set(node, inside);
  }
  return inside;
}
