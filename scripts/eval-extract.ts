/**
 * `npm run eval:extract`: runs the article extractor over two sets of labelled pages and
 * prints how often title, time, author and body match the hand-checked labels:
 *
 * - the shared corpus in ../shared/corpus/pages (when present), with the site rules on and off;
 * - the repository's own pages in test/fixtures/pages (labels.json), split into a development
 *   part and a held-out part by file name (scripts/extraction-scoring.ts splitOf); a held-out
 *   page whose failure was read to change the extractor counts as dev from then on (heldout_read).
 *
 * Rows of held-out pages are not printed unless `--show-heldout` is given: held-out pages are
 * measured, not looked at, while the extractor is tuned. `--fresh DIR` also scores a directory
 * of labelled pages (DIR/labels.json) written blind to the extractor, totals only: the fairest
 * figure there is, taken once before anything is changed for them. It is a report: it exits 0
 * whether the targets are met or not.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractPage, type ExtractedPage } from '../src/app/extract-command.js';
import { printPageRows, printScoring, printSummary, type PageResult, type SetResult, type SummaryRow } from './extraction-report.js';
import { SCORED_FIELDS, scorePage, splitOfLabel, totalVerdicts, type PageLabel, type PageVerdict } from './extraction-scoring.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus', 'pages');
const CORPUS_LABELS = path.join(CORPUS, 'labels.json');
const OWN = path.join(ROOT, 'test', 'fixtures', 'pages');
const OWN_LABELS = path.join(OWN, 'labels.json');

type Extract = (file: string) => Promise<ExtractedPage>;

async function main(): Promise<void> {
  const showHeldout = process.argv.includes('--show-heldout');
  const freshDir = optionValue('--fresh');
  printScoring();
  const corpus = existsSync(CORPUS_LABELS) ? await evaluateCorpus() : undefined;
  if (!corpus) console.log(`\nShared corpus: none at ${CORPUS_LABELS} (../shared is absent); scoring the repository's own pages only.`);
  const own = await evaluateOwn(showHeldout);
  if (freshDir) own.rows.push(await evaluateFresh(path.resolve(freshDir)));
  printSummary({ corpus, own });
  if (corpus) {
    // A last pass, once the code is warm, measures steady extraction speed rather than start-up.
    const warm = await scoreAll(corpus.labels, CORPUS, extractPage);
    console.log(
      `\nspeed on the shared corpus (read + decode + extract + normalize, as extractPage does): ${pagesPerSecond(corpus.labels.length, warm.ms)} ` +
        `pages/s with rules on (warm pass; first pass ${pagesPerSecond(corpus.labels.length, corpus.msOn)}), ` +
        `${pagesPerSecond(corpus.labels.length, corpus.msOff)} pages/s with rules off`,
    );
  }
}

/** The shared corpus, rules on and off, with its per-page rows printed. */
async function evaluateCorpus(): Promise<SetResult & { labels: PageLabel[]; msOn: number; msOff: number }> {
  const labels = readLabels(CORPUS_LABELS);
  console.log(`\nShared corpus: ${CORPUS} (${labels.length} labelled pages), each extracted with the site rules on and off`);
  const on = await scoreAll(labels, CORPUS, extractPage);
  const off = await scoreAll(labels, CORPUS, (file) => extractPage(file, { rules: false }));
  const results = labels.map((label, i) => ({ file: label.file, on: on.verdicts[i]!, off: off.verdicts[i]! }));
  printPageRows(results, { off: true });
  return {
    labels,
    msOn: on.ms,
    msOff: off.ms,
    rows: [
      { name: 'shared corpus, rules on', pages: labels.length, totals: totalVerdicts(on.verdicts), targets: 'corpus' },
      { name: 'shared corpus, rules off', pages: labels.length, totals: totalVerdicts(off.verdicts), targets: 'corpus' },
    ],
  };
}

/** The own pages with the rules on (as production runs), dev and held-out apart. */
async function evaluateOwn(showHeldout: boolean): Promise<SetResult> {
  const labels = readLabels(OWN_LABELS);
  const wrongSplit = labels.filter((label) => label.split !== splitOfLabel(label)).map((label) => label.file);
  if (wrongSplit.length > 0) throw new Error(`eval:extract: split differs from splitOfLabel for ${wrongSplit.join(', ')}`);
  const { verdicts } = await scoreAll(labels, OWN, extractPage);
  const results: (PageResult & { split: string })[] = labels.map((label, i) => ({
    file: label.file,
    split: label.split!,
    on: verdicts[i]!,
  }));
  const dev = results.filter((result) => result.split === 'dev');
  const heldout = results.filter((result) => result.split === 'heldout');
  console.log(`\nOwn pages: ${OWN_LABELS} (${labels.length} pages: ${dev.length} dev, ${heldout.length} held out), rules on`);
  console.log('Development pages:');
  printPageRows(dev, { off: false });
  if (showHeldout) {
    console.log('Held-out pages (--show-heldout: for the closing report, not for tuning):');
    printPageRows(heldout, { off: false });
  } else console.log(`Held-out pages: ${heldout.length} rows not shown (totals below; --show-heldout prints them once tuning is over)`);
  const totals = (part: readonly PageResult[]) => totalVerdicts(part.map((result) => result.on));
  return {
    rows: [
      { name: 'own pages, dev', pages: dev.length, totals: totals(dev), targets: 'issue16' },
      { name: 'own pages, held-out', pages: heldout.length, totals: totals(heldout), targets: 'issue16' },
    ],
  };
}

/** A directory of pages nobody tuned on, scored as a whole; its rows are not printed (reading them is tuning). */
async function evaluateFresh(dir: string): Promise<SummaryRow> {
  const labels = readLabels(path.join(dir, 'labels.json'));
  console.log(`\nFresh pages: ${dir} (${labels.length} pages written blind to the extractor), rules on; rows not shown`);
  const { verdicts } = await scoreAll(labels, dir, extractPage);
  return { name: `fresh pages (${path.basename(dir)})`, pages: labels.length, totals: totalVerdicts(verdicts), targets: 'issue16' };
}

/** The value after a `--name` argument, if given; a `--name` without one is an error that says so. */
function optionValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  if (at < 0) return undefined;
  const value = process.argv[at + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`eval:extract: ${name} needs a directory (${name} DIR)`);
  return value;
}

function readLabels(file: string): PageLabel[] {
  return JSON.parse(readFileSync(file, 'utf8')) as PageLabel[];
}

/** Extracts and scores every labelled page, timing the extraction alone. */
async function scoreAll(labels: readonly PageLabel[], dir: string, extract: Extract): Promise<{ verdicts: PageVerdict[]; ms: number }> {
  const verdicts: PageVerdict[] = [];
  let ms = 0;
  for (const label of labels) {
    const started = performance.now();
    const page = await extract(path.join(dir, label.file)).catch((error: unknown) =>
      error instanceof Error ? error : new Error(String(error)),
    );
    ms += performance.now() - started;
    verdicts.push(page instanceof Error ? failedVerdict(label, page) : scorePage(label, page));
  }
  return { verdicts, ms };
}

/** Every scored field failed, with the extractor's error as the why. */
function failedVerdict(label: PageLabel, error: Error): PageVerdict {
  const empty = { title: '', publishedAt: null, authors: [], contentText: '' };
  const verdict = scorePage(label, empty);
  for (const field of SCORED_FIELDS) verdict[field] = { ...verdict[field], passed: false, why: `error: ${error.message}` };
  return verdict;
}

function pagesPerSecond(pages: number, ms: number): string {
  return ms > 0 ? ((pages * 1000) / ms).toFixed(1) : '–';
}

await main();
