/** Cuts text into words (a Chinese segmenter, jieba, behind it): how titles, texts and queries become terms. */
export type SegmentText = (text: string) => string[];

/** How many distinct terms one article is indexed under: a long article's first words and its title, not all. */
export const MAX_SEARCH_TERMS = 2_000;
/** Longer words are not terms (a run of letters or digits, a URL cut apart). */
const MAX_TERM_LENGTH = 32;

/** A word worth indexing: two or more Han characters, or two or more letters and digits. */
const TERM = /^(?:\p{Script=Han}{2,}|[\p{L}\p{N}]{2,})$/u;
const HAN_WORD = /^\p{Script=Han}+$/u;
/** One Han character, letter or digit: what a segmenter leaves alone when it knows no word there. */
const SINGLE = /^[\p{L}\p{N}]$/u;

/** Returns a word as it is indexed and searched: NFKC (full-width letters and digits become ASCII), lower case; '' when it is no term. */
export function normalizeTerm(word: string): string {
  const term = word.normalize('NFKC').trim().toLowerCase();
  return term.length <= MAX_TERM_LENGTH && TERM.test(term) ? term : '';
}

/**
 * Returns the distinct terms an article is found by: the words of its title, then of its text
 * (runs of single characters joined), and, of each Han word longer than two characters, every two- and three-character part, so
 * that 新泰 finds 新泰市 and 羊流镇 finds 新泰市羊流镇 however the segmenter cut them (jieba's
 * search mode does the same with the parts its dictionary knows). At most MAX_SEARCH_TERMS.
 */
export function searchTermsOf(titleWords: readonly string[], textWords: readonly string[]): string[] {
  const terms = new Set<string>();
  for (const word of [...joinSingles(titleWords), ...joinSingles(textWords)]) {
    const term = normalizeTerm(word);
    if (term === '') continue;
    for (const part of [term, ...partsOf(term)]) {
      if (terms.size >= MAX_SEARCH_TERMS) return [...terms];
      terms.add(part);
    }
  }
  return [...terms];
}

/** The terms a query asks for (all of them, in any order): its words that are terms, each once. */
export function queryTermsOf(words: readonly string[]): string[] {
  return [
    ...new Set(
      joinSingles(words)
        .map(normalizeTerm)
        .filter((term) => term !== ''),
    ),
  ];
}

/**
 * Joins runs of single characters into one word (老|旧 → 老旧, 京|台 → 京台, ｇ|３ → ｇ３): alone
 * they are no terms, and a query would silently lose them; on both sides, the same run makes the
 * same word.
 */
function joinSingles(words: readonly string[]): string[] {
  const joined: string[] = [];
  let run = '';
  for (const word of words) {
    if (SINGLE.test(word)) {
      run += word;
      continue;
    }
    if (run !== '') joined.push(run);
    run = '';
    joined.push(word);
  }
  if (run !== '') joined.push(run);
  return joined;
}

/** Every two- and three-character run inside a Han word longer than two characters. */
function partsOf(term: string): string[] {
  // Code points: a Han character outside the BMP is one character, not two halves.
  const chars = Array.from(term);
  if (chars.length <= 2 || !HAN_WORD.test(term)) return [];
  const parts: string[] = [];
  for (const size of [2, 3])
    for (let i = 0; i + size <= chars.length; i++) if (size < chars.length) parts.push(chars.slice(i, i + size).join(''));
  return parts;
}
