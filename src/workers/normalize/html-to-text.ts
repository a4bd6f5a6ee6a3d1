import * as cheerio from 'cheerio';

const BLOCKS = 'p, div, li, h1, h2, h3, h4, h5, h6, tr, blockquote, figure, figcaption, pre, dt, dd';

/** Returns the readable text of an HTML fragment, one line per paragraph or block. */
export function htmlToText(html: string): string {
  const $ = cheerio.load(html, null, false);
  $('script, style, noscript').remove();
  $('br').replaceWith('\n');
  $(BLOCKS).each((_, element) => {
    $(element).prepend('\n').append('\n');
  });
  return $.root()
    .text()
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');
}
