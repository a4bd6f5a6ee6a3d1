import sax from 'sax';
import { dropEmpty } from '../../domain/drop-empty.js';

/** The namespace of Syndicator's own outline attributes (`syn:kind`, `syn:interval`…), which other readers ignore. */
export const SYNDICATOR_OPML_NS = 'urn:syndicator:opml';

/** One outline of an OPML file that holds no others: a subscription, or a link. */
export interface OpmlOutline {
  /** Its attributes without a namespace, by name: `text`, `title`, `type`, `xmlUrl`, `htmlUrl`, `url`, `category`… */
  attributes: Record<string, string>;
  /** Its attributes in Syndicator's namespace, by local name: `id`, `kind`, `interval`, `channels`… */
  syndicator: Record<string, string>;
  /** The text (else title) of each outline it sits in, outermost first: the folders of a feed reader's export. */
  folders: string[];
  /** Its line in the file, for messages. */
  line: number;
}

export interface OpmlDocument {
  title: string | undefined;
  outlines: OpmlOutline[];
}

/** Deeper than this, an OPML file is an attack or an accident. */
const MAX_DEPTH = 64;

interface OpenOutline {
  outline: OpmlOutline;
  hasChildren: boolean;
}

/**
 * Reads an OPML file (1.0 or 2.0, as feed readers export them) with a strict, namespace-aware XML
 * parser (sax) and returns its title and its leaf outlines, each with the folders it sits in.
 * Throws an `opml:` error naming the line where the XML is not well-formed, or saying what the
 * document is when it is not OPML. No entity is fetched or expanded beyond XML's own five.
 */
export function readOpml(xml: string): OpmlDocument {
  const parser = sax.parser(true, { xmlns: true, position: true });
  const stack: (OpenOutline | undefined)[] = [];
  const outlines: OpmlOutline[] = [];
  let root: string | undefined;
  let title: string | undefined;
  let inTitle = false;
  parser.onopentag = (node) => {
    const tag = node as sax.QualifiedTag;
    if (stack.length >= MAX_DEPTH) throw new Error(`opml: outlines nested more than ${MAX_DEPTH} deep; refused`);
    root ??= tag.local;
    if (root !== 'opml') throw new Error(`opml: the document is a <${root}>, not an OPML file`);
    inTitle = tag.local === 'title' && stack.length === 2;
    if (tag.local !== 'outline') {
      stack.push(undefined);
      return;
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.hasChildren = true;
    const outline = outlineOf(tag, parser.line + 1, parent);
    stack.push({ outline, hasChildren: false });
  };
  parser.ontext = (text) => {
    if (inTitle) title = (title ?? '') + text;
  };
  parser.onclosetag = () => {
    inTitle = false;
    const open = stack.pop();
    if (open && !open.hasChildren) outlines.push(open.outline);
  };
  parser.onerror = (error) => {
    throw new Error(`opml: the XML is not well-formed: ${error.message.split('\n')[0]} (line ${parser.line + 1})`);
  };
  // A byte order mark is not markup: sax would call it text before the root.
  parser.write(xml.replace(/^\uFEFF/, '')).close();
  if (root === undefined) throw new Error('opml: the document is empty');
  return { title: dropEmpty(title?.trim()), outlines };
}

function outlineOf(tag: sax.QualifiedTag, line: number, parent: OpenOutline | undefined): OpmlOutline {
  const attributes: Record<string, string> = {};
  const syndicator: Record<string, string> = {};
  for (const attribute of Object.values(tag.attributes)) {
    if (attribute.uri === SYNDICATOR_OPML_NS) syndicator[attribute.local] = attribute.value;
    else if (attribute.uri === '') attributes[attribute.local] = attribute.value;
  }
  const folders = parent ? [...parent.outline.folders, folderName(parent.outline)] : [];
  return { attributes, syndicator, folders, line };
}

function folderName(outline: OpmlOutline): string {
  return (outline.attributes.text ?? outline.attributes.title ?? '').trim();
}
