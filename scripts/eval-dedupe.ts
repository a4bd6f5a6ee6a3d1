/**
 * `npm run eval:dedupe`: precision and recall of duplicate detection over the labelled pairs
 * of test/fixtures/dedupe (written pairs, plus pairs made from ../shared/corpus/pages when it
 * is there). Each side goes through normalize as an item would (furniture removed, text
 * cleaned); a pair is judged duplicate as the store judges it: the same content hash, or a
 * shared LSH band and compareStories confirming the same story.
 */
import { loadConfig } from '../src/config/load-config.js';
import type { RawItem } from '../src/domain/raw-item.js';
import { emptyRawItem } from '../src/domain/raw-item.js';
import { compareStories, sketchArticleText } from '../src/workers/dedupe/near-duplicate.js';
import { normalizeItem } from '../src/workers/normalize/normalize-item.js';
import { loadCityDivisions } from '../src/config/load-divisions.js';
import { Gazetteer } from '../src/workers/classify/gazetteer.js';
import { loadDedupePairs, type PairSide } from './dedupe-pairs.js';

const config = loadConfig({});
const settings = config.dedupe;
const places = new Gazetteer(loadCityDivisions(config.city.code), config.gazetteer).placeNames();
const SOURCE = { id: 'eval', name: 'eval', channels: [] };

function normalizeSide(side: PairSide, n: number) {
  const item: RawItem = { ...emptyRawItem(), url: `https://eval.example.cn/${n}.html`, title: side.title, html: side.html, text: side.text };
  return normalizeItem(item, SOURCE, '2024-04-01T00:00:00+08:00');
}

interface Judgement {
  duplicate: boolean;
  why: string;
}

function judge(a: PairSide, b: PairSide, n: number): Judgement {
  const left = normalizeSide(a, 2 * n);
  const right = normalizeSide(b, 2 * n + 1);
  if (left.contentHash === right.contentHash) return { duplicate: true, why: 'same content hash' };
  const sa = sketchArticleText(left.title, left.contentText, places, settings);
  const sb = sketchArticleText(right.title, right.contentText, places, settings);
  const candidate = sa.bandKeys.some((key) => sb.bandKeys.includes(key));
  const comparison = compareStories(sa, sb, settings);
  if (!candidate) return { duplicate: false, why: `no shared LSH band (jaccard ${comparison.jaccard.toFixed(2)})` };
  return { duplicate: comparison.same, why: `${comparison.reason}; j=${comparison.jaccard.toFixed(2)} c=${comparison.containment.toFixed(2)}` };
}

const { pairs, skippedCorpus } = loadDedupePairs();
const byKind = new Map<string, { pairs: number; correct: number; label: boolean }>();
let tp = 0;
let fp = 0;
let fn = 0;
let tn = 0;
const mistakes: string[] = [];
const started = performance.now();
pairs.forEach((pair, n) => {
  const verdict = judge(pair.a, pair.b, n);
  const stats = byKind.get(pair.kind) ?? { pairs: 0, correct: 0, label: pair.duplicate };
  stats.pairs++;
  if (verdict.duplicate === pair.duplicate) stats.correct++;
  else mistakes.push(`${pair.id} (${pair.kind}, labelled ${pair.duplicate ? 'duplicate' : 'distinct'}): ${verdict.why}`);
  byKind.set(pair.kind, stats);
  if (verdict.duplicate && pair.duplicate) tp++;
  else if (verdict.duplicate) fp++;
  else if (pair.duplicate) fn++;
  else tn++;
});
const elapsed = performance.now() - started;

const written = pairs.filter((p) => p.origin === 'written').length;
process.stdout.write(`Dedupe evaluation: ${pairs.length} labelled pairs (${written} written, ${pairs.length - written} from ../shared/corpus/pages)\n`);
if (skippedCorpus) process.stdout.write(`  corpus pairs skipped: ${skippedCorpus}\n`);
process.stdout.write(
  `  settings: ${settings.shingleSize}-character shingles, ${settings.bands} bands × ${settings.rows} rows, ` +
    `jaccard ≥ ${settings.jaccard} or containment ≥ ${settings.containment}, ≥ ${settings.minShingles} shingles; never across different places or figures\n\n`,
);
process.stdout.write(`${'kind'.padEnd(22)}${'label'.padEnd(11)}${'pairs'.padStart(6)}${'correct'.padStart(9)}\n`);
for (const [kind, stats] of [...byKind].sort((x, y) => Number(y[1].label) - Number(x[1].label) || x[0].localeCompare(y[0]))) {
  process.stdout.write(`${kind.padEnd(22)}${(stats.label ? 'duplicate' : 'distinct').padEnd(11)}${String(stats.pairs).padStart(6)}${String(stats.correct).padStart(9)}\n`);
}
const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
process.stdout.write(`\ntrue duplicates found ${tp}, false merges ${fp}, duplicates missed ${fn}, distinct kept apart ${tn}\n`);
process.stdout.write(`precision ${precision.toFixed(3)} (target ≥ 0.99) ${precision >= 0.99 ? 'met' : 'MISSED'}\n`);
process.stdout.write(`recall    ${recall.toFixed(3)} (target ≥ 0.95) ${recall >= 0.95 ? 'met' : 'MISSED'}\n`);
process.stdout.write(`${(elapsed / pairs.length).toFixed(2)} ms per pair (both sides normalized and sketched)\n`);
if (mistakes.length > 0) process.stdout.write(`\nmistakes:\n  ${mistakes.join('\n  ')}\n`);
