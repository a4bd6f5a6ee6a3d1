import type { Element } from 'domhandler';
import { textOf } from './dom-text.js';
import { parseLooseJson } from './parse-loose-json.js';
import { squash } from './squash.js';

/** What a page's JSON-LD says about its article. */
export interface LinkedData {
  headline?: string | undefined;
  /** datePublished (or pubDate, as Baidu's cambrian schema writes it), as found. */
  published?: string | undefined;
  modified?: string | undefined;
  /** Names of the people (and unnamed-type authors) credited as author, in order. */
  authors: string[];
}

/** schema.org types of an article; a page's WebPage or WebSite node is not one. */
const ARTICLE_TYPE = /Article$|^BlogPosting$|^ReportageNews$|^LiveBlogPosting$/;
/** Author types that are not a writer: the site or its publisher. */
const ORGANIZATION_TYPE = /Organization|Corporation|NewsMediaOrganization|WebSite/;
const MAX_DEPTH = 6;

type Node = Record<string, unknown>;

/**
 * Reads every ld+json block among the page's scripts (broken JSON repaired, see parse-loose-json.ts) and returns the
 * fields of the first article node, looked for in top-level arrays and @graph lists; a block
 * without a typed article (Baidu's cambrian schema) still gives its date.
 */
export function readJsonLd(scripts: readonly Element[]): LinkedData {
  const nodes = scripts
    .filter((script) => script.attribs.type?.toLowerCase().includes('ld+json'))
    .flatMap((script) => nodesOf(parseLooseJson(textOf(script)), 0));
  const article = nodes.find((node) => typesOf(node).some((type) => ARTICLE_TYPE.test(type))) ?? nodes.find((node) => dated(node));
  if (!article) return { authors: [] };
  return {
    headline: text(article.headline) ?? text(article.name) ?? text(article.title),
    published: dated(article),
    modified: text(article.dateModified) ?? text(article.upDate),
    authors: authorNames(article.author),
  };
}

/** The objects of a block: the value itself, the members of an array, the members of @graph. */
function nodesOf(value: unknown, depth: number): Node[] {
  if (depth > MAX_DEPTH) return [];
  if (Array.isArray(value)) return value.flatMap((item) => nodesOf(item, depth + 1));
  if (!isNode(value)) return [];
  return [value, ...nodesOf(value['@graph'], depth + 1)];
}

function dated(node: Node): string | undefined {
  return text(node.datePublished) ?? text(node.pubDate) ?? text(node.dateCreated);
}

/** Author names from a string, a Person (or untyped) object, or a list of them; organizations left out. */
function authorNames(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [squash(value)] : [];
  if (Array.isArray(value)) return value.flatMap(authorNames);
  if (!isNode(value) || typesOf(value).some((type) => ORGANIZATION_TYPE.test(type))) return [];
  const name = text(value.name);
  return name ? [name] : [];
}

function typesOf(node: Node): string[] {
  const type = node['@type'];
  return (Array.isArray(type) ? type : [type]).filter((item): item is string => typeof item === 'string');
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? squash(value) : undefined;
}

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
