import { createConverter } from './opencc-converter.js';

/** Traditional (Taiwan, Hong Kong and generic) to simplified characters, for the content hash. */
const toSimplified = createConverter({ from: 't', to: 'cn' });
/**
 * Traditional to simplified with Taiwan's variants and phrases undone too (著→着, 軟體→软件,
 * 網路→网络): for comparing stories only. The content hash keeps the converter above, because
 * stored articles are keyed by it: a hash that changed between releases would make every stored
 * article look edited when its item came again.
 */
const toSimplifiedForComparison = createConverter({ from: 'twp', to: 'cn' });

/** Characters that differ between copies of one text without changing what it says. */
const IGNORED = /[\s\p{P}\p{S}\p{Cc}\p{Cf}]/gu;

/**
 * Returns the text reduced to what two copies of one story share however they are typeset:
 * NFKC (full-width letters and digits to ASCII), simplified characters, lower case, and no
 * white space, punctuation or symbols. Used for the content hash.
 */
export function foldForFingerprint(text: string): string {
  return stripTypesetting(toSimplified(text.normalize('NFKC')));
}

/** Returns the text in simplified characters, Taiwan's words included, lines kept: what copies are compared in. */
export function simplifyForComparison(text: string): string {
  return toSimplifiedForComparison(text.normalize('NFKC'));
}

/** Returns simplified text (simplifyForComparison) folded as foldForFingerprint folds: what the shingles are cut from. */
export function foldSimplified(simplified: string): string {
  return stripTypesetting(simplified);
}

function stripTypesetting(text: string): string {
  return text.replace(IGNORED, '').toLowerCase();
}
