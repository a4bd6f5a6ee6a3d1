import { hasChildren, type AnyNode } from 'domhandler';

/**
 * How deeply HTML may nest before it is refused. Browsers build no deeper (Chromium's tree
 * builder stops at 512), real pages stay far below, and the recursive walks of the DOM
 * libraries (serializing, text content) overflow the stack some thousands of levels down.
 */
export const MAX_HTML_DEPTH = 512;

/**
 * How deep the raw markup may seem to nest before it is not even parsed. HTML parsers take
 * time growing with the square of the depth (75,000 unclosed `<div>`s, 400 KB, keep parse5
 * busy for 40 s); the estimate errs high on sloppy pages, hence the margin over MAX_HTML_DEPTH.
 */
const MAX_ESTIMATED_DEPTH = 4 * MAX_HTML_DEPTH;

/** Elements that never hold others, or whose end tag may be left out (an unclosed `<p>` does not nest). */
const NOT_NESTING = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
  'param',
  'keygen',
  'p',
  'li',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'option',
  'optgroup',
  'rb',
  'rt',
  'rp',
  'tbody',
  'thead',
  'tfoot',
  'colgroup',
  'caption',
  'html',
  'head',
  'body',
]);
/** Elements whose content is text, not markup: skipped whole by the estimate. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp']);
const TAG = /<(\/?)([a-z][\w:-]{0,40})[^<>]{0,4000}?(\/?)>|<!--/g;

/**
 * Throws an error starting with `stage` when markup nests too deep to be parsed safely: before
 * parsing, by a linear estimate over the tags; after, by the parsed tree (`nestingDepth`).
 */
export function assertParsableDepth(html: string, stage: string): void {
  const depth = estimateNestingDepth(html);
  if (depth > MAX_ESTIMATED_DEPTH) throw new Error(`${stage}: the markup nests elements about ${depth} deep, more than ${MAX_HTML_DEPTH}`);
}

/** Throws an error starting with `stage` when a parsed tree nests deeper than MAX_HTML_DEPTH. */
export function assertShallowTree(nodes: readonly AnyNode[], stage: string): void {
  if (nestingDepth(nodes) > MAX_HTML_DEPTH) throw new Error(`${stage}: the markup nests elements more than ${MAX_HTML_DEPTH} deep`);
}

/**
 * Estimates, in one pass, how deep the elements of raw HTML nest: each start tag of an element
 * that nests opens a level, its end tag closes one; comments and raw-text elements are skipped.
 */
export function estimateNestingDepth(markup: string): number {
  const html = markup.toLowerCase();
  const open = new Map<string, number>();
  let depth = 0;
  let deepest = 0;
  const tags = new RegExp(TAG.source, 'g');
  for (let match = tags.exec(html); match; match = tags.exec(html)) {
    if (match[0] === '<!--') {
      const end = html.indexOf('-->', match.index + 4);
      if (end < 0) break;
      tags.lastIndex = end + 3;
      continue;
    }
    const [, closing, rawName = '', selfClosing] = match;
    const name = rawName;
    if (!closing && RAW_TEXT.has(name)) {
      const end = html.indexOf(`</${name}`, tags.lastIndex);
      if (end < 0) break;
      tags.lastIndex = end;
      continue;
    }
    if (NOT_NESTING.has(name) || selfClosing) continue;
    const count = open.get(name) ?? 0;
    if (closing) {
      if (count > 0) {
        open.set(name, count - 1);
        depth--;
      }
    } else {
      open.set(name, count + 1);
      depth++;
      if (depth > deepest) deepest = depth;
    }
  }
  return deepest;
}

/** Returns how deeply nodes nest under the given ones, walking iteratively so that any depth can be measured. */
export function nestingDepth(nodes: readonly AnyNode[]): number {
  let deepest = 0;
  const stack: [AnyNode, number][] = nodes.map((node) => [node, 1]);
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [node, depth] = entry;
    if (depth > deepest) deepest = depth;
    if (hasChildren(node)) for (const child of node.children) stack.push([child, depth + 1]);
  }
  return deepest;
}
