/** What two texts must agree on, besides their words, to be one story: places, figures, title. */
export interface StoryFacts {
  /** Towns, streets and counties the title and text name. */
  places: Set<string>;
  /** The numbers in the text (dates, counts, amounts), as written after NFKC. */
  numbers: Set<string>;
  /** The title's character bigrams, in simplified characters, punctuation and spaces left out. */
  titleGrams: Set<string>;
}

const NUMBER = /\d+(?:\.\d+)?/g;
const NOT_A_WORD = /[\s\p{P}\p{S}]/gu;
/** How many numbers each side must have that the other lacks for two texts to be different events. */
const NUMBER_CONFLICT = 2;
/** Share of the shorter title's bigrams found in the other at or above which two titles are one. */
const TITLE_AGREEMENT = 0.8;

/** Returns the facts of a title and text (both in simplified characters) among the city's place names. */
export function factsOf(title: string, text: string, placeNames: readonly string[]): StoryFacts {
  const whole = `${title}\n${text}`;
  const letters = title.replace(NOT_A_WORD, '');
  const titleGrams = new Set<string>();
  for (let i = 0; i + 2 <= letters.length; i++) titleGrams.add(letters.slice(i, i + 2));
  return {
    places: new Set(placeNames.filter((name) => whole.includes(name))),
    numbers: new Set(text.match(NUMBER) ?? []),
    titleGrams,
  };
}

/**
 * Describes why two texts are different stories whatever their words — each names a place the
 * other does not, or each reports figures the other lacks — else undefined. A copy with a
 * sentence added or dropped, or cut short, differs on one side only.
 */
export function conflictBetween(a: StoryFacts, b: StoryFacts): string | undefined {
  const places = placeConflict(a.places, b.places);
  if (places) return `names different places (${places})`;
  const figures = numberConflict(a.numbers, b.numbers);
  return figures && `reports different figures (${figures})`;
}

/** True when the shorter title is, bigram for bigram, mostly inside the other: 【泰安】 and 原标题 prefixes, a subtitle dropped. */
export function titlesAgree(a: StoryFacts, b: StoryFacts): boolean {
  const [shorter, longer] = a.titleGrams.size <= b.titleGrams.size ? [a.titleGrams, b.titleGrams] : [b.titleGrams, a.titleGrams];
  if (shorter.size === 0) return false;
  let shared = 0;
  for (const gram of shorter) if (longer.has(gram)) shared++;
  return shared / shorter.size >= TITLE_AGREEMENT;
}

function numberConflict(a: Set<string>, b: Set<string>): string | undefined {
  const onlyA = [...a].filter((n) => !b.has(n));
  const onlyB = [...b].filter((n) => !a.has(n));
  return onlyA.length >= NUMBER_CONFLICT && onlyB.length >= NUMBER_CONFLICT
    ? `${onlyA.slice(0, 3).join(',')} vs ${onlyB.slice(0, 3).join(',')}`
    : undefined;
}

function placeConflict(a: Set<string>, b: Set<string>): string | undefined {
  const onlyA = [...a].filter((place) => !b.has(place) && ![...b].some((other) => other.includes(place) || place.includes(other)));
  const onlyB = [...b].filter((place) => !a.has(place) && ![...a].some((other) => other.includes(place) || place.includes(other)));
  return onlyA.length > 0 && onlyB.length > 0 ? `${onlyA.join('、')} vs ${onlyB.join('、')}` : undefined;
}
