import * as cheerio from 'cheerio';
import { isTag, type Element } from 'domhandler';
import { discoverArticleLinks } from '../pages/discover-links.js';
import { resolveUrl } from '../resolve-url.js';

/** A `list` source proposed for a channel page: the selector of its article links (if one picks them), and the links. */
export interface ListProposal {
  /** A CSS selector that picks the page's article links and little else; undefined when none does (the default then finds them). */
  linkSelector: string | undefined;
  links: string[];
  /** The page's title, for the source's name. */
  title: string | undefined;
}

/** Fewer article links than this, and a page is not a channel list. */
export const MIN_LIST_LINKS = 5;
/** A selector must pick at least this share of the links found, and they must be at least this share of what it picks. */
const MIN_AGREEMENT = 0.8;
/** How many containers up a selector may name. */
const MAX_DEPTH = 3;

/**
 * Proposes a `list` source for a portal's channel page: the article links the list reader
 * finds by default (the page's main list of headline links; see discoverArticleLinks) and a CSS
 * selector for them (`ul.news-list a`, `#list a`, or with its parent's name in front), checked
 * to pick the same links. Undefined when the page lists fewer than MIN_LIST_LINKS articles.
 */
export function proposeListSource(html: string, pageUrl: string): ListProposal | undefined {
  const links = discoverArticleLinks(html, pageUrl);
  if (links.length < MIN_LIST_LINKS) return undefined;
  const $ = cheerio.load(html.toWellFormed());
  const wanted = new Set(links);
  const anchors = $('a[href]')
    .toArray()
    .filter((anchor) => wanted.has(resolveUrl(anchor.attribs.href, pageUrl) ?? ''));
  const containers = anchors.map((anchor) => $(anchor).closest('ul, ol, table, dl').get(0) ?? anchor.parent);
  const container = mostCommon(containers.filter((node) => node !== null && isTag(node)));
  const title = $('title').first().text().trim() || undefined;
  const agrees = (selector: string) => agreement(discoverArticleLinks(html, pageUrl, selector), wanted);
  const linkSelector = container ? selectorsFor(container).find(agrees) : undefined;
  return { linkSelector, links, title };
}

/** Candidate selectors for the links in `container`, the shortest first: by its id, its classes, then with its ancestors'. */
function selectorsFor(container: Element): string[] {
  const candidates: string[] = [];
  let node: Element | undefined = container;
  let path = '';
  for (let depth = 0; node && depth < MAX_DEPTH; depth++) {
    const name = nameOf(node);
    if (name.id) {
      candidates.push(`${name.id} ${path}a`);
      break;
    }
    if (name.classes) candidates.push(`${name.classes} ${path}a`);
    path = `${name.classes ?? node.tagName} ${path}`;
    node = node.parent && isTag(node.parent) ? node.parent : undefined;
  }
  return candidates.map((selector) => selector.replace(/\s+/g, ' ').trim());
}

/** An element as a selector names it: `#id`, `ul.news-list` (only names CSS takes as they are). */
function nameOf(element: Element): { id?: string; classes?: string } {
  const ident = /^[A-Za-z_][\w-]*$/;
  const id = element.attribs.id;
  if (id && ident.test(id)) return { id: `#${id}` };
  const classes = (element.attribs.class ?? '').split(/\s+/).filter((name) => ident.test(name));
  return classes.length > 0 ? { classes: `${element.tagName}.${classes.join('.')}` } : {};
}

/** Whether the links a selector picks are (nearly) those wanted: most of them, and little else. */
function agreement(picked: readonly string[], wanted: ReadonlySet<string>): boolean {
  const shared = picked.filter((url) => wanted.has(url)).length;
  return shared >= MIN_AGREEMENT * wanted.size && shared >= MIN_AGREEMENT * picked.length;
}

function mostCommon<T>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: T | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) [best, bestCount] = [value, count];
  }
  return best;
}
