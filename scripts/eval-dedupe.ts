/**
 * `npm run eval:dedupe [-- --show-heldout]`: precision and recall of duplicate detection over the
 * labelled pairs of test/fixtures/dedupe (written pairs, plus pairs made from
 * ../shared/corpus/pages when it is there), judged as the store judges them (see
 * dedupe-scoring.ts), the development and held-out parts side by side. Held-out mistakes are not
 * printed unless `--show-heldout` is given: held-out pairs are measured, never tuned on.
 */
import { describeMistake, scoreDedupePairs, tallyResults, TARGETS, type DedupeTally } from './dedupe-scoring.js';

const out = (line = '') => process.stdout.write(`${line}\n`);
const showHeldout = process.argv.includes('--show-heldout');
const { results, skippedCorpus, settings, msPerPair } = scoreDedupePairs();
const dev = results.filter((result) => result.split === 'dev');
const heldout = results.filter((result) => result.split === 'heldout');
const written = results.filter((result) => result.pair.origin === 'written').length;

out(`Dedupe evaluation: ${results.length} labelled pairs (${written} written, ${results.length - written} from ../shared/corpus/pages)`);
out(`  ${dev.length} development pairs, ${heldout.length} held out (a third, by the SHA-256 of the pair id)`);
if (skippedCorpus) out(`  corpus pairs skipped: ${skippedCorpus}`);
out(
  `  settings: ${settings.shingleSize}-character shingles, ${settings.bands} bands × ${settings.rows} rows, ` +
    `lead of ${settings.leadChars} characters in ${settings.leadBands} bands × ${settings.leadRows} rows; jaccard ≥ ${settings.jaccard}, ` +
    `or containment ≥ ${settings.containmentAnyTitle} (≥ ${settings.containment} under one title), ≥ ${settings.minShingles} shingles; never across different places or figures`,
);
out();
const [devTally, heldTally] = [tallyResults(dev), tallyResults(heldout)];
const cell = (tally: DedupeTally, kind: string) => {
  const stats = tally.byKind.get(kind);
  return stats ? `${stats.correct}/${stats.pairs}` : '–';
};
out(`${'kind'.padEnd(22)}${'label'.padEnd(11)}${'dev'.padStart(8)}${'held out'.padStart(10)}`);
const kinds = new Map(results.map(({ pair }) => [pair.kind, pair.duplicate]));
for (const [kind, label] of [...kinds].sort((x, y) => Number(y[1]) - Number(x[1]) || x[0].localeCompare(y[0]))) {
  out(
    `${kind.padEnd(22)}${(label ? 'duplicate' : 'distinct').padEnd(11)}${cell(devTally, kind).padStart(8)}${cell(heldTally, kind).padStart(10)}`,
  );
}
out();
const row = (name: string, pick: (tally: DedupeTally) => string) =>
  out(`${name.padEnd(33)}${pick(devTally).padStart(8)}${pick(heldTally).padStart(10)}`);
out(`${''.padEnd(33)}${'dev'.padStart(8)}${'held out'.padStart(10)}`);
row('true duplicates found', (t) => String(t.tp));
row('false merges', (t) => String(t.fp));
row('duplicates missed', (t) => String(t.fn));
row('distinct kept apart', (t) => String(t.tn));
row(`precision (held-out target ≥ ${TARGETS.precision})`, (t) => t.precision.toFixed(3));
row(`recall (held-out target ≥ ${TARGETS.recall})`, (t) => t.recall.toFixed(3));
const met = heldTally.precision >= TARGETS.precision && heldTally.recall >= TARGETS.recall;
out(`held-out targets ${met ? 'met' : 'MISSED'}`);
out(`${msPerPair.toFixed(2)} ms per pair (both sides normalized and sketched)`);
const devMistakes = dev.filter((result) => result.duplicate !== result.pair.duplicate);
if (devMistakes.length > 0) out(`\ndevelopment mistakes:\n  ${devMistakes.map(describeMistake).join('\n  ')}`);
const heldMistakes = heldout.filter((result) => result.duplicate !== result.pair.duplicate);
if (showHeldout && heldMistakes.length > 0) out(`\nheld-out mistakes:\n  ${heldMistakes.map(describeMistake).join('\n  ')}`);
else if (heldMistakes.length > 0)
  out(`\n${heldMistakes.length} held-out mistakes not shown (--show-heldout prints them once tuning is over)`);
