import sax from 'sax';
import { dropEmpty } from '../../../domain/drop-empty.js';
import { readTextConstruct, type TextConstruct } from './text-construct.js';
import { FEED_NAMESPACES, NS, NamespaceScope, type XmlFeedFormat } from './xml-namespaces.js';

export type { XmlFeedFormat } from './xml-namespaces.js';

/** What one entry of a feed says in the places rss-parser misreads. */
export interface EntryOutline {
  /** The title as plain text, whatever its Atom type (text, html, xhtml, base64). */
  title?: string | undefined;
  /** The entry's link as written (Atom rel="alternate" or no rel; RSS `<link>`), and the xml:base in force there. */
  link?: { href: string; base: string | undefined } | undefined;
  /** An RSS guid that is the item's permalink (isPermaLink not "false"), for items without a link. */
  permalink?: string | undefined;
  /** Content as HTML, when rss-parser cannot give it: inline XHTML, base64, content:encoded under any prefix. */
  content?: string | undefined;
  summary?: string | undefined;
  /** The base URL of the entry's content, when an xml:base sets one. */
  contentBase?: string | undefined;
  /** Every author: Atom authors (else the source's, else the feed's: RFC 4287 §4.2.1), RSS author, dc:creator. */
  authors: string[];
  /** Atom category terms, RSS categories, dc:subject. */
  categories: string[];
}

/** The document's format, each entry in the order rss-parser returns them, and the prefix its elements carry. */
export interface FeedOutline {
  format: XmlFeedFormat;
  entries: EntryOutline[];
  /** The prefix bound to the format's namespace when its elements are written with one (`<atom:feed>`). */
  feedPrefix?: string | undefined;
}

/** Deeper than this, a document is an attack or an accident; xml2js would overflow the stack on it. */
const MAX_DEPTH = 256;

type Role =
  | 'entry'
  | 'title'
  | 'link'
  | 'content'
  | 'summary'
  | 'author'
  | 'name'
  | 'creator'
  | 'category'
  | 'guid'
  | 'encoded'
  | 'source'
  | 'channel'
  | 'multipart'
  | 'other';

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
    const role = this.roleOf(element, attributes, parent);
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

  /** What an element is, by its namespace, its name and where it stands. */
  private roleOf(element: { ns: string; local: string }, attributes: Record<string, string>, parent: Frame | undefined): Role {
    const depth = this.stack.length;
    const inFeed = this.format !== undefined && FEED_NAMESPACES[this.format].has(element.ns);
    if (inFeed && element.local === 'channel' && depth === 1) return 'channel';
    if (inFeed && this.isEntryPosition(element.local, depth)) return 'entry';
    if (parent?.role === 'author' && inFeed && element.local === 'name') return 'name';
    if (this.format === 'atom' && depth === 1 && inFeed && element.local === 'author') return 'author';
    if (!this.entry) return 'other';
    if (parent?.role === 'source' && inFeed && element.local === 'author') return 'author';
    // Atom 0.3 multipart/alternative content holds its alternatives as content elements.
    if (parent?.role === 'multipart' && inFeed && element.local === 'content') return 'content';
    if (depth !== this.entry.depth + 1) return 'other';
    if (element.ns === NS.dc) return element.local === 'creator' ? 'creator' : element.local === 'subject' ? 'category' : 'other';
    if (element.ns === NS.content && element.local === 'encoded') return 'encoded';
    if (!inFeed) return 'other';
    if (element.local === 'content' && /^multipart\//i.test(attributes.type ?? '')) return 'multipart';
    return ENTRY_CHILD_ROLES[element.local] ?? 'other';
  }

  /** Entries as rss-parser finds them: Atom `feed/entry`, RSS `rss/channel/item` (first channel), RSS 1.0 `RDF/item`. */
  private isEntryPosition(local: string, depth: number): boolean {
    if (this.format === 'atom') return depth === 1 && local === 'entry';
    if (this.format === 'rdf') return depth === 1 && local === 'item';
    // rss-parser reads the items of the first channel only.
    return this.format === 'rss' && depth === 2 && this.stack[1]?.role === 'channel' && this.channels === 1 && local === 'item';
  }

  private finish(frame: Frame, text: string, parent: Frame | undefined, closeStart: number): void {
    const entry = this.entry?.outline;
    if (frame.role === 'name') {
      this.addAuthorName(text, parent);
      return;
    }
    if (!entry) return;
    const construct: TextConstruct = { attributes: frame.attributes, text, markup: () => this.xml.slice(frame.innerStart, closeStart) };
    switch (frame.role) {
      case 'title':
        entry.title ??= readTextConstruct(construct, this.format === 'atom' ? 'text' : 'text-or-html').text;
        return;
      case 'link':
        this.readLink(entry, frame, text);
        return;
      case 'guid':
        if (this.format === 'rss' && frame.attributes.isPermaLink?.trim().toLowerCase() !== 'false' && isHttpUrl(text.trim()))
          entry.permalink ??= text.trim();
        return;
      case 'content':
      case 'encoded':
      case 'summary': {
        const value =
          frame.role === 'encoded' ? { html: text, kind: 'html' } : readTextConstruct(construct, this.format === 'atom' ? 'text' : 'html');
        if (frame.role === 'summary') entry.summary ??= value.html;
        else if (parent?.role === 'multipart' && value.kind === 'html')
          entry.content = value.html; // the HTML alternative wins
        else entry.content ??= value.html;
        if (frame.role === 'content' && frame.base) entry.contentBase = frame.base;
        return;
      }
      case 'creator':
      case 'author':
        if (text.trim() && (frame.role === 'creator' || this.format !== 'atom')) entry.authors.push(text.trim());
        return;
      case 'category':
        addCategory(entry, frame.attributes.term ?? text);
        return;
      default:
        return;
    }
  }

  private readLink(entry: EntryOutline, frame: Frame, text: string): void {
    const href = frame.attributes.href?.trim();
    if (href === undefined) {
      // RSS writes the link as text; an Atom link is its href alone (RFC 4287 §4.2.7).
      if (this.format !== 'atom' && text.trim() && entry.link === undefined) entry.link = { href: text.trim(), base: frame.base };
      return;
    }
    const rel = dropEmpty(frame.attributes.rel?.trim()) ?? 'alternate';
    if (href && rel === 'alternate' && entry.link === undefined) entry.link = { href, base: frame.base };
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

/** Roles whose own text is not read: they only hold the elements that are. */
const CONTAINER_ROLES = new Set<Role>(['entry', 'source', 'channel', 'multipart', 'other']);

const ENTRY_CHILD_ROLES: Partial<Record<string, Role>> = {
  title: 'title',
  link: 'link',
  content: 'content',
  summary: 'summary',
  description: 'summary',
  author: 'author',
  category: 'category',
  guid: 'guid',
  source: 'source',
};

function addCategory(entry: EntryOutline, value: string): void {
  const category = value.trim();
  if (category && !entry.categories.includes(category)) entry.categories.push(category);
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

/** Whether a text is a whole http(s) URL (`http:///` is not: it names no host). */
function isHttpUrl(text: string): boolean {
  return /^https?:\/\//i.test(text) && URL.canParse(text);
}
