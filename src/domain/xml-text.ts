/**
 * XML 1.0 §2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
 * Everything else (C0 controls, lone surrogates, U+FFFE/U+FFFF) makes a document ill-formed, and
 * the C1 controls and noncharacters that §2.2 discourages are dropped with them.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Returns the text without the characters that XML forbids or discourages. */
export function stripNonXmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, '');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Returns plain text escaped for use as HTML text or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/**
 * Returns a value for an attribute that xml-js writes: xml-js escapes `"` itself but leaves `&`
 * and `<`, which XML 1.0 §3.1 forbids unescaped in attribute values.
 */
export function escapeForXmlJsAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
