import { createConverter } from './opencc-converter.js';

/** Traditional (Taiwan, Hong Kong and generic) to simplified characters, for comparison only. */
const toSimplified = createConverter({ from: 't', to: 'cn' });

/** Characters that differ between copies of one text without changing what it says. */
const IGNORED = /[\s\p{P}\p{S}\p{Cc}\p{Cf}]/gu;

/**
 * Returns the text reduced to what two copies of one story share however they are typeset:
 * NFKC (full-width letters and digits to ASCII), simplified characters, lower case, and no
 * white space, punctuation or symbols. Used for the content hash and the shingles.
 */
export function foldForFingerprint(text: string): string {
  return toSimplified(text.normalize('NFKC')).replace(IGNORED, '').toLowerCase();
}
