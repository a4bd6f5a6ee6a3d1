import { describe, expect, it } from 'vitest';
import { REGION_SETS, scoreRegionSet } from '../../../scripts/region-scoring.js';

/** The labelled region sets must keep their target, so a regression in placement fails CI. */
describe('region placement over the labelled sets', () => {
  it.each(Object.keys(REGION_SETS))('%s: exact-set accuracy ≥ 95%', (set) => {
    const score = scoreRegionSet(set);
    expect(score.items).toBeGreaterThanOrEqual(40);
    expect(score.exact / score.items, score.misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('the Tai’an set has at least 150 items and covers every county and most towns', () => {
    expect(scoreRegionSet('taian').items).toBeGreaterThanOrEqual(150);
  });
});
