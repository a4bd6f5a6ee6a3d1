import { describe, expect, it } from 'vitest';
import { describeMistake, scoreDedupePairs, splitOf, tallyResults, TARGETS } from '../../../../scripts/dedupe-scoring.js';

/** The labelled dedupe set must keep its targets, so a regression in dedupe fails CI. */
describe('duplicate detection over the labelled pairs', () => {
  const { results } = scoreDedupePairs();
  const mistakesOf = (part: typeof results) =>
    part
      .filter((r) => r.duplicate !== r.pair.duplicate)
      .map(describeMistake)
      .join('\n');

  it('has at least 150 written pairs (and the corpus pairs when ../shared is there)', () => {
    expect(results.filter((r) => r.pair.origin === 'written').length).toBeGreaterThanOrEqual(150);
  });

  it.each(['dev', 'heldout'] as const)('%s: precision ≥ 0.99 and recall ≥ 0.95', (split) => {
    const part = results.filter((r) => r.split === split);
    const tally = tallyResults(part);
    expect(tally.precision, mistakesOf(part)).toBeGreaterThanOrEqual(TARGETS.precision);
    expect(tally.recall, mistakesOf(part)).toBeGreaterThanOrEqual(TARGETS.recall);
  });

  it('splits by pair id, a third held out, the same every run', () => {
    expect(results.every((r) => r.split === splitOf(r.pair.id))).toBe(true);
    const share = results.filter((r) => r.split === 'heldout').length / results.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.42);
  });

  it('has no two pairs with one id', () => {
    expect(new Set(results.map((r) => r.pair.id)).size).toBe(results.length);
  });
});
