/**
 * `npm run eval:regions [-- --city jining] [-- --show-heldout]`: exact-set accuracy and
 * per-channel precision and recall of region placement over the labelled items of
 * test/fixtures/regions/ (headline, lead, for some items more text and the source's hints),
 * with the example config of that city, the development and held-out parts side by side.
 * Held-out misses are not printed unless `--show-heldout` is given: held-out items are
 * measured, never tuned on.
 */
import { parseArgs } from 'node:util';
import { HELDOUT_TARGETS, precisionOf, recallOf, scoreRegionSet, type PartScore } from './region-scoring.js';

/** A gap between dev and held-out larger than this (in points) is a defect to explain (issue 16). */
const MAX_GAP_POINTS = 5;

const { values } = parseArgs({
  options: { city: { type: 'string', default: 'taian' }, 'show-heldout': { type: 'boolean', default: false } },
});
const { set, cityName, cityCode, parts, msPerItem } = scoreRegionSet(values.city);
const { dev, heldout } = parts;
const out = (line = '') => process.stdout.write(`${line}\n`);
const pct = (n: number, d: number) => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)}%`);

out(`Region placement: ${set.files.map((f) => f.path).join(', ')}; config ${set.config} (${cityName} ${cityCode})`);
out(`${dev.items} development items, ${heldout.items} held out\n`);
out(
  `${'channel'.padEnd(12)}${'dev P'.padStart(8)}${'dev R'.padStart(8)}${'items'.padStart(7)}${'held P'.padStart(9)}${'held R'.padStart(8)}${'items'.padStart(7)}`,
);
for (const [id, devStats] of dev.perChannel) {
  const heldStats = heldout.perChannel.get(id) ?? { tp: 0, fp: 0, fn: 0 };
  const cell = (stats: { tp: number; fp: number; fn: number }) =>
    `${precisionOf(stats).toFixed(3).padStart(8)}${recallOf(stats).toFixed(3).padStart(8)}${String(stats.tp + stats.fn).padStart(7)}`;
  const mark = heldout.items > 0 && precisionOf(heldStats) < HELDOUT_TARGETS.precision ? ' ✗' : '';
  out(`${id.padEnd(12)}${cell(devStats)} ${cell(heldStats)}${mark}`);
}
out(`\n${'kind'.padEnd(20)}${'dev'.padStart(9)}${'held out'.padStart(10)}`);
const kinds = [...new Set([...dev.perKind.keys(), ...heldout.perKind.keys()])].sort();
for (const kind of kinds) {
  const cell = (part: PartScore) => {
    const stats = part.perKind.get(kind);
    return stats ? `${stats.exact}/${stats.items}` : '–';
  };
  out(`${kind.padEnd(20)}${cell(dev).padStart(9)}${cell(heldout).padStart(10)}`);
}
const devRate = dev.items ? dev.exact / dev.items : Number.NaN;
const heldRate = heldout.items ? heldout.exact / heldout.items : Number.NaN;
out(`\nexact-set accuracy  dev ${dev.exact}/${dev.items} = ${pct(dev.exact, dev.items)}`);
if (heldout.items > 0) {
  const gap = 100 * (devRate - heldRate);
  const met = heldRate >= HELDOUT_TARGETS.exact;
  out(
    `                    held out ${heldout.exact}/${heldout.items} = ${pct(heldout.exact, heldout.items)} (target ≥ 95%) ${met ? 'met' : 'MISSED'}`,
  );
  out(
    `                    gap dev − held out ${gap >= 0 ? '+' : ''}${gap.toFixed(1)} points${Math.abs(gap) > MAX_GAP_POINTS ? ' (> 5: a defect to explain)' : ''}`,
  );
  const precise = [...heldout.perChannel.values()].every((stats) => precisionOf(stats) >= HELDOUT_TARGETS.precision);
  out(`precision ≥ ${HELDOUT_TARGETS.precision} on every channel, held out: ${precise ? 'met' : 'MISSED'}`);
}
out(`${msPerItem.toFixed(3)} ms per item, one thread`);
if (dev.misses.length > 0) out(`\ndevelopment misses:\n  ${dev.misses.join('\n  ')}`);
if (heldout.misses.length > 0) {
  if (values['show-heldout'])
    out(`\nheld-out misses (--show-heldout: for the closing report, not for tuning):\n  ${heldout.misses.join('\n  ')}`);
  else out(`\n${heldout.misses.length} held-out misses not shown (--show-heldout prints them once tuning is over)`);
}
