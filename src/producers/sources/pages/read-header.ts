import { isText, type AnyNode, type Element } from 'domhandler';
import { BLOCK_TAGS, classAndId, isElement, textOf } from './dom-text.js';
import { squash } from './squash.js';

/** The zone between the headline and the article text: where the time, 来源 and byline sit. */
export interface Header {
  /** Its text, parts of different elements joined by a space. */
  text: string;
  /** Texts of elements that name the author or account (`p.author-name`, a link to /author/…). */
  authorHints: string[];
  /** The datetime attributes of `<time>` elements in it. */
  datetimes: string[];
}

/** The info line is short; more text than this after the headline is already the article. */
const MAX_HEADER_CHARS = 300;
/** A single text run this long is a paragraph of the article, not an info line. */
const MAX_INFO_RUN = 80;
/**
 * A sentence with a comma and a full stop is article text; info lines and the 原标题 or
 * headline lines around them have none. The header ends there.
 */
const SENTENCE = /^(?=.*[，,]).{12,}。/;
const AUTHOR_CLASS = /author|byline|writer|zuozhe|wemedia/;
/** Links to an author's or account's own page (WordPress /author/name/, 网易号 /dy/media/…). */
const PROFILE_LINK = /\/(?:author|authors|media|user|users|profile|people|u)\/|[?&](?:author|uid)=/i;
/** Follow buttons that sit beside an account's name. */
const FOLLOW_BUTTON = /\s*[+＋]?\s*(?:关注|订阅|已关注)\s*$/;

/**
 * Reads the text after the headline in document order until the body starts, a paragraph-long
 * run appears, or enough text was read. Without a headline there is no header.
 */
export function readHeader(headline: Element | undefined, body: Element | undefined, zone: Zone = 'header'): Header {
  const header: Header = { text: '', authorHints: [], datetimes: [] };
  if (!headline) return header;
  const parts: string[] = [];
  let length = 0;
  const visit = (node: AnyNode): boolean => {
    if (node === body || (body && isElement(node) && contains(node, body))) return descendUntil(node, body, visit);
    if (isText(node)) {
      const text = squash(node.data);
      if (text.length > MAX_INFO_RUN || SENTENCE.test(text)) return false;
      if (text) parts.push(text);
      length += text.length;
      return length <= MAX_HEADER_CHARS;
    }
    if (!isElement(node)) return true;
    if (BLOCK_TAGS.has(node.name)) parts.push(' ');
    if (node.name === 'time' && node.attribs.datetime?.trim()) header.datetimes.push(node.attribs.datetime.trim());
    noteAuthorHint(node, header, { zone, start: headline });
    return node.children.every(visit);
  };
  for (let node: AnyNode | null = headline; node; node = node.parent) {
    if (!followingSiblings(node).every(visit)) break;
  }
  header.text = squash(parts.join(' '));
  return header;
}

/** How far up from the headline, and how much text, the zone before it reaches. */
const PRE_HEADER_LEVELS = 5;
const MAX_PRE_HEADER_CHARS = 200;

/**
 * The text just before the headline, in document order: its preceding siblings and those of
 * its nearest ancestors, nearest first, until enough was read. Some layouts print the time
 * there (新华网: the year, month/day and time in spans above the headline).
 */
export function readPreHeader(headline: Element | undefined): string {
  const parts: string[] = [];
  let length = 0;
  let node: AnyNode | null | undefined = headline;
  for (let level = 0; node && level < PRE_HEADER_LEVELS && length < MAX_PRE_HEADER_CHARS; level++, node = node.parent) {
    for (let previous = node.prev; previous && length < MAX_PRE_HEADER_CHARS; previous = previous.prev) {
      const text = squash(textOf(previous));
      parts.unshift(text);
      length += text.length;
    }
  }
  return squash(parts.join(' '));
}

/**
 * What follows the body (发布日期, 责任编辑, an author card below the article), read the way the
 * header is: its text and the names its author elements hold.
 */
export function readTrailer(body: Element | undefined): Header {
  return readHeader(body, undefined, 'trailer');
}

/** Visits the children of an ancestor of the body that come before the body; stops there. */
function descendUntil(node: AnyNode, body: Element | undefined, visit: (node: AnyNode) => boolean): boolean {
  if (node === body || !isElement(node)) return false;
  for (const child of node.children) {
    if (child === body || (body && isElement(child) && contains(child, body))) {
      descendUntil(child, body, visit);
      return false;
    }
    if (!visit(child)) return false;
  }
  return false;
}

function followingSiblings(node: AnyNode): AnyNode[] {
  const siblings: AnyNode[] = [];
  for (let next = node.next; next; next = next.next) siblings.push(next);
  return siblings;
}

function contains(ancestor: Element, node: AnyNode): boolean {
  for (let current = node.parent; current; current = current.parent) if (current === ancestor) return true;
  return false;
}

/** The tag a platform shows beside an account's name: 澎湃号·政务, 百家号, 头条号. */
const ACCOUNT_TAG = /^(?:澎湃号|百家号|头条号|网易号|搜狐号|企鹅号|大鱼号|人民号|新华号|央视号|大众号|齐鲁号)(?:\s*[·・]\s*\S{1,6})?$/;

/** Where the text is read: between the headline and the body, or after the body. */
type Zone = 'header' | 'trailer';

/** Boxes of readers' comments: their 作者 names commenters, never the article's writer (.comment-author). */
const COMMENT_CLASS = /comment|reply|pinglun/i;
/** Boxes after an article that list other articles, each with its own writer. */
const OTHER_ARTICLES_CLASS = /related|recommend|tuijian|xiangguan|hot|rank|list|more/i;

/**
 * Notes the name an author element holds. `start` is where the reading began (the headline, or
 * the body for the trailer): the boxes around the element up to the first that also holds it
 * say what kind of box the name is in.
 */
function noteAuthorHint(element: Element, header: Header, { zone, start }: { zone: Zone; start: Element }): void {
  const profile = element.name === 'a' && PROFILE_LINK.test(element.attribs.href ?? '');
  if (!profile && !AUTHOR_CLASS.test(classAndId(element)) && !beforeAccountTag(element) && !isNameInAuthorBox(element)) return;
  const boxes = boxesUpTo(element, start);
  if (boxes.some((box) => COMMENT_CLASS.test(classAndId(box)))) return;
  // After the body, a name in a list (other articles, their writers) is not this article's.
  if (zone === 'trailer' && boxes.some((box) => box.name === 'li' || OTHER_ARTICLES_CLASS.test(classAndId(box)))) return;
  // A box whose name sits in an author element of its own (div.author-card > span.author-name) is a wrapper: the name is noted alone.
  if (holdsNamedAuthorElement(element)) return;
  const text = squash(textOf(element)).replace(FOLLOW_BUTTON, '');
  // An author block that also holds the date is a wrapper; its name child is noted on its own.
  if (text && text.length <= 20 && !/\d{1,2}[:：]\d{2}|\d{4}/.test(text)) header.authorHints.push(text);
}

/** True when an author element inside holds text of its own (a name; an avatar with an author class holds none). */
function holdsNamedAuthorElement(element: Element): boolean {
  return element.children.some(
    (child) =>
      isElement(child) && ((AUTHOR_CLASS.test(classAndId(child)) && squash(textOf(child)) !== '') || holdsNamedAuthorElement(child)),
  );
}

/** The element and its ancestors, up to (not including) the first that also holds `start`. */
function boxesUpTo(element: Element, start: Element): Element[] {
  const boxes: Element[] = [];
  for (let box: AnyNode | null = element; isElement(box) && box !== start && !contains(box, start); box = box.parent) boxes.push(box);
  return boxes;
}

/** True for an element right before a platform's account tag (<a>泰安发布</a><span>澎湃号·政务</span>). */
function beforeAccountTag(element: Element): boolean {
  let next = element.next;
  while (next && isText(next) && !squash(next.data)) next = next.next;
  return isElement(next) && ACCOUNT_TAG.test(squash(textOf(next)));
}

/** True for the name part of an author box (div.rmh-author-info > p.rmh-name beside p.rmh-date). */
function isNameInAuthorBox(element: Element): boolean {
  return classAndId(element).includes('name') && isElement(element.parent) && AUTHOR_CLASS.test(classAndId(element.parent));
}
