/**
 * `npm run eval:dedupe`: precision and recall of duplicate detection over the labelled pairs
 * of test/fixtures/dedupe (written pairs, plus pairs made from ../shared/corpus/pages when it
 * is there), judged as the store judges them (see dedupe-scoring.ts).
 */
import { scoreDedupePairs } from './dedupe-scoring.js';

const { pairs, skippedCorpus, settings, byKind, tp, fp, fn, tn, mistakes, msPerPair } = scoreDedupePairs();
const written = pairs.filter((p) => p.origin === 'written').length;
process.stdout.write(
  `Dedupe evaluation: ${pairs.length} labelled pairs (${written} written, ${pairs.length - written} from ../shared/corpus/pages)\n`,
);
if (skippedCorpus) process.stdout.write(`  corpus pairs skipped: ${skippedCorpus}\n`);
process.stdout.write(
  `  settings: ${settings.shingleSize}-character shingles, ${settings.bands} bands × ${settings.rows} rows, ` +
    `jaccard ≥ ${settings.jaccard} or containment ≥ ${settings.containment}, ≥ ${settings.minShingles} shingles; never across different places or figures\n\n`,
);
process.stdout.write(`${'kind'.padEnd(22)}${'label'.padEnd(11)}${'pairs'.padStart(6)}${'correct'.padStart(9)}\n`);
for (const [kind, stats] of [...byKind].sort((x, y) => Number(y[1].label) - Number(x[1].label) || x[0].localeCompare(y[0]))) {
  process.stdout.write(
    `${kind.padEnd(22)}${(stats.label ? 'duplicate' : 'distinct').padEnd(11)}${String(stats.pairs).padStart(6)}${String(stats.correct).padStart(9)}\n`,
  );
}
const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
process.stdout.write(`\ntrue duplicates found ${tp}, false merges ${fp}, duplicates missed ${fn}, distinct kept apart ${tn}\n`);
process.stdout.write(`precision ${precision.toFixed(3)} (target ≥ 0.99) ${precision >= 0.99 ? 'met' : 'MISSED'}\n`);
process.stdout.write(`recall    ${recall.toFixed(3)} (target ≥ 0.95) ${recall >= 0.95 ? 'met' : 'MISSED'}\n`);
process.stdout.write(`${msPerPair.toFixed(2)} ms per pair (both sides normalized and sketched)\n`);
if (mistakes.length > 0) process.stdout.write(`\nmistakes:\n  ${mistakes.join('\n  ')}\n`);
