import { Parser } from 'htmlparser2';
import { BLOCK_ELEMENTS } from '../../../domain/html-blocks.js';

/** Elements that end a line of text. */
const BLOCKS: ReadonlySet<string> = new Set([...BLOCK_ELEMENTS, 'br']);
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
