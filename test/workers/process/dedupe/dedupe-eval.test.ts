import { describe, expect, it } from 'vitest';
import { scoreDedupePairs } from '../../../../scripts/dedupe-scoring.js';

/** The labelled dedupe set must keep its targets, so a regression in dedupe fails CI. */
describe('duplicate detection over the labelled pairs', () => {
  const score = scoreDedupePairs();

  it('has at least 150 written pairs (and the corpus pairs when ../shared is there)', () => {
    expect(score.pairs.filter((p) => p.origin === 'written').length).toBeGreaterThanOrEqual(150);
  });

  it('precision ≥ 0.99 and recall ≥ 0.95', () => {
    const precision = score.tp / (score.tp + score.fp);
    const recall = score.tp / (score.tp + score.fn);
    expect(precision, score.mistakes.join('\n')).toBeGreaterThanOrEqual(0.99);
    expect(recall, score.mistakes.join('\n')).toBeGreaterThanOrEqual(0.95);
  });
});
