import type { Author } from './article.js';

/**
 * A writer as a source gives it: a byline in the source's own words (a name, or a line such as
 * `记者 张三 通讯员 李四` that normalize reads), or a writer already known with their role (the push API).
 */
export type RawAuthor = string | Author;

/**
 * A RawItem is what the fetch stage hands to `process`: one item as a source gave it, with
 * every field still in the source's own words (times as found, HTML as found). Feeds, pages,
 * the push API and file import all map to this one shape, so everything after fetch is
 * indifferent to where an item came from.
 */
export interface RawItem {
  /** The source's own id for the item (RSS guid, Atom id, JSON Feed id), when it has one. */
  guid?: string | undefined;
  /** Absolute URL of the item's page. */
  url?: string | undefined;
  title?: string | undefined;
  /** Body as HTML, not yet sanitized. */
  html?: string | undefined;
  /** The base URL of relative links in `html` when it is not the item's URL (an Atom xml:base). */
  contentBase?: string | undefined;
  /** Body as plain text, when the source gave text only. */
  text?: string | undefined;
  /** The source's own summary or teaser. */
  summary?: string | undefined;
  authors: RawAuthor[];
  /** 编辑 / 责任编辑, when the source names them apart from its bylines. */
  editors?: string[] | undefined;
  /** 来源: the outlet that first ran the article, as the page names it. */
  originalSource?: string | undefined;
  /** Publication time as found (ISO 8601, RFC 822 or a Chinese form such as `2017年7月5日 10:39`). */
  published?: string | undefined;
  updated?: string | undefined;
  categories: string[];
  images: string[];
  /** Words on the page that say where it belongs (breadcrumb trail, section name). */
  placeHints: string[];
}

/** Returns a RawItem with every list empty, to be filled in by a parser. */
export function emptyRawItem(): RawItem {
  return { authors: [], categories: [], images: [], placeHints: [] };
}
