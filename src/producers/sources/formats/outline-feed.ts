import sax from 'sax';
import { readEntryField, type EntryOutline } from './entry-fields.js';
import { CONTAINER_ROLES, roleOf, type Role } from './outline-roles.js';
import { FEED_NAMESPACES, NS, NamespaceScope, type XmlFeedFormat } from './xml-namespaces.js';

export type { XmlFeedFormat } from './xml-namespaces.js';
export type { EntryOutline } from './entry-fields.js';

/** The document's format, each entry in the order rss-parser returns them, and the prefix its elements carry. */
export interface FeedOutline {
  format: XmlFeedFormat;
  entries: EntryOutline[];
  /** The prefix bound to the format's namespace when its elements are written with one (`<atom:feed>`). */
  feedPrefix?: string | undefined;
}

/** Deeper than this, a document is an attack or an accident; xml2js would overflow the stack on it. */
const MAX_DEPTH = 256;

interface Frame {
  role: Role;
  /** The xml:base in force, when an element on the way here set one. */
  base: string | undefined;
  attributes: Record<string, string>;
  /** Text and markup collected for the element, when its role reads it. */
  text?: string[];
  innerStart?: number;
}

/**
 * Reads a feed with a strict XML parser (sax, the one xml2js runs on), namespace-aware, and
 * returns its format and, per entry, what rss-parser gets wrong: Atom text constructs, links
 * under xml:base, XHTML and base64 content, authors and categories under any prefix. Throws a
 * `feed:` error naming the line and column where the XML is not well-formed, or saying what the
 * document is when it is not a feed.
 */
export function outlineFeed(xml: string, feedUrl: string): FeedOutline {
  const reader = new OutlineReader(xml, feedUrl);
  const parser = sax.parser(true, { position: true, trim: false });
  parser.onopentag = (node) => reader.open(node.name, node.attributes as Record<string, string>, parser.position);
  parser.ontext = parser.oncdata = (text) => reader.text(text);
  parser.onclosetag = () => reader.close(parser.startTagPosition - 1);
  parser.onerror = (error) => {
    throw new Error(
      `feed: the XML is not well-formed: ${error.message.split('\n')[0]} (line ${parser.line + 1}, column ${parser.column + 1})`,
    );
  };
  parser.write(xml).close();
  return reader.result();
}

class OutlineReader {
  private readonly stack: Frame[] = [];
  private readonly scope = new NamespaceScope();
  private readonly entries: EntryOutline[] = [];
  private readonly feedAuthors: string[] = [];
  private root: string | undefined;
  private format: XmlFeedFormat | undefined;
  private feedPrefix: string | undefined;
  private channels = 0;
  private entry: { outline: EntryOutline; depth: number; sourceAuthors: string[] } | undefined;

  constructor(
    private readonly xml: string,
    private readonly feedUrl: string,
  ) {}

  open(name: string, attributes: Record<string, string>, position: number): void {
    if (this.stack.length >= MAX_DEPTH) throw new Error(`feed: elements nested more than ${MAX_DEPTH} deep; refused`);
    const element = this.scope.enter(name, attributes);
    const parent = this.stack[this.stack.length - 1];
    const base = xmlBase(attributes, parent?.base, this.feedUrl);
    if (!this.root) this.openRoot(name, element);
    const role = roleOf(element, attributes, {
      format: this.format,
      depth: this.stack.length,
      parentRole: parent?.role,
      entryDepth: this.entry?.depth,
      inFirstChannel: this.stack[1]?.role === 'channel' && this.channels === 1,
    });
    if (role === 'entry') {
      this.entry = { outline: { authors: [], categories: [], contentBase: base }, depth: this.stack.length, sourceAuthors: [] };
      this.entries.push(this.entry.outline);
    }
    if (role === 'channel') this.channels++;
    if (this.format && FEED_NAMESPACES[this.format].has(element.ns) && element.prefix) this.feedPrefix ??= element.prefix;
    const reads = !CONTAINER_ROLES.has(role);
    this.stack.push({ role, base, attributes, ...(reads ? { text: [], innerStart: position } : {}) });
  }

  text(text: string): void {
    for (const frame of this.stack) frame.text?.push(text);
  }

  close(closeStart: number): void {
    const frame = this.stack.pop();
    // sax, strict, reports an unmatched closing tag as an error rather than closing it.
    if (!frame) throw new Error('feed: a closing tag without an open element');
    this.scope.leave();
    if (frame.text) this.finish(frame, frame.text.join(''), this.stack[this.stack.length - 1], closeStart);
    if (this.stack.length === this.entry?.depth) {
      const { outline, sourceAuthors } = this.entry;
      // RFC 4287 §4.2.1: an entry without authors takes those of its source, else of its feed.
      if (outline.authors.length === 0 && this.format === 'atom')
        outline.authors.push(...(sourceAuthors.length ? sourceAuthors : this.feedAuthors));
      this.entry = undefined;
    }
  }

  result(): FeedOutline {
    if (!this.format) throw new Error(`feed: the XML document is ${this.root ? `a <${this.root}>` : 'empty'}, not an RSS or Atom feed`);
    if (this.format !== 'atom' && this.channels === 0) {
      throw new Error(`feed: the ${this.format === 'rss' ? 'RSS' : 'RSS 1.0'} document has no <channel>`);
    }
    return { format: this.format, entries: this.entries, feedPrefix: this.feedPrefix };
  }

  private openRoot(name: string, element: { ns: string; local: string }): void {
    this.root = name;
    if (element.local === 'rss' && element.ns === '') this.format = 'rss';
    else if (element.local === 'RDF' && element.ns === NS.rdf) this.format = 'rdf';
    else if (element.local === 'feed' && (element.ns === NS.atom10 || element.ns === NS.atom03)) this.format = 'atom';
  }

  private finish(frame: Frame, text: string, parent: Frame | undefined, closeStart: number): void {
    if (frame.role === 'name') {
      this.addAuthorName(text, parent);
      return;
    }
    if (!this.entry) return;
    const markup = () => this.xml.slice(frame.innerStart, closeStart);
    readEntryField(this.entry.outline, { ...frame, text, markup, parentRole: parent?.role }, this.format);
  }

  /** An Atom `<author><name>`: of the entry, of its source, or of the feed. */
  private addAuthorName(text: string, author: Frame | undefined): void {
    const name = text.trim();
    if (!name || !author) return;
    const inSource = this.stack[this.stack.length - 2]?.role === 'source';
    if (!this.entry) this.feedAuthors.push(name);
    else if (inSource) this.entry.sourceAuthors.push(name);
    else this.entry.outline.authors.push(name);
  }
}

/** The base URL in force on an element: its xml:base resolved against its parent's (XML Base §4.2). */
function xmlBase(attributes: Record<string, string>, parentBase: string | undefined, documentUrl: string): string | undefined {
  const value = attributes['xml:base'];
  if (value === undefined) return parentBase;
  try {
    return new URL(value.trim(), parentBase ?? documentUrl).href;
  } catch {
    return parentBase;
  }
}
