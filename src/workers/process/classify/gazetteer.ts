import { AhoCorasick } from '@monyone/aho-corasick';
import { townShortForm, type CityDivisions } from '../../../domain/division.js';
import { CUE_WORDS, type CueMeaning } from './region-cues.js';
import { selectWords, TextWords, type EdgeRisk, type Segment } from './word-boundaries.js';

/** What a name found in a text stands for. */
export type PlaceKind = 'city' | 'county' | 'town' | 'alias' | 'short' | 'place' | 'not-place' | 'foreign' | 'cue';

export interface PlaceEntry {
  name: string;
  kind: PlaceKind;
  /** The division code it names (absent for not-place, foreign and cue words). */
  division?: string | undefined;
  /** Bound to one channel directly (a zone or landmark configured for a channel). */
  channel?: string | undefined;
  /** A name that places elsewhere in China bear too (新城街道, 东平, 牛山): it needs corroboration. */
  shared: boolean;
  /** For cue words: what they say. */
  cue?: CueMeaning | undefined;
}

/** What the config adds to the official lists. */
export interface GazetteerAdditions {
  /** Other names of a division (short forms, old names), by division code. */
  aliases: Readonly<Record<string, readonly string[]>>;
  /** Zones and landmarks: a name and the division or channel it belongs to. */
  places: readonly { name: string; division?: string | undefined; channel?: string | undefined; shared?: boolean | undefined }[];
  /** Words that contain a place name but are not that place (山东泰山, 新泰安 …). */
  notPlaces: readonly string[];
  /** Places elsewhere that the official lists lack (Taiwan's cities: 新北, 台中 …). */
  elsewhere: readonly string[];
  /** Whether a town is also found by its name without 镇/乡/街道 (楼德 for 楼德镇). */
  townShortForms: boolean;
  /** Short forms that are ordinary words or names (天平, 新城 …) and are not matched. */
  shortFormStoplist: readonly string[];
}

/** What a real segmenter tells the gazetteer: the words of a clause, and whether a word is an ordinary one. */
export interface WordTools {
  segment: Segment;
  /** True for a dictionary word that is not a proper noun (财源, 上高): not a short form of a town. */
  isOrdinaryWord: (word: string) => boolean;
  /** For every name, the neighbours that could make a dictionary word across its edges. */
  edgeRisks: (names: readonly string[]) => ReadonlyMap<string, EdgeRisk>;
}

/** One name found in a text: where it starts and ends, and what it may stand for. */
export interface PlaceMatch {
  name: string;
  begin: number;
  end: number;
  entries: readonly PlaceEntry[];
  /** Landmarks need a word boundary before them only (天颐湖景区 is cut 天|颐|湖景区). */
  openEdgeOnly?: boolean | undefined;
  /** Which neighbours could make a word across its edges. */
  risk?: EdgeRisk | undefined;
}

/** The county-level unit a division code falls in: a county-level city has its own 市委 and 全市. */
export type CountyType = 'county-city' | 'county' | 'district';

/**
 * The gazetteer of one city: every name of its county-level units, towns and streets, with
 * the zones, landmarks, aliases and not-place words of the config and the cue words of local
 * news (全市, 县委 …), matched in one pass over a text by an Aho–Corasick automaton. Names count
 * where they stand as words (a segmenter decides), leftmost-longest: 泰山区 wins over 泰山,
 * 山东泰山 (a football club) over 泰山, and 新泰 inside 创新泰安 does not count.
 */
export class Gazetteer {
  private readonly entries = new Map<string, PlaceEntry[]>();
  /** What each name is, worked out once: its entries, whether it is a name, a cue, a landmark. */
  private readonly sorts = new Map<
    string,
    { entries: readonly PlaceEntry[]; name: boolean; cue: boolean; openEdgeOnly: boolean; risk: EdgeRisk | undefined }
  >();
  private readonly matcher: AhoCorasick;
  private readonly countyTypes = new Map<string, CountyType>();
  private readonly qualifiers: ReadonlySet<string>;

  constructor(
    divisions: CityDivisions,
    additions: GazetteerAdditions,
    private readonly words?: WordTools,
  ) {
    const shared = new Set(divisions.namesSharedElsewhere);
    const add = (entry: Omit<PlaceEntry, 'shared'>) => this.add({ ...entry, shared: shared.has(entry.name) });
    add({ name: divisions.city.name, kind: 'city', division: divisions.city.code });
    for (const county of divisions.counties) {
      add({ name: county.name, kind: 'county', division: county.code });
      this.countyTypes.set(county.code, county.name.endsWith('市') ? 'county-city' : county.name.endsWith('区') ? 'district' : 'county');
    }
    const stoplist = new Set(additions.shortFormStoplist);
    for (const town of divisions.towns) {
      add({ name: town.name, kind: 'town', division: town.code });
      const short = townShortForm(town.name);
      const usable = short !== town.name && short.length >= 2 && !stoplist.has(short) && !words?.isOrdinaryWord(short);
      if (additions.townShortForms && usable) add({ name: short, kind: 'short', division: town.code });
    }
    for (const [division, names] of Object.entries(additions.aliases)) {
      for (const name of names) add({ name, kind: 'alias', division });
    }
    for (const { shared: sharedToo, ...place } of additions.places) {
      this.add({ ...place, kind: 'place', shared: sharedToo === true || shared.has(place.name) });
    }
    for (const name of [...additions.notPlaces, ...divisions.provinceNames]) this.add({ name, kind: 'not-place', shared: false });
    for (const [name, cue] of CUE_WORDS) this.add({ name, kind: 'cue', cue, shared: false });
    // A place elsewhere whose name is an ordinary word (城区 of 阳泉, 矿区, 郊区) says nothing of elsewhere.
    for (const name of divisions.foreignPlaceNames) {
      if (!this.entries.has(name) && !words?.isOrdinaryWord(name)) this.add({ name, kind: 'foreign', shared: false });
    }
    for (const name of additions.elsewhere) if (!this.entries.has(name)) this.add({ name, kind: 'foreign', shared: false });
    this.qualifiers = new Set(divisions.foreignCountyShortNames);
    const risks = words?.edgeRisks([...this.entries.keys()]);
    const noRisk: EdgeRisk = { before: '', after: '' };
    for (const [name, entries] of this.entries) {
      const cue = entries.some((e) => e.kind === 'cue');
      // A name the config also lists as a place or alias (济宁's 全市) is both a name and a cue.
      const isName = entries.some((e) => e.kind !== 'cue');
      const openEdgeOnly = entries.every((e) => e.kind === 'place');
      this.sorts.set(name, { entries, cue, name: isName, openEdgeOnly, risk: risks ? (risks.get(name) ?? noRisk) : undefined });
    }
    this.matcher = new AhoCorasick([...this.entries.keys()]);
  }

  private add(entry: PlaceEntry): void {
    const list = this.entries.get(entry.name) ?? [];
    if (!list.some((e) => e.kind === entry.kind && e.division === entry.division && e.channel === entry.channel)) list.push(entry);
    this.entries.set(entry.name, list);
  }

  /** Returns the names of the city's places (counties, towns, streets, zones, landmarks), for the dedupe place rule. */
  placeNames(): string[] {
    return [...this.entries]
      .filter(([, list]) => list.some((e) => e.kind !== 'not-place' && e.kind !== 'foreign' && e.kind !== 'short' && e.kind !== 'cue'))
      .map(([name]) => name);
  }

  /** Finds every name in the text in one automaton pass, leftmost-longest, without overlaps and without word checks. */
  match(text: string): PlaceMatch[] {
    return selectWords(this.candidates(text).names);
  }

  /**
   * Reads a text: the names that stand as words in it (leftmost-longest, without overlaps),
   * and apart from them the cue words (全市, 县委 …) that stand as words.
   */
  read(text: string): { names: PlaceMatch[]; cues: PlaceMatch[] } {
    const { names, cues } = this.candidates(text);
    const words = this.words ? new TextWords(text, this.words.segment) : undefined;
    return { names: selectWords(names, words), cues: selectWords(cues, words) };
  }

  /** Whether the text right before `begin` names a county or district elsewhere (崇明东平, 浦口泰山新村). */
  qualifiedElsewhere(text: string, begin: number): boolean {
    for (let length = 2; length <= 4 && length <= begin; length++) {
      if (this.qualifiers.has(text.slice(begin - length, begin))) return true;
    }
    return false;
  }

  /** The type of the county-level unit of a division code (undefined for the city itself). */
  countyTypeOf(division: string): CountyType | undefined {
    return this.countyTypes.get(division.slice(0, 6));
  }

  private candidates(text: string): { names: PlaceMatch[]; cues: PlaceMatch[] } {
    const names: PlaceMatch[] = [];
    const cues: PlaceMatch[] = [];
    for (const { begin, end, keyword } of this.matcher.matchInText(text)) {
      const sort = this.sorts.get(keyword);
      if (!sort) continue;
      const match = { name: keyword, begin, end, entries: sort.entries, openEdgeOnly: sort.openEdgeOnly, risk: sort.risk };
      if (sort.name) names.push(match);
      if (sort.cue) cues.push(match);
    }
    return { names, cues };
  }
}
