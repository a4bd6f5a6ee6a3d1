import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config/load-config.js';
import { decodeBody } from '../src/producers/sources/fetch/decode-body.js';
import { extractArticle } from '../src/producers/sources/pages/extract-article.js';
import { assignChannels, type ClassifyInput } from '../src/workers/process/classify/assign-channels.js';
import { loadGazetteer } from '../src/workers/process/classify/load-gazetteer.js';
import { normalizeItem } from '../src/workers/process/normalize/normalize-item.js';
import { fmt, measureRate, printTable } from './bench-table.js';

/**
 * Region placement cost per article: headline + lead items of the labelled set, and whole
 * example pages, against the ceiling of one Aho–Corasick pass over the same text.
 */
export function benchRegions(root: string): void {
  const config = loadConfig({});
  const gazetteer = loadGazetteer(config);
  const leads: ClassifyInput[] = readFileSync(path.join(root, 'test/fixtures/regions/taian.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { title: string; lead: string })
    .map(({ title, lead }) => ({ title, contentText: lead, placeHints: [], sourceChannels: [] }));
  const pagesDir = path.join(root, 'examples', 'pages');
  const pages: ClassifyInput[] = readdirSync(pagesDir)
    .filter((file) => !file.includes('list'))
    .map((file) => {
      const url = pathToFileURL(path.join(pagesDir, file)).href;
      const raw = extractArticle(decodeBody(readFileSync(path.join(pagesDir, file))), url);
      const article = normalizeItem(raw, { id: 'bench', name: 'bench', channels: [] }, new Date().toISOString());
      return { title: article.title, contentText: article.contentText, placeHints: raw.placeHints, sourceChannels: [], url: article.url };
    });
  const rows = (
    [
      ['labelled headlines + leads', leads],
      ['example article pages (whole text)', pages],
    ] as const
  ).map(([name, inputs]) => {
    const chars = inputs.reduce((sum, input) => sum + input.title.length + input.contentText.length, 0) / inputs.length;
    const match = measureRate(() => inputs.forEach((input) => gazetteer.match(`${input.title}\n${input.contentText}`)), 1000);
    const place = measureRate(() => inputs.forEach((input) => assignChannels(input, config.channels, gazetteer)), 1000);
    const msPerArticle = 1000 / (place.perSecond * inputs.length);
    return [name, inputs.length, fmt(chars, 0), fmt(msPerArticle, 4), `${fmt((100 * place.perSecond) / match.perSecond, 0)}%`];
  });
  printTable(
    'Region placement (one thread; ceiling: one Aho–Corasick pass over the same text)',
    ['articles', 'count', 'avg chars', 'ms per article', 'placement / match pass'],
    rows,
  );
}
