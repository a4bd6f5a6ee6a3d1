/** Zero-width and other invisible characters that pages leave in text. */
const INVISIBLE = /[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\u00ad]/g;
/**
 * Characters XML 1.0 forbids (§2.2); they must never reach a feed. Built from a string: the
 * control characters are the point here, not a slip that no-control-regex guards against.
 */
const XML_FORBIDDEN = new RegExp(String.raw`[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]`, 'g');
/** Full-width ASCII letters and digits (Ａ-Ｚ, ａ-ｚ, ０-９), folded to their half-width forms. */
const FULL_WIDTH_ALNUM = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g;

/**
 * Returns text in Unicode NFC with full-width letters and digits folded to ASCII, invisible
 * and XML-forbidden characters removed, and white space collapsed within each line.
 * Chinese punctuation (，。：) is left as it is: it is correct in Chinese text.
 */
export function cleanText(text: string): string {
  return wellFormed(text)
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(XML_FORBIDDEN, '')
    .replace(FULL_WIDTH_ALNUM, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f\v\u00a0\u3000]+/g, ' ').trim())
    .filter((line, index, lines) => line !== '' || (index > 0 && lines[index - 1] !== ''))
    .join('\n')
    .trim();
}

/** Returns the text without the characters XML 1.0 forbids; for HTML that goes into feeds. */
export function removeXmlForbidden(text: string): string {
  return wellFormed(text).replace(XML_FORBIDDEN, '');
}

/**
 * Returns well-formed Unicode: each lone surrogate (JSON's `"\ud800"` can carry one, no encoding
 * can store it) becomes U+FFFD.
 */
export function wellFormed(text: string): string {
  return text.toWellFormed();
}

/** One line of text: cleanText with line breaks folded to spaces. */
export function cleanLine(text: string): string {
  return cleanText(text).replace(/\s*\n\s*/g, ' ');
}
