import render from 'dom-serializer';
import { isTag, type AnyNode, type Element } from 'domhandler';
import { textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import {
  anyOf,
  COMMENT_MARKERS,
  EDITOR_ROLES,
  OTHER_CREDIT_ROLES,
  RELATED_LIST_HEADINGS,
  roleSource,
  SHARE_MARKERS,
  WRITER_ROLES,
} from '../../../domain/news-vocabulary.js';
import { BLOCK_ELEMENTS } from '../../../domain/html-blocks.js';
import { assertParsableDepth, assertShallowTree } from '../../../domain/html-depth.js';

/** What was taken out of an article's HTML, and why; logged at debug level by `process`. */
export interface RemovedFurniture {
  kind: 'related-list' | 'share-bar' | 'comments' | 'editor-line' | 'copyright' | 'slogan' | 'byline-line';
  text: string;
}

/** Headings of recommendation and navigation blocks that portals put in or after article bodies. */
const LIST_MARKERS = new RegExp(`^${anyOf(RELATED_LIST_HEADINGS)}`);
const SHARE = new RegExp(`^(?:${anyOf(SHARE_MARKERS)}|打开.{0,6}APP)`);
const COMMENTS = new RegExp(`^(?:${anyOf(COMMENT_MARKERS)}|已有\\d+条评论)`);
const EDITOR_LINE = new RegExp(
  `^[（(【\\[]?\\s*${anyOf([...EDITOR_ROLES, ...OTHER_CREDIT_ROLES])}\\s*[:：]\\s*[\\p{Script=Han}·\\s、]{2,20}[）)】\\]]?$`,
  'u',
);
const COPYRIGHT = /(版权所有|copyright|©|未经(本网)?授权.{0,10}(转载|使用)|转载请注明|本文系.{0,10}原创)/i;
/** A line that is nothing but roles and names: （记者 张伟 通讯员 李娜）, □通讯员 武建堂, 文/王晓东. Not 记者从…获悉. */
const BYLINE_LINE = new RegExp(
  `^[（(【\\[□■\\s]*(?:${roleSource(WRITER_ROLES)}\\s*[/／:：]?\\s*[\\p{Script=Han}·]{2,4}(?:[\\s、，,]+[\\p{Script=Han}·]{2,4})*\\s*)+[）)】\\]]?$`,
  'u',
);
const SLOGAN = /(新鲜有料|期待在此相遇|欢迎关注|感谢阅读|更多精彩.{0,6}(请|敬请)|下载.{0,8}客户端)/;

/** Blocks no longer than this may be furniture lines; a long paragraph that mentions 版权 is text. */
const LINE_MAX = 80;

/**
 * Removes page furniture from article HTML — recommendation lists with their headings, share
 * bars, comment boxes, byline, editor, copyright and slogan lines — and returns the clean HTML
 * with a record of each removal, so that nothing disappears silently (and bylines can be read).
 */
export function stripFurniture(html: string): { html: string; removed: RemovedFurniture[] } {
  assertParsableDepth(html, 'normalize');
  const document = parseDocument(html, { decodeEntities: false });
  assertShallowTree(document.children, 'normalize');
  const removed: RemovedFurniture[] = [];
  const doomed = new Set<AnyNode>();
  for (const block of blocksOf(document.children)) {
    if (isDoomed(block, doomed)) continue; // removed with an ancestor, or with a list heading before it
    const text = textContent(block).replace(/\s+/g, ' ').trim();
    // A long block is furniture only when it is mostly links: 评论员文章 of 800 characters is text.
    const kind = text === '' || (text.length > LINE_MAX && !isLinkList(block)) ? undefined : classify(text);
    if (!kind) continue;
    removed.push({ kind, text: text.slice(0, 200) });
    if (kind === 'related-list') removeFollowingLinkLists(block, removed, doomed);
    doomed.add(block);
  }
  detachAll(doomed);
  return { html: render(document.children, { decodeEntities: false }), removed };
}

function classify(text: string): RemovedFurniture['kind'] | undefined {
  if (LIST_MARKERS.test(text)) return 'related-list';
  if (SHARE.test(text)) return 'share-bar';
  if (COMMENTS.test(text)) return 'comments';
  if (EDITOR_LINE.test(text)) return 'editor-line';
  if (text.length <= 40 && BYLINE_LINE.test(text)) return 'byline-line';
  if (COPYRIGHT.test(text)) return 'copyright';
  if (SLOGAN.test(text)) return 'slogan';
  return undefined;
}

const BLOCK = BLOCK_ELEMENTS;
/** Lists and tables are judged whole: a list of links is furniture as a unit. */
const UNIT = new Set(['ul', 'ol', 'dl', 'table']);

/** Leaf-most blocks in document order: block elements with no block inside, lists and tables whole. */
function blocksOf(nodes: AnyNode[]): Element[] {
  const blocks: Element[] = [];
  for (const node of nodes) {
    if (!isTag(node)) continue;
    // Blocks without text (a comment box's <form>, an empty <p>) do not make their parent a container.
    const inner = UNIT.has(node.name) ? [] : blocksOf(node.children).filter((block) => textContent(block).trim() !== '');
    if (inner.length > 0) blocks.push(...inner);
    else if (BLOCK.has(node.name)) blocks.push(node);
  }
  return blocks;
}

/** After a list heading, the link lists that follow it are the list itself. */
function removeFollowingLinkLists(heading: Element, removed: RemovedFurniture[], doomed: Set<AnyNode>): void {
  for (let next = heading.nextSibling; next; next = next.nextSibling) {
    if (!isTag(next)) continue;
    if (!isLinkList(next)) break;
    removed.push({ kind: 'related-list', text: textContent(next).replace(/\s+/g, ' ').trim().slice(0, 200) });
    doomed.add(next);
  }
}

function isLinkList(element: Element): boolean {
  const text = textContent(element).replace(/\s+/g, '');
  if (text === '') return false;
  const links = collectLinks(element);
  return links.length > 0 && links.join('').replace(/\s+/g, '').length / text.length > 0.6;
}

function collectLinks(node: AnyNode): string[] {
  if (!isTag(node)) return [];
  if (node.name === 'a') return [textContent(node)];
  return node.children.flatMap(collectLinks);
}

function isDoomed(node: AnyNode, doomed: ReadonlySet<AnyNode>): boolean {
  for (let at: AnyNode | null = node; at; at = at.parent) if (doomed.has(at)) return true;
  return false;
}

/** Takes the nodes out of the tree, each parent's children filtered once: removing one by one costs the square of a long list. */
function detachAll(nodes: ReadonlySet<AnyNode>): void {
  const parents = new Set([...nodes].map((node) => node.parent).filter((parent) => parent !== null));
  for (const parent of parents) {
    parent.children = parent.children.filter((child) => !nodes.has(child));
    parent.children.forEach((child, index, children) => {
      child.prev = children[index - 1] ?? null;
      child.next = children[index + 1] ?? null;
    });
  }
  for (const node of nodes) node.parent = null;
}
