import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REGION_SETS, scoreRegionSet } from '../../../../scripts/region-scoring.js';
import { loadCityDivisions } from '../../../../src/config/load-divisions.js';
import { ROOT } from '../../../support/paths.js';

/** The labelled region sets must keep their target, so a regression in placement fails CI. */
describe('region placement over the labelled sets', () => {
  it.each(Object.keys(REGION_SETS))('%s: exact-set accuracy ≥ 95%', (set) => {
    const score = scoreRegionSet(set);
    expect(score.items).toBeGreaterThanOrEqual(40);
    expect(score.exact / score.items, score.misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('the Tai’an set has at least 150 items and names every county and at least half of the 88 towns', () => {
    expect(scoreRegionSet('taian').items).toBeGreaterThanOrEqual(150);
    const divisions = loadCityDivisions('3709');
    const text = readFileSync(path.join(ROOT, 'test/fixtures/regions/taian.jsonl'), 'utf8');
    const shortForm = (name: string) => name.replace(/(镇|乡|街道|市|县|区)$/, '');
    expect(divisions.counties.filter((county) => text.includes(shortForm(county.name)))).toHaveLength(6);
    expect(divisions.towns.filter((town) => text.includes(shortForm(town.name))).length).toBeGreaterThanOrEqual(44);
  });
});
