import type { Element } from 'domhandler';
import { isElement, textOf } from './dom-text.js';
import { squash } from './squash.js';

/** Meta names under which a site names itself. */
const SITE_METAS = ['og:site_name', 'application-name', 'sitename'] as const;
/**
 * Names that end like an institution (泰安市教育局, 人民网, 融媒体中心): the author meta of portals
 * and government sites holds the site or the department, not a writer.
 */
const INSTITUTION = /(?:报|网|社|台|局|委|办|厅|院|处|所|部|中心|政府|集团|公司|频道|新闻|客户端)$/;
const MAX_NAME = 20;

/**
 * Returns the writers a page names in structured data, best first: JSON-LD authors (persons
 * and plain names) and a Founder enpproperty author (`linkedAuthors`), schema.org microdata authors, article:author, then the author meta; never
 * a URL or a name the site gives itself (og:site_name, part of the site part of the document title),
 * and from the author meta never an institution.
 */
export function readStructuredAuthors(
  itemprops: readonly Element[],
  metas: ReadonlyMap<string, string>,
  linkedAuthors: readonly string[],
  documentTitle: string,
): string[] {
  const siteNames = [...SITE_METAS.map((name) => metas.get(name) ?? ''), ...titleSuffixes(documentTitle)].filter(Boolean);
  // 网易 is the site of a title ending 网易订阅, as 泰安网 is of one ending 泰安网.
  const isSite = (name: string) => siteNames.some((site) => site.includes(name));
  // OpenGraph's article:author (WeChat writes og:article:author) and the plain author meta credit a writer.
  const fromMeta = (name: string) => splitNames(metas.get(name) ?? '');
  const candidates = [
    ...linkedAuthors.flatMap(splitNames),
    ...microdataAuthors(itemprops),
    ...fromMeta('article:author'),
    ...fromMeta('og:article:author'),
    ...fromMeta('author').filter((name) => !INSTITUTION.test(name)),
    // 搜狐号 pages name the account in a mediaid meta.
    ...fromMeta('mediaid'),
  ];
  const names = candidates.filter((name) => name.length <= MAX_NAME && !isSite(name) && !/^(?:https?:|\/\/|www\.)|@/.test(name));
  return [...new Set(names)];
}

/** The parts of a document title besides its longest (the headline): `标题_频道_泰安网` gives 频道, 泰安网. */
function titleSuffixes(title: string): string[] {
  const parts = title
    .split(/\s*(?:[_|｜]|-{1,2}|\s—\s)\s*/)
    .map(squash)
    .filter(Boolean);
  const longest = parts.reduce((best, part) => (part.length > best.length ? part : best), '');
  return parts.filter((part) => part !== longest);
}

/** The names of schema.org microdata authors (among the page's itemprop elements): an itemprop=name inside, else the author's text. */
function microdataAuthors(itemprops: readonly Element[]): string[] {
  return itemprops
    .filter((element) => element.attribs.itemprop === 'author')
    .map((element) => {
      const named = findItemprop(element, 'name');
      const shown = (node: Element) => squash(node.attribs.content ?? textOf(node));
      const byName = named ? shown(named) : '';
      return byName || shown(element);
    })
    .filter(Boolean);
}

function findItemprop(element: Element, name: string): Element | undefined {
  for (const child of element.children) {
    if (!isElement(child)) continue;
    if (child.attribs.itemprop === name) return child;
    const found = findItemprop(child, name);
    if (found) return found;
  }
  return undefined;
}

/** A value naming several writers (`韩雪,梁晨`, `韩雪、梁晨`) as its names. */
function splitNames(value: string): string[] {
  return value
    .split(/[,，、;；]+/)
    .map(squash)
    .filter(Boolean);
}
