import type { PlaceMatch } from './gazetteer.js';
import type { Where } from './mention.js';
import { CLAUSE_END, CUE_WORDS, EVENT_WORDS, type CueMeaning } from './region-cues.js';

/** A cue word (全市, 市委, 县域 …) in the article. */
export interface CueMention {
  name: string;
  meaning: CueMeaning;
  where: Where;
  /** The division named right before it (新泰市委, 泰安市政府), if any. */
  qualifier: string | undefined;
  /** Its clause tells of an event: a meeting, a drill, an inspection. */
  event: boolean;
}

/** The cue words of one part of the article, with what stands right before them and whether their clause tells of an event. */
export function cuesIn(where: Where, text: string, cues: PlaceMatch[], names: PlaceMatch[]): CueMention[] {
  return cues.map((cue) => cueMention(where, text, cue, names));
}

/**
 * The cue words that the text writes right after one of this city's counties (肥城市长, 新泰市委书记),
 * also where jieba cut them otherwise (肥城市|长).
 */
export function cuesAfterCounties(text: string, names: PlaceMatch[]): string[] {
  const words: string[] = [];
  for (const name of names) {
    const county = name.entries.some((e) => (e.kind === 'county' || e.kind === 'alias') && e.division?.length === 6);
    if (!county) continue;
    // 肥城市长: the county's 市 is the cue's first character.
    for (const start of [name.end, name.end - 1]) {
      for (const word of CUE_WORDS.keys()) if (text.startsWith(word, start) && start + word.length > name.end) words.push(word);
    }
  }
  return words;
}

function cueMention(where: Where, text: string, cue: PlaceMatch, names: PlaceMatch[]): CueMention {
  const before = names.find((m) => m.entries.some((e) => e.division !== undefined) && m.begin < cue.begin && m.end >= cue.begin);
  const meaning = cue.entries.find((e) => e.cue)?.cue ?? { level: 'city', role: 'scope' };
  return {
    name: cue.name,
    meaning,
    where,
    qualifier: before?.entries.find((e) => e.division)?.division,
    event: EVENT_WORDS.test(clauseOf(text, cue)),
  };
}

function clauseOf(text: string, { begin, end }: { begin: number; end: number }): string {
  let start = begin;
  while (start > 0 && !CLAUSE_END.test(text.charAt(start - 1))) start--;
  let stop = end;
  while (stop < text.length && !CLAUSE_END.test(text.charAt(stop))) stop++;
  return text.slice(start, stop);
}
