import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as cheerio from 'cheerio';
import { decodeBody } from '../src/producers/sources/fetch/decode-body.js';
import { extractArticle } from '../src/producers/sources/pages/extract-article.js';
import { fmt, measureRate, printTable } from './bench-table.js';

interface Page {
  url: string;
  html: string;
}

function loadPages(dir: string): Page[] {
  const files: string[] = [];
  const walk = (d: string) =>
    readdirSync(d, { withFileTypes: true }).forEach((entry) =>
      entry.isDirectory() ? walk(path.join(d, entry.name)) : entry.name.endsWith('.html') && files.push(path.join(d, entry.name)),
    );
  walk(dir);
  return files.sort().map((file) => ({ url: pathToFileURL(file).href, html: decodeBody(readFileSync(file)) }));
}

/**
 * Article extraction speed in pages per second over a page set, against the ceiling of merely
 * parsing the same pages with cheerio (the least any extractor built on a DOM must do).
 */
export function benchExtraction(root: string, sharedDir: string): void {
  const sets: [string, string][] = [['examples/pages', path.join(root, 'examples', 'pages')]];
  const corpus = path.join(sharedDir, 'corpus', 'pages');
  if (existsSync(corpus)) sets.push(['../shared/corpus/pages', corpus]);
  else process.stdout.write(`\n(extraction: ${corpus} is absent; measuring the example pages only)\n`);
  const rows = sets.map(([name, dir]) => {
    const pages = loadPages(dir);
    // The same parser and options extractArticle uses (htmlparser2 through cheerio), so the ceiling is fair.
    const parseOnly = measureRate(
      () => pages.forEach((page) => cheerio.load(page.html, { xml: { xmlMode: false, decodeEntities: true } })),
      1500,
    );
    const extract = measureRate(() => pages.forEach((page) => extractArticle(page.html, page.url)), 1500);
    const parsePagesPerSecond = parseOnly.perSecond * pages.length;
    const extractPagesPerSecond = extract.perSecond * pages.length;
    return [
      name,
      pages.length,
      fmt(parsePagesPerSecond, 0),
      fmt(extractPagesPerSecond, 0),
      `${fmt((100 * extractPagesPerSecond) / parsePagesPerSecond, 0)}%`,
    ];
  });
  printTable(
    'Article extraction (one thread; ceiling: parsing the same pages with the same parser; reference: GNE ≈ 20 pages/s here)',
    ['pages', 'count', 'parse only pages/s', 'extract pages/s', 'extract / parse'],
    rows,
  );
}
