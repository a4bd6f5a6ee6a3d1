/**
 * `npm run eval:regions [-- --city jining]`: exact-set accuracy and per-channel precision and
 * recall of region placement over the labelled items of test/fixtures/regions/ (headline,
 * lead and, for some items, the source's hints), with the example config of that city.
 */
import { parseArgs } from 'node:util';
import { scoreRegionSet } from './region-scoring.js';

const { values } = parseArgs({ options: { city: { type: 'string', default: 'taian' } } });
const { set, cityName, cityCode, items, exact, perChannel, perKind, misses, msPerItem } = scoreRegionSet(values.city);
const accuracy = exact / items;
process.stdout.write(`Region placement: ${items} labelled items in ${set.items}, config ${set.config} (${cityName} ${cityCode})\n\n`);
process.stdout.write(`${'channel'.padEnd(12)}${'precision'.padStart(10)}${'recall'.padStart(8)}${'items'.padStart(7)}\n`);
for (const [id, { tp, fp, fn }] of perChannel) {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  process.stdout.write(
    `${id.padEnd(12)}${precision.toFixed(3).padStart(10)}${recall.toFixed(3).padStart(8)}${String(tp + fn).padStart(7)}\n`,
  );
}
process.stdout.write(`\n${'kind'.padEnd(20)}${'items'.padStart(6)}${'exact'.padStart(7)}\n`);
for (const [kind, stats] of [...perKind].sort())
  process.stdout.write(`${kind.padEnd(20)}${String(stats.items).padStart(6)}${String(stats.exact).padStart(7)}\n`);
process.stdout.write(
  `\nexact-set accuracy ${exact}/${items} = ${(100 * accuracy).toFixed(1)}% (target ≥ 95%) ${accuracy >= 0.95 ? 'met' : 'MISSED'}\n`,
);
process.stdout.write(`${msPerItem.toFixed(3)} ms per item (headline + lead), one thread\n`);
if (misses.length > 0) process.stdout.write(`\nmisses:\n  ${misses.join('\n  ')}\n`);
