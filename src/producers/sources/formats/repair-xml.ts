import { decodeHTML } from 'entities';

/**
 * Characters XML 1.0 forbids (§2.2); feeds in the wild contain them, and they break the parser:
 * the C0 controls other than tab, LF and CR, and U+FFFE and U+FFFF.
 */
const XML_FORBIDDEN = characterRanges([0x00, 0x08], [0x0b, 0x0c], [0x0e, 0x1f], [0xfffe, 0xffff]);
/** The five entities XML predefines (§4.6). */
const XML_ENTITIES = new Set(['lt', 'gt', 'amp', 'quot', 'apos']);
/** An `&` and what follows it: a character reference, an entity reference, or neither (a bare `&`). */
const AMPERSAND = /&(?:(#[0-9]+|#x[0-9a-fA-F]+)|([A-Za-z_][\w.-]*));|&/g;
/** `<!ENTITY name "value">` or `<!ENTITY name SYSTEM "uri">` in an internal DTD subset. */
const ENTITY_DECLARATION = /<!ENTITY\s+(%\s+)?([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\b[^>]*)>/g;
/** The largest document type declaration read; feeds' internal subsets are a few lines. */
const MAX_DOCTYPE_CHARS = 16 * 1024;
/** Where markup sections whose `&` are not references begin, and the text that ends each. */
const VERBATIM_OPENER = /<!\[CDATA\[|<!--|<\?/;
const VERBATIM_CLOSER: Record<string, string> = { '<![CDATA[': ']]>', '<!--': '-->', '<?': '?>' };

/**
 * Repairs what real feeds get wrong so often that refusing them would refuse half the web,
 * leaving well-formed documents byte for byte as they are: removes XML-forbidden characters;
 * replaces HTML entities XML does not know (`&nbsp;`, `&eacute;`) by the characters they name;
 * expands the entities the document declares (text, character references and other declared
 * entities); escapes a bare `&` (`AT&T`). An undeclared, unknown entity stays as text (`&foo;`).
 * A document that uses an external entity (never fetched: XXE), an entity with markup in it, or
 * entities that expand beyond a few tens of kilobytes (billion laughs, quadratic blow-up) is
 * refused with an error naming the entity.
 */
export function repairXml(text: string): string {
  const cleaned = text.replace(XML_FORBIDDEN, '');
  const doctype = findDoctype(cleaned);
  const declared = new DeclaredEntities(doctype ? cleaned.slice(doctype.start, doctype.end) : '');
  const body = cleaned.slice(doctype?.end ?? 0);
  let repaired = '';
  let last = 0;
  // Found with indexOf, not a lazy regex: an unterminated `<!--` must cost one scan, not one per opener.
  const openers = new RegExp(VERBATIM_OPENER.source, 'g');
  for (let opener = openers.exec(body); opener; opener = openers.exec(body)) {
    const closer = VERBATIM_CLOSER[opener[0]];
    if (closer === undefined) throw new Error(`feed: no closer known for the verbatim section opener ${opener[0]}`);
    const close = body.indexOf(closer, opener.index + opener[0].length);
    if (close < 0) break; // unterminated: the rest is text, and the XML parser says what is wrong
    const end = close + closer.length;
    repaired += repairReferences(body.slice(last, opener.index), declared) + body.slice(opener.index, end);
    last = openers.lastIndex = end;
  }
  repaired += repairReferences(body.slice(last), declared);
  // The DOCTYPE goes: its entities are expanded, and the parsers would otherwise refuse them.
  return cleaned.slice(0, doctype?.start ?? 0) + repaired;
}

/** The document type declaration, with its internal subset, when the document has one. */
function findDoctype(xml: string): { start: number; end: number } | undefined {
  const start = xml.slice(0, 64 * 1024).search(/<!DOCTYPE\b/i);
  if (start < 0) return undefined;
  const bracket = xml.indexOf('[', start);
  const close = xml.indexOf('>', start);
  const subsetEnd = bracket >= 0 && (close < 0 || bracket < close) ? xml.indexOf(']', bracket) : start;
  const end = subsetEnd < 0 ? -1 : xml.indexOf('>', subsetEnd);
  if (end < 0) throw new Error('feed: the document type declaration is not closed');
  if (end - start > MAX_DOCTYPE_CHARS)
    throw new Error(`feed: the document type declaration is larger than ${MAX_DOCTYPE_CHARS} characters; refused`);
  return { start, end: end + 1 };
}

/** The most one declared entity may expand to, and all expansions of a document together. */
const MAX_ENTITY_CHARS = 64 * 1024;
const MAX_EXPANDED_CHARS = 1024 * 1024;

function repairReferences(text: string, declared: DeclaredEntities): string {
  return text.replace(AMPERSAND, (match, charRef: string | undefined, name: string | undefined) => {
    if (charRef) return isXmlChar(charRef) ? match : '\ufffd';
    if (!name) return '&amp;';
    if (XML_ENTITIES.has(name)) return match;
    if (declared.has(name)) return escapeText(declared.expand(name));
    const decoded = decodeHTML(match);
    return decoded === match ? `&amp;${name};` : escapeText(decoded);
  });
}

/** The general entities of an internal DTD subset (XML §4.2), expanded on use within limits. */
class DeclaredEntities {
  private readonly values = new Map<string, { value: string } | { error: string }>();
  private readonly expanded = new Map<string, string>();
  private total = 0;

  constructor(doctype: string) {
    for (const [, parameter, name, double, single, external] of doctype.matchAll(ENTITY_DECLARATION)) {
      if (parameter || !name || this.values.has(name)) continue; // §4.2: the first declaration binds
      if (external) this.values.set(name, { error: `the document uses the external entity "${name}", which is never fetched` });
      else this.values.set(name, { value: double ?? single ?? '' });
    }
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** The text an entity stands for, its references expanded; throws for entities that may not be used. */
  expand(name: string, depth = 0): string {
    const text = this.expanded.get(name) ?? this.expandOnce(name, depth);
    this.total += text.length;
    if (this.total > MAX_EXPANDED_CHARS)
      throw new Error(`feed: entities expand to more than ${MAX_EXPANDED_CHARS} characters in all; refused`);
    return text;
  }

  private expandOnce(name: string, depth: number): string {
    const declared = this.values.get(name);
    // Callers expand only the names `has` knows.
    if (!declared) throw new Error(`feed: the entity "${name}" is not declared`);
    if ('error' in declared) throw new Error(`feed: ${declared.error}`);
    if (depth > 8) throw new Error(`feed: the entity "${name}" nests entities more than 8 deep; refused`);
    if (declared.value.includes('<')) throw new Error(`feed: the entity "${name}" holds markup; such entities are not expanded`);
    const text = decodeXmlReferences(declared.value, (inner) => {
      if (!this.values.has(inner)) return `&${inner};`;
      const value = this.expandOnce(inner, depth + 1);
      if (value.length > MAX_ENTITY_CHARS)
        throw new Error(`feed: the entity "${name}" expands to more than ${MAX_ENTITY_CHARS} characters; refused`);
      return value;
    });
    if (text.length > MAX_ENTITY_CHARS)
      throw new Error(`feed: the entity "${name}" expands to more than ${MAX_ENTITY_CHARS} characters; refused`);
    this.expanded.set(name, text);
    return text;
  }
}

/** Replaces character references and (through `entity`) entity references in an entity's value. */
function decodeXmlReferences(value: string, entity: (name: string) => string): string {
  return value.replace(/&(#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z_][\w.-]*);/g, (match, reference: string) => {
    if (!reference.startsWith('#')) return XML_ENTITIES.has(reference) ? decodeHTML(match) : entity(reference);
    if (!isXmlChar(reference)) return '\ufffd';
    return String.fromCodePoint(reference.startsWith('#x') ? parseInt(reference.slice(2), 16) : Number(reference.slice(1)));
  });
}

/** Whether a character reference (`#38`, `#x26`) names a character XML allows (§2.2). */
function isXmlChar(reference: string): boolean {
  const code = reference.startsWith('#x') ? parseInt(reference.slice(2), 16) : parseInt(reference.slice(1), 10);
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Returns a global regex matching the characters in the given code point ranges (each within
 * U+0000 to U+FFFF). Built from numbers because control characters written into a regex
 * literal read as a mistake (ESLint no-control-regex); these are meant.
 */
function characterRanges(...ranges: [number, number][]): RegExp {
  const escape = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;
  return new RegExp(`[${ranges.map(([from, to]) => `${escape(from)}-${escape(to)}`).join('')}]`, 'g');
}
