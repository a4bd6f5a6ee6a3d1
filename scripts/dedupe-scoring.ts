/**
 * Judges labelled dedupe pairs as the store would: each side normalized as an item (furniture
 * removed, text cleaned); duplicate when the content hashes are equal, or when the sketches
 * share an LSH band and compareStories confirms the same story.
 */
import { loadConfig } from '../src/config/load-config.js';
import { emptyRawItem, type RawItem } from '../src/domain/raw-item.js';
import { loadGazetteer } from '../src/workers/process/classify/load-gazetteer.js';
import { compareStories, sketchArticleText, type NearDuplicateSettings } from '../src/workers/process/dedupe/near-duplicate.js';
import { normalizeItem } from '../src/workers/process/normalize/normalize-item.js';
import { loadDedupePairs, type DedupePair, type PairSide } from './dedupe-pairs.js';

const SOURCE = { id: 'eval', name: 'eval', channels: [] };

export interface DedupeScore {
  pairs: DedupePair[];
  skippedCorpus: string | undefined;
  settings: NearDuplicateSettings;
  byKind: Map<string, { pairs: number; correct: number; label: boolean }>;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  mistakes: string[];
  msPerPair: number;
}

function normalizeSide(side: PairSide, n: number) {
  const item: RawItem = {
    ...emptyRawItem(),
    url: `https://eval.example.cn/${n}.html`,
    title: side.title,
    html: side.html,
    text: side.text,
  };
  return normalizeItem(item, SOURCE, '2024-04-01T00:00:00+08:00');
}

function judge(
  a: PairSide,
  b: PairSide,
  n: number,
  places: string[],
  settings: NearDuplicateSettings,
): { duplicate: boolean; why: string } {
  const left = normalizeSide(a, 2 * n);
  const right = normalizeSide(b, 2 * n + 1);
  if (left.contentHash === right.contentHash) return { duplicate: true, why: 'same content hash' };
  const sa = sketchArticleText(left.title, left.contentText, places, settings);
  const sb = sketchArticleText(right.title, right.contentText, places, settings);
  const comparison = compareStories(sa, sb, settings);
  if (!sa.bandKeys.some((key) => sb.bandKeys.includes(key)))
    return { duplicate: false, why: `no shared LSH band (jaccard ${comparison.jaccard.toFixed(2)})` };
  return {
    duplicate: comparison.same,
    why: `${comparison.reason}; j=${comparison.jaccard.toFixed(2)} c=${comparison.containment.toFixed(2)}`,
  };
}

/** Scores every labelled pair with the example config's dedupe settings and the city's place names. */
export function scoreDedupePairs(): DedupeScore {
  const config = loadConfig({});
  const places = loadGazetteer(config).placeNames();
  const { pairs, skippedCorpus } = loadDedupePairs();
  const score: DedupeScore = {
    pairs,
    skippedCorpus,
    settings: config.dedupe,
    byKind: new Map(),
    tp: 0,
    fp: 0,
    fn: 0,
    tn: 0,
    mistakes: [],
    msPerPair: 0,
  };
  const started = performance.now();
  pairs.forEach((pair, n) => {
    const verdict = judge(pair.a, pair.b, n, places, config.dedupe);
    const stats = score.byKind.get(pair.kind) ?? { pairs: 0, correct: 0, label: pair.duplicate };
    stats.pairs++;
    if (verdict.duplicate === pair.duplicate) stats.correct++;
    else score.mistakes.push(`${pair.id} (${pair.kind}, labelled ${pair.duplicate ? 'duplicate' : 'distinct'}): ${verdict.why}`);
    score.byKind.set(pair.kind, stats);
    if (verdict.duplicate && pair.duplicate) score.tp++;
    else if (verdict.duplicate) score.fp++;
    else if (pair.duplicate) score.fn++;
    else score.tn++;
  });
  score.msPerPair = (performance.now() - started) / pairs.length;
  return score;
}
