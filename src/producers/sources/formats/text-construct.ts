import { decodeHTML } from 'entities';

/** An element that carries text or markup: its attributes, its text, and its inner markup as written. */
export interface TextConstruct {
  attributes: Readonly<Record<string, string>>;
  /** The concatenated text of the element and its descendants, entities decoded. */
  text: string;
  /** The markup between its start and end tags, as in the document. */
  markup: () => string;
}

/**
 * What a construct that declares no type holds: text (Atom's default, RFC 4287 §3.1.1), HTML
 * (RSS descriptions), or HTML only when it looks like HTML (RSS titles, which often are).
 */
export type ReadAs = 'text' | 'html' | 'text-or-html';

/** What a construct holds: its plain text, its HTML (undefined for out-of-line content), and what it was written as. */
export interface ConstructValue {
  text: string;
  html: string | undefined;
  kind: 'text' | 'html';
}

/**
 * Reads an Atom text construct (RFC 4287 §3.1: type text, html or xhtml; Atom 0.3 mode
 * escaped, base64 or xml) or an RSS element, as text and as HTML.
 */
export function readTextConstruct(construct: TextConstruct, readAs: ReadAs): ConstructValue {
  if (construct.attributes.src !== undefined) return { text: '', html: undefined, kind: 'text' }; // out-of-line content (§4.1.3.2)
  const kind = kindOf(construct.attributes, readAs);
  if (kind === 'xhtml') return { text: collapse(construct.text), html: innerXhtml(construct.markup()), kind: 'html' };
  if (kind === 'base64') {
    const decoded = decodeBase64(construct.text);
    return looksLikeHtml(decoded) ? fromHtml(decoded) : fromText(decoded);
  }
  if (kind === 'html' || (readAs === 'text-or-html' && looksLikeHtml(construct.text))) return fromHtml(construct.text);
  return fromText(construct.text);
}

function kindOf(attributes: Readonly<Record<string, string>>, readAs: ReadAs): 'text' | 'html' | 'xhtml' | 'base64' {
  const mode = attributes.mode?.trim().toLowerCase();
  if (mode === 'base64') return 'base64';
  if (mode === 'xml') return 'xhtml';
  if (mode === 'escaped') return 'html';
  const type = attributes.type?.trim().toLowerCase();
  if (type === undefined) return readAs === 'html' ? 'html' : 'text';
  if (type === 'xhtml' || type === 'application/xhtml+xml') return 'xhtml';
  if (type === 'html' || type === 'text/html') return 'html';
  if (type === 'text' || type.startsWith('text/')) return 'text';
  return /[+/]xml$/.test(type) ? 'xhtml' : 'base64'; // §4.1.3.3: other media types are base64
}

/** Tags that break a line of text: replaced by a space when markup becomes text; other tags by nothing. */
const BLOCK_TAG = /<\/?(?:br|p|div|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|section|article|hr)\b[^>]*>/gi;

function fromHtml(html: string): ConstructValue {
  return { text: collapse(decodeHTML(html.replace(BLOCK_TAG, ' ').replace(/<[^>]*>/g, ''))), html, kind: 'html' };
}

function fromText(text: string): ConstructValue {
  return { text: collapse(text), html: text.trim() ? escapeHtml(text) : undefined, kind: 'text' };
}

/** Whether text holds markup or entity references, as HTML does: `<b>`, `</p>`, `&amp;`, `&#8220;`. */
function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(text);
}

/** XHTML content is wrapped in one div (RFC 4287 §4.1.3.3) that is not part of it. */
function innerXhtml(markup: string): string {
  const wrapped = /^\s*<(?:[\w-]+:)?div\b[^>]*>([\s\S]*)<\/(?:[\w-]+:)?div>\s*$/.exec(markup);
  const inner = wrapped?.[1];
  const balanced = inner !== undefined && count(inner, /<(?:[\w-]+:)?div[\s>]/g) === count(inner, /<\/(?:[\w-]+:)?div>/g);
  return (balanced ? inner : markup).trim();
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

function decodeBase64(text: string): string {
  return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
