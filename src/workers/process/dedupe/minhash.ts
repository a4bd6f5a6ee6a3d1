/**
 * MinHash sketches of character shingles, and LSH band keys over them (Broder 1997; Leskovec,
 * Rajaraman & Ullman, Mining of Massive Datasets §3.4). Two texts whose shingle sets have
 * Jaccard similarity s share at least one band key with probability 1 − (1 − s^rows)^bands.
 */

/**
 * The settings of the sketch: bands × rows hash functions over the whole text, and leadBands ×
 * leadRows over its first leadChars characters (its lead). A partner that runs only the first
 * part of a story shares the lead whole, and with it every lead band, although the two texts'
 * Jaccard similarity (a third of the story against the whole) is too low for the bands of the
 * whole text to meet reliably.
 */
export interface SketchSettings {
  shingleSize: number;
  bands: number;
  rows: number;
  leadChars: number;
  leadBands: number;
  leadRows: number;
}

/** murmur3's 32-bit finalizer: a fast, well-mixed hash of a 32-bit value. */
function mix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Returns `values[index]`, for the loops below whose indices stay inside their arrays by
 * construction: an index outside is a bug, reported rather than hashed as if it were 0.
 */
function at(values: ArrayLike<number>, index: number): number {
  const value = values[index];
  if (value === undefined) throw new RangeError(`minhash: index ${index} outside an array of ${values.length}`);
  return value;
}

/** Returns the code point of each character (a character of a string's iterator is never empty). */
function codePointsOf(text: string): number[] {
  return Array.from(text, (char) => char.codePointAt(0) ?? 0);
}

/** Returns the distinct 32-bit hashes (FNV-1a) of the text's character k-grams, sorted. */
export function shingleHashes(text: string, k: number): Uint32Array {
  const points = codePointsOf(text);
  if (points.length === 0) return new Uint32Array(0);
  const grams = Math.max(1, points.length - k + 1);
  const hashes = new Uint32Array(grams);
  for (let i = 0; i < grams; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < Math.min(i + k, points.length); j++) {
      h ^= at(points, j);
      h = Math.imul(h, 0x01000193);
    }
    hashes[i] = h >>> 0;
  }
  hashes.sort();
  return uniqueSorted(hashes);
}

/** Moves the distinct values of a sorted array to its front, in place, and returns that part. */
function uniqueSorted(sorted: Uint32Array): Uint32Array {
  let n = 0;
  let previous: number | undefined;
  for (const value of sorted) {
    if (value !== previous) sorted[n++] = value;
    previous = value;
  }
  return sorted.subarray(0, n);
}

/**
 * Returns the MinHash signature: for each of `count` seeded hash functions (seeds from `firstSeed`
 * on), the least value over the set.
 */
export function minhashSignature(shingles: Uint32Array, count: number, firstSeed = 0): Uint32Array {
  const signature = new Uint32Array(count).fill(0xffffffff);
  for (let f = 0; f < count; f++) {
    const seed = mix32(firstSeed + f + 0x9e3779b9);
    let min = 0xffffffff;
    for (const shingle of shingles) {
      const h = mix32(shingle ^ seed);
      if (h < min) min = h;
    }
    signature[f] = min;
  }
  return signature;
}

/** Bits of a band hash that pick the Redis hash (the shard) its bucket lives in. */
const SHARD_BITS = 14;

/**
 * Returns one key per band, `band.shard.field`: the band number (from `firstBand` on) and a hash
 * of that band's rows of the signature, split so that buckets are fields of sharded Redis hashes
 * (small hashes are stored compactly as listpacks; one key per bucket would cost far more memory
 * per article).
 */
export function bandKeys(signature: Uint32Array, bands: number, rows: number, firstBand = 0): string[] {
  const keys: string[] = [];
  for (let b = firstBand; b < firstBand + bands; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < rows; r++) h = mix32(h ^ at(signature, (b - firstBand) * rows + r));
    h >>>= 0;
    keys.push(`${b}.${(h >>> (32 - SHARD_BITS)).toString(36)}.${(h & ((1 << (32 - SHARD_BITS)) - 1)).toString(36)}`);
  }
  return keys;
}

/**
 * Returns the shingles of a folded text and its band keys under the settings: the bands of the
 * whole text, numbered from 0, then those of its lead, numbered on from `bands` (their own hash
 * functions, so that a lead band never meets a band of a whole text).
 */
export function sketchText(foldedText: string, settings: SketchSettings): { shingles: Uint32Array; bandKeys: string[] } {
  const shingles = shingleHashes(foldedText, settings.shingleSize);
  if (shingles.length === 0) return { shingles, bandKeys: [] };
  const whole = bandKeys(minhashSignature(shingles, settings.bands * settings.rows), settings.bands, settings.rows);
  if (settings.leadBands === 0) return { shingles, bandKeys: whole };
  const lead = shingleHashes(Array.from(foldedText).slice(0, settings.leadChars).join(''), settings.shingleSize);
  const leadSignature = minhashSignature(lead, settings.leadBands * settings.leadRows, settings.bands * settings.rows);
  return { shingles, bandKeys: [...whole, ...bandKeys(leadSignature, settings.leadBands, settings.leadRows, settings.bands)] };
}

/** |A ∩ B| of two sorted sets of hashes, by merging. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = at(a, i);
    const y = at(b, j);
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}
