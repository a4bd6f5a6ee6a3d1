import { dropEmpty } from '../../../domain/drop-empty.js';
import type { Role } from './outline-roles.js';
import { readTextConstruct } from './text-construct.js';
import type { XmlFeedFormat } from './xml-namespaces.js';

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

/** One element of an entry that closed: its role, attributes, the xml:base in force, its text and its markup. */
export interface ClosedField {
  role: Role;
  attributes: Readonly<Record<string, string>>;
  base: string | undefined;
  text: string;
  /** The element's inner markup as written (for Atom XHTML content). */
  markup: () => string;
  parentRole: Role | undefined;
}

/** Notes what one closed element of an entry says in the entry's outline; the first title, link, summary win. */
export function readEntryField(entry: EntryOutline, field: ClosedField, format: XmlFeedFormat | undefined): void {
  const { role, attributes, text } = field;
  const construct = { attributes, text, markup: field.markup };
  switch (role) {
    case 'title':
      entry.title ??= readTextConstruct(construct, format === 'atom' ? 'text' : 'text-or-html').text;
      return;
    case 'link':
      readLink(entry, field, format);
      return;
    case 'guid':
      if (format === 'rss' && attributes.isPermaLink?.trim().toLowerCase() !== 'false' && isHttpUrl(text.trim()))
        entry.permalink ??= text.trim();
      return;
    case 'content':
    case 'encoded':
    case 'summary': {
      const value = role === 'encoded' ? { html: text, kind: 'html' } : readTextConstruct(construct, format === 'atom' ? 'text' : 'html');
      if (role === 'summary') entry.summary ??= value.html;
      else if (field.parentRole === 'multipart' && value.kind === 'html')
        entry.content = value.html; // the HTML alternative wins
      else entry.content ??= value.html;
      if (role === 'content' && field.base) entry.contentBase = field.base;
      return;
    }
    case 'creator':
    case 'author':
      if (text.trim() && (role === 'creator' || format !== 'atom')) entry.authors.push(text.trim());
      return;
    case 'category':
      addCategory(entry, attributes.term ?? text);
      return;
    default:
      return;
  }
}

function readLink(entry: EntryOutline, { attributes, base, text }: ClosedField, format: XmlFeedFormat | undefined): void {
  const href = attributes.href?.trim();
  if (href === undefined) {
    // RSS writes the link as text; an Atom link is its href alone (RFC 4287 §4.2.7).
    if (format !== 'atom' && text.trim() && entry.link === undefined) entry.link = { href: text.trim(), base };
    return;
  }
  const rel = dropEmpty(attributes.rel?.trim()) ?? 'alternate';
  if (href && rel === 'alternate' && entry.link === undefined) entry.link = { href, base };
}

function addCategory(entry: EntryOutline, value: string): void {
  const category = value.trim();
  if (category && !entry.categories.includes(category)) entry.categories.push(category);
}

/** Whether a text is a whole http(s) URL (`http:///` is not: it names no host). */
function isHttpUrl(text: string): boolean {
  return /^https?:\/\//i.test(text) && URL.canParse(text);
}
