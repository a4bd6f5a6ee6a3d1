import { Parser } from 'htmlparser2';

/** Elements that end a line of text. */
const BLOCKS = new Set([
  'p',
  'div',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'blockquote',
  'figure',
  'figcaption',
  'pre',
  'dt',
  'dd',
  'br',
  'section',
  'article',
  'table',
  'ul',
  'ol',
  'header',
  'footer',
  'hr',
]);
/** Elements whose text is never part of the readable text. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template']);

/**
 * Returns the readable text of an HTML fragment, one line per paragraph or block. A streaming
 * parse (htmlparser2, entities decoded), no DOM: this runs once per processed item.
 */
export function htmlToText(html: string): string {
  const lines: string[] = [];
  let line = '';
  let skipping = 0;
  const endLine = () => {
    const trimmed = line.trim();
    if (trimmed) lines.push(trimmed);
    line = '';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skipping++;
        else if (BLOCKS.has(name)) endLine();
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCKS.has(name)) endLine();
      },
      ontext(text) {
        if (skipping === 0) line += text.replace(/\s*\n\s*/g, ' ');
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(html);
  endLine();
  return lines.join('\n');
}
