import { hasChildren, isComment, type AnyNode } from 'domhandler';
import { squash } from './squash.js';

/** What a Founder (方正) newspaper CMS page says of its article in its `<!--enpproperty …-->` comment. */
export interface EnpProperty {
  /** `<date>`, as found (2024-08-22, 2021-03-05 08:38:13.0). */
  published?: string | undefined;
  /** `<author>` as written (张文静、李明; 本报记者 张三 通讯员 李四): split and screened as other structured authors are. */
  author?: string | undefined;
}

const MARKER = /^\s*enpproperty\b/;

/**
 * Reads the `<!--enpproperty <date>…</date><author>…</author>…-->` comment that pages of the
 * Founder newspaper CMS (many 数字报 and the people.cn family) carry in their head or body.
 */
export function readEnpProperty(root: AnyNode): EnpProperty {
  const data = findComment(root);
  if (data === undefined) return {};
  const field = (name: string) => squash(new RegExp(`<${name}>([^<]*)</${name}>`).exec(data)?.[1] ?? '') || undefined;
  return {
    published: field('date')?.replace(/\.0$/, ''),
    author: field('author'),
  };
}

function findComment(node: AnyNode): string | undefined {
  if (isComment(node)) return MARKER.test(node.data) ? node.data : undefined;
  if (!hasChildren(node)) return undefined;
  for (const child of node.children) {
    const found = findComment(child);
    if (found !== undefined) return found;
  }
  return undefined;
}
