/**
 * Judges labelled dedupe pairs as the store would: each side normalized as an item (furniture
 * removed, text cleaned); duplicate when the content hashes are equal, or when the sketches
 * share an LSH band and compareStories confirms the same story. The pairs are split into a
 * development part and a held-out part by their ids (splitOf), fixed before any tuning.
 */
import { createHash } from 'node:crypto';
import { loadConfig } from '../src/config/load-config.js';
import { emptyRawItem, type RawItem } from '../src/domain/raw-item.js';
import { loadGazetteer } from '../src/workers/process/classify/load-gazetteer.js';
import {
  compareStories,
  similarityOf,
  sketchArticleText,
  type NearDuplicateSettings,
} from '../src/workers/process/dedupe/near-duplicate.js';
import { normalizeItem } from '../src/workers/process/normalize/normalize-item.js';
import { loadDedupePairs, type DedupePair, type PairSide } from './dedupe-pairs.js';

const SOURCE = { id: 'eval', name: 'eval', channels: [] };

/** The part of the labelled pairs a pair belongs to: tuned on, or held out and only measured. */
export type Split = 'dev' | 'heldout';

/** The targets of issue 16, on held-out pairs. */
export const TARGETS = { precision: 0.99, recall: 0.95 } as const;

/**
 * The split of a labelled pair, fixed by its id before any tuning: a third of the pairs (by the
 * first 32 bits of the id's SHA-256) are held out.
 */
export function splitOf(pairId: string): Split {
  const hash = createHash('sha256').update(pairId).digest('hex');
  return Number.parseInt(hash.slice(0, 8), 16) % 3 === 0 ? 'heldout' : 'dev';
}

/** The verdict on one pair. */
export interface PairResult {
  pair: DedupePair;
  split: Split;
  duplicate: boolean;
  why: string;
  /** LSH bands the two sides share. */
  sharedBands: number;
}

/** Counts over some pairs: the confusion matrix and each kind's pairs and correct verdicts. */
export interface DedupeTally {
  pairs: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  byKind: Map<string, { pairs: number; correct: number; label: boolean }>;
}

export interface DedupeScore {
  results: PairResult[];
  skippedCorpus: string | undefined;
  settings: NearDuplicateSettings;
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

function judge(a: PairSide, b: PairSide, n: number, places: string[], settings: NearDuplicateSettings): Omit<PairResult, 'pair' | 'split'> {
  const left = normalizeSide(a, 2 * n);
  const right = normalizeSide(b, 2 * n + 1);
  const sa = sketchArticleText(left.title, left.contentText, places, settings);
  const sb = sketchArticleText(right.title, right.contentText, places, settings);
  const sharedBands = sa.bandKeys.filter((key) => sb.bandKeys.includes(key)).length;
  if (left.contentHash === right.contentHash) return { duplicate: true, why: 'same content hash', sharedBands };
  const { jaccard, containment } = similarityOf(sa, sb);
  if (sharedBands === 0) return { duplicate: false, why: `no shared LSH band (jaccard ${jaccard.toFixed(2)})`, sharedBands };
  const comparison = compareStories(sa, sb, settings);
  return {
    duplicate: comparison.same,
    why: `${comparison.reason}; j=${jaccard.toFixed(2)} c=${containment.toFixed(2)} bands=${sharedBands}`,
    sharedBands,
  };
}

/** Judges every labelled pair with the example config's dedupe settings and the city's place names. */
export function scoreDedupePairs(): DedupeScore {
  const config = loadConfig({});
  const places = loadGazetteer(config).placeNames();
  const { pairs, skippedCorpus } = loadDedupePairs();
  const started = performance.now();
  const results = pairs.map((pair, n) => ({ pair, split: splitOf(pair.id), ...judge(pair.a, pair.b, n, places, config.dedupe) }));
  return { results, skippedCorpus, settings: config.dedupe, msPerPair: (performance.now() - started) / pairs.length };
}

/** Returns the counts over some pair results. */
export function tallyResults(results: readonly PairResult[]): DedupeTally {
  const tally = {
    pairs: results.length,
    tp: 0,
    fp: 0,
    fn: 0,
    tn: 0,
    byKind: new Map<string, { pairs: number; correct: number; label: boolean }>(),
  };
  for (const { pair, duplicate } of results) {
    const stats = tally.byKind.get(pair.kind) ?? { pairs: 0, correct: 0, label: pair.duplicate };
    stats.pairs++;
    if (duplicate === pair.duplicate) stats.correct++;
    tally.byKind.set(pair.kind, stats);
    if (duplicate && pair.duplicate) tally.tp++;
    else if (duplicate) tally.fp++;
    else if (pair.duplicate) tally.fn++;
    else tally.tn++;
  }
  const precision = tally.tp + tally.fp === 0 ? 1 : tally.tp / (tally.tp + tally.fp);
  const recall = tally.tp + tally.fn === 0 ? 1 : tally.tp / (tally.tp + tally.fn);
  return { ...tally, precision, recall };
}

/** Describes a wrongly judged pair: id, kind, label and why it was judged so. */
export function describeMistake({ pair, why }: PairResult): string {
  return `${pair.id} (${pair.kind}, labelled ${pair.duplicate ? 'duplicate' : 'distinct'}): ${why}`;
}
