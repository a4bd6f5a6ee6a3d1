import { AhoCorasick } from '@monyone/aho-corasick/greedy';
import type { CityDivisions } from '../../../domain/division.js';

/** What a name found in a text stands for. */
export type PlaceKind = 'city' | 'county' | 'town' | 'alias' | 'short' | 'place' | 'not-place' | 'foreign';

export interface PlaceEntry {
  name: string;
  kind: PlaceKind;
  /** The division code it names (absent for not-place and foreign names). */
  division?: string | undefined;
  /** Bound to one channel directly (a zone or landmark configured for a channel). */
  channel?: string | undefined;
  /** A town name that towns elsewhere in China bear too: it needs corroboration. */
  shared: boolean;
}

/** What the config adds to the official lists. */
export interface GazetteerAdditions {
  /** Other names of a division (short forms, old names), by division code. */
  aliases: Readonly<Record<string, readonly string[]>>;
  /** Zones and landmarks: a name and the division or channel it belongs to. */
  places: readonly { name: string; division?: string | undefined; channel?: string | undefined }[];
  /** Words that contain a place name but are not that place (山东泰山, 新泰安 …). */
  notPlaces: readonly string[];
  /** Whether a town is also found by its name without 镇/乡/街道 (楼德 for 楼德镇). */
  townShortForms: boolean;
  /** Short forms that are ordinary words or names (天平, 新城 …) and are not matched. */
  shortFormStoplist: readonly string[];
}

/** One name found in a text: where it starts and ends, and what it may stand for. */
export interface PlaceMatch {
  name: string;
  begin: number;
  end: number;
  entries: readonly PlaceEntry[];
}

const TOWN_SUFFIX = /(镇|乡|街道)$/;

/**
 * The gazetteer of one city: every name of its county-level units, towns and streets, with
 * the zones, landmarks, aliases and not-place words of the config, matched in one pass over
 * a text by an Aho–Corasick automaton, leftmost-longest: 泰山区 wins over 泰山, 山东泰山 (a
 * football club) over 泰山, 新泰安 over 新泰.
 */
export class Gazetteer {
  private readonly entries = new Map<string, PlaceEntry[]>();
  private readonly matcher: AhoCorasick;

  constructor(divisions: CityDivisions, additions: GazetteerAdditions) {
    const shared = new Set(divisions.townNamesSharedElsewhere);
    this.add({ name: divisions.city.name, kind: 'city', division: divisions.city.code, shared: false });
    for (const county of divisions.counties) this.add({ name: county.name, kind: 'county', division: county.code, shared: false });
    const stoplist = new Set(additions.shortFormStoplist);
    for (const town of divisions.towns) {
      this.add({ name: town.name, kind: 'town', division: town.code, shared: shared.has(town.name) });
      const short = town.name.replace(TOWN_SUFFIX, '');
      if (additions.townShortForms && short !== town.name && short.length >= 2 && !stoplist.has(short)) {
        this.add({ name: short, kind: 'short', division: town.code, shared: shared.has(town.name) });
      }
    }
    for (const [division, names] of Object.entries(additions.aliases)) {
      for (const name of names) this.add({ name, kind: 'alias', division, shared: false });
    }
    for (const place of additions.places) this.add({ ...place, kind: 'place', shared: false });
    for (const name of [...additions.notPlaces, ...divisions.provinceNames]) this.add({ name, kind: 'not-place', shared: false });
    for (const name of divisions.foreignPlaceNames) if (!this.entries.has(name)) this.add({ name, kind: 'foreign', shared: false });
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
      .filter(([, list]) => list.some((e) => e.kind !== 'not-place' && e.kind !== 'foreign' && e.kind !== 'short'))
      .map(([name]) => name);
  }

  /** Finds every name in the text, leftmost-longest, without overlaps. */
  match(text: string): PlaceMatch[] {
    return this.matcher
      .matchInText(text)
      .map(({ begin, end, keyword }) => ({ name: keyword, begin, end, entries: this.entries.get(keyword) ?? [] }));
  }
}
