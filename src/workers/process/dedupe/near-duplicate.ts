import type { NearDuplicateCheck } from '../../../domain/near-duplicate-check.js';
import { foldSimplified, simplifyForComparison } from './fingerprint-text.js';
import { intersectionSize, shingleHashes, sketchText, type SketchSettings } from './minhash.js';
import { conflictBetween, factsOf, titlesAgree, type StoryFacts } from './story-conflicts.js';
import { cutTrailingBlocks } from './trailing-blocks.js';

/** Thresholds of the near-duplicate decision; set in config (`dedupe`), where their defaults are. */
export interface NearDuplicateSettings extends SketchSettings {
  /** Jaccard similarity of the shingle sets at or above which two texts are one story. */
  jaccard: number;
  /**
   * Share of the smaller text's shingles found in the larger at or above which they are one
   * story when their titles agree: a truncated copy, or one with a sentence added, has low
   * Jaccard but high containment.
   */
  containment: number;
  /**
   * Containment at or above which they are one story whatever their titles. Containment alone is
   * weaker evidence than Jaccard: a follow-up that quotes a story's lead contains a copy of that
   * lead, nearly; a copy under a title of its own must be contained nearly whole.
   */
  containmentAnyTitle: number;
  /** Texts with fewer shingles than this are too short to judge by text; only exact matches count. */
  minShingles: number;
  /** Candidates compared per item at most, those sharing the most LSH bands first (0: all). */
  maxCandidates: number;
}

/** What comparing two stories needs of one text. */
export interface ComparableText extends StoryFacts {
  shingles: Uint32Array;
}

/** A comparable text with its LSH band keys: what an article being saved needs. */
export interface TextSketch extends ComparableText {
  bandKeys: string[];
}

/**
 * What two copies of a story are compared on: title and text in simplified characters (a
 * partner in Taiwan or Hong Kong converts both), the text without the blocks a site put after
 * it (their headlines name other places and figures), folded for shingling.
 */
function storyOf(title: string, text: string): { title: string; body: string; folded: string } {
  const body = cutTrailingBlocks(simplifyForComparison(text || title));
  return { title: simplifyForComparison(title), body, folded: foldSimplified(body) };
}

/** Sketches an article's title and text: shingles of the folded text, LSH band keys, places named. */
export function sketchArticleText(title: string, text: string, placeNames: readonly string[], settings: NearDuplicateSettings): TextSketch {
  const story = storyOf(title, text);
  const { shingles, bandKeys } = sketchText(story.folded, settings);
  return { ...factsOf(story.title, story.body, placeNames), shingles, bandKeys };
}

/** What comparing needs of a stored candidate: no MinHash, which only finding candidates needs. */
export function comparableText(
  title: string,
  text: string,
  placeNames: readonly string[],
  settings: NearDuplicateSettings,
): ComparableText {
  const story = storyOf(title, text);
  return { ...factsOf(story.title, story.body, placeNames), shingles: shingleHashes(story.folded, settings.shingleSize) };
}

/** The verdict on one candidate pair, and why. */
export interface StoryComparison {
  same: boolean;
  reason: string;
}

/**
 * Decides whether two sketched texts tell the same story: not naming different places, not
 * reporting different figures, and similar enough by Jaccard or by containment. Two notices
 * from one template (羊流镇 vs 楼德镇 召开安全生产工作会议, or one town's meetings of two
 * months) can be near-identical as text; DESIGN.md: they are never merged. The facts are
 * checked before the shingles are compared: they are cheaper, and a templated stream makes
 * most candidates fail on them.
 */
export function compareStories(a: ComparableText, b: ComparableText, settings: NearDuplicateSettings): StoryComparison {
  if (Math.min(a.shingles.length, b.shingles.length) < settings.minShingles) return { same: false, reason: 'too short to judge by text' };
  const conflict = conflictBetween(a, b);
  if (conflict) return { same: false, reason: conflict };
  const { jaccard, containment } = similarityOf(a, b);
  if (jaccard >= settings.jaccard) return { same: true, reason: `jaccard ${jaccard.toFixed(2)}` };
  if (containment >= settings.containmentAnyTitle) return { same: true, reason: `containment ${containment.toFixed(2)}` };
  if (containment >= settings.containment && titlesAgree(a, b))
    return { same: true, reason: `containment ${containment.toFixed(2)}, one title` };
  return { same: false, reason: 'not similar enough' };
}

/** Returns the Jaccard similarity of two texts' shingle sets, and the share of the smaller set found in the larger. */
export function similarityOf(a: ComparableText, b: ComparableText): { jaccard: number; containment: number } {
  const shared = intersectionSize(a.shingles, b.shingles);
  const union = a.shingles.length + b.shingles.length - shared;
  const smaller = Math.min(a.shingles.length, b.shingles.length);
  return { jaccard: union === 0 ? 0 : shared / union, containment: smaller === 0 ? 0 : shared / smaller };
}

/**
 * Returns a factory of near-duplicate checks: for an article, its band keys and a comparison
 * of stored candidates with it. Candidates' comparable texts are cached by id and content hash
 * (the same stored story is a candidate of many new ones; its text is folded and cut once).
 */
export function createNearDuplicateChecker(placeNames: readonly string[], settings: NearDuplicateSettings, cacheSize = 5_000) {
  const checkSketch = createSketchCheck(placeNames, settings, cacheSize);
  return (article: { title: string; contentText: string }): NearDuplicateCheck =>
    checkSketch(sketchArticleText(article.title, article.contentText, placeNames, settings));
}

/** As createNearDuplicateChecker, for an article sketched already (on a pool thread). */
export function createSketchCheck(placeNames: readonly string[], settings: NearDuplicateSettings, cacheSize = 5_000) {
  const cache = new Map<string, ComparableText>();
  const candidateText = (candidate: { id: string; contentHash: string; title: string; contentText: string }): ComparableText => {
    const key = `${candidate.id}:${candidate.contentHash}`;
    let text = cache.get(key);
    if (!text) {
      text = comparableText(candidate.title, candidate.contentText, placeNames, settings);
      if (cache.size >= cacheSize) deleteOldest(cache);
      cache.set(key, text);
    }
    return text;
  };
  return (own: TextSketch): NearDuplicateCheck => ({
    bandKeys: own.shingles.length >= settings.minShingles ? own.bandKeys : [],
    maxCandidates: settings.maxCandidates,
    isSameStory: (candidate) => compareStories(own, candidateText(candidate), settings).same,
  });
}

/** Deletes the entry set first: a Map iterates in insertion order. */
function deleteOldest(map: Map<string, unknown>): void {
  const oldest = map.keys().next();
  if (!oldest.done) map.delete(oldest.value);
}
