import type { NearDuplicateCheck } from '../../../domain/near-duplicate-check.js';
import { foldForFingerprint } from './fingerprint-text.js';
import { intersectionSize, shingleHashes, sketchText, type SketchSettings } from './minhash.js';

/** Thresholds of the near-duplicate decision; set in config (`dedupe`), where their defaults are. */
export interface NearDuplicateSettings extends SketchSettings {
  /** Jaccard similarity of the shingle sets at or above which two texts are one story. */
  jaccard: number;
  /**
   * Share of the smaller text's shingles found in the larger at or above which they are one
   * story: a truncated copy, or one with a sentence added, has low Jaccard but high containment.
   */
  containment: number;
  /** Texts with fewer shingles than this are too short to judge by text; only exact matches count. */
  minShingles: number;
}

/** What comparing two stories needs of one text. */
export interface ComparableText {
  shingles: Uint32Array;
  /** Towns, streets and counties the text names. */
  places: Set<string>;
  /** The numbers in the text (dates, counts, amounts), as written after NFKC. */
  numbers: Set<string>;
}

/** A comparable text with its LSH band keys: what an article being saved needs. */
export interface TextSketch extends ComparableText {
  bandKeys: string[];
}

const NUMBER = /\d+(?:\.\d+)?/g;
/** How many numbers each side must have that the other lacks for two texts to be different events. */
const NUMBER_CONFLICT = 2;

/** Sketches an article's title and text: shingles of the folded text, LSH band keys, places named. */
export function sketchArticleText(title: string, text: string, placeNames: readonly string[], settings: NearDuplicateSettings): TextSketch {
  const folded = foldForFingerprint(text || title);
  return { ...comparable(folded, title, text, placeNames, settings), bandKeys: sketchText(folded, settings).bandKeys };
}

/** What comparing needs of a stored candidate: no MinHash, which only finding candidates needs. */
export function comparableText(
  title: string,
  text: string,
  placeNames: readonly string[],
  settings: NearDuplicateSettings,
): ComparableText {
  return comparable(foldForFingerprint(text || title), title, text, placeNames, settings);
}

function comparable(
  folded: string,
  title: string,
  text: string,
  placeNames: readonly string[],
  settings: NearDuplicateSettings,
): ComparableText {
  const whole = `${title}\n${text}`;
  return {
    shingles: shingleHashes(folded, settings.shingleSize),
    places: new Set(placeNames.filter((name) => whole.includes(name))),
    numbers: new Set(text.normalize('NFKC').match(NUMBER) ?? []),
  };
}

/** The verdict on one candidate pair, with the numbers behind it. */
export interface StoryComparison {
  same: boolean;
  jaccard: number;
  containment: number;
  reason: string;
}

/**
 * Decides whether two sketched texts tell the same story: similar enough by Jaccard or by
 * containment, not naming different places, and not reporting different figures. Two notices
 * from one template (羊流镇 vs 楼德镇 召开安全生产工作会议, or one town's meetings of two
 * months) can be near-identical as text; DESIGN.md: they are never merged. A repost keeps the
 * figures; a copy with a sentence added or dropped differs on one side only.
 */
export function compareStories(a: ComparableText, b: ComparableText, settings: NearDuplicateSettings): StoryComparison {
  const shared = intersectionSize(a.shingles, b.shingles);
  const union = a.shingles.length + b.shingles.length - shared;
  const jaccard = union === 0 ? 0 : shared / union;
  const smaller = Math.min(a.shingles.length, b.shingles.length);
  const containment = smaller === 0 ? 0 : shared / smaller;
  const base = { jaccard, containment };
  if (smaller < settings.minShingles) return { ...base, same: false, reason: 'too short to judge by text' };
  const conflict = placeConflict(a.places, b.places);
  if (conflict) return { ...base, same: false, reason: `names different places (${conflict})` };
  const figures = numberConflict(a.numbers, b.numbers);
  if (figures) return { ...base, same: false, reason: `reports different figures (${figures})` };
  if (jaccard >= settings.jaccard) return { ...base, same: true, reason: `jaccard ${jaccard.toFixed(2)}` };
  if (containment >= settings.containment) return { ...base, same: true, reason: `containment ${containment.toFixed(2)}` };
  return { ...base, same: false, reason: 'not similar enough' };
}

/** Each side has numbers the other lacks: describes the clash, else undefined. */
function numberConflict(a: Set<string>, b: Set<string>): string | undefined {
  const onlyA = [...a].filter((n) => !b.has(n));
  const onlyB = [...b].filter((n) => !a.has(n));
  return onlyA.length >= NUMBER_CONFLICT && onlyB.length >= NUMBER_CONFLICT
    ? `${onlyA.slice(0, 3).join(',')} vs ${onlyB.slice(0, 3).join(',')}`
    : undefined;
}

/** Each side names a place the other does not: describes the clash, else undefined. */
function placeConflict(a: Set<string>, b: Set<string>): string | undefined {
  const onlyA = [...a].filter((place) => !b.has(place) && ![...b].some((other) => other.includes(place) || place.includes(other)));
  const onlyB = [...b].filter((place) => !a.has(place) && ![...a].some((other) => other.includes(place) || place.includes(other)));
  return onlyA.length > 0 && onlyB.length > 0 ? `${onlyA.join('、')} vs ${onlyB.join('、')}` : undefined;
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
    isSameStory: (candidate) => compareStories(own, candidateText(candidate), settings).same,
  });
}

/** Deletes the entry set first: a Map iterates in insertion order. */
function deleteOldest(map: Map<string, unknown>): void {
  const oldest = map.keys().next();
  if (!oldest.done) map.delete(oldest.value);
}
