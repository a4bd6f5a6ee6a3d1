import type { Channel, PlacementEvidence } from '../../../domain/channel.js';
import type { CueMention } from './find-cues.js';
import type { Reading } from './find-mentions.js';
import type { Mention, Where } from './mention.js';
import type { CountyType } from './gazetteer.js';

/** What cues count by where they stand; all cues together add at most CUE_CAP to a channel: they support, names decide. */
const CUE_WEIGHT: Record<Where, number> = { title: 2, lead: 1, body: 0.5, hint: 0, source: 0 };
const CUE_CAP = 2;
/** A city-level body or event in a county places the story in the city-wide channel too. */
const CITY_IN_COUNTY_WEIGHT = 2;

/** Where a division sits: the type of its county-level unit (undefined for the city itself). */
export type CountyTypeOf = (division: string) => CountyType | undefined;

/**
 * Weighs the cue words of an article (全市, 城区, 市委, 全县, 县域 …) for the channels they speak
 * of, and returns the evidence by channel id. The article's home is the one county-level unit
 * its headline names (else its hints, else its body). 市 cues speak of a county-level city
 * when that is the home (新泰 news says 全市 of 新泰) or qualify it (肥城市委), of the city
 * otherwise, and then only when something ties the article to the city: a place of it, or
 * the city in a hint. 县 cues speak of the home county. A city-level body or event in a
 * county (市委书记到东平调研, 全市…现场会在宁阳召开) places the story in the city-wide channel as well.
 */
export function weighCues(reading: Reading, channels: readonly Channel[], countyTypeOf: CountyTypeOf): Map<string, PlacementEvidence[]> {
  const counting = reading.mentions.filter((m) => m.evidence.weight > 0);
  const home = homeOf(counting);
  const tied = reading.cityInHints || counting.length > 0;
  const cityWide = channels.find((channel) => channel.cityWide);
  const channelsOf = (unit: string) =>
    unit.startsWith(CHANNEL_UNIT)
      ? channels.filter((channel) => CHANNEL_UNIT + channel.id === unit)
      : channels.filter((channel) => channel.divisions.some((code) => unit === code || (channel.rollUp && unit.startsWith(code))));
  const targetOf = (cue: CueMention): Channel[] => {
    const unit = cue.qualifier ?? home;
    const type = unit && !unit.startsWith(CHANNEL_UNIT) ? countyTypeOf(unit) : undefined;
    const toCity = () => (cityWide && tied ? [cityWide] : []);
    if (cue.qualifier?.length === 4) return cue.meaning.level === 'city' ? toCity() : [];
    if (cue.meaning.level === 'city') {
      if (type === 'county-city') return channelsOf(unit ?? '');
      return type === 'county' || (cue.qualifier && type !== 'district') ? [] : toCity();
    }
    const fits = cue.meaning.level === 'county' ? type === 'county' : type === 'county' || type === 'county-city';
    return fits && unit ? channelsOf(unit) : [];
  };
  const out = new Map<string, PlacementEvidence[]>();
  const totals = new Map<string, number>();
  for (const cue of [...reading.cues].sort((a, b) => CUE_WEIGHT[b.where] - CUE_WEIGHT[a.where])) {
    for (const channel of targetOf(cue)) {
      const total = totals.get(channel.id) ?? 0;
      const weight = Math.min(CUE_WEIGHT[cue.where], CUE_CAP - total);
      if (weight <= 0) continue;
      totals.set(channel.id, total + weight);
      const note = cue.meaning.level === 'city' && channel.cityWide ? 'city-wide cue' : 'cue of the county the story is about';
      push(out, channel.id, { name: cue.name, where: cue.where, weight, note });
    }
  }
  const visit = cityWide ? cityLevelVisit(reading, counting, countyTypeOf) : undefined;
  if (cityWide && visit) push(out, cityWide.id, visit);
  return out;
}

/**
 * The county-level unit (or channel-bound zone) the headline is about: the one it names, or the
 * one whose names outweigh all others together; else the hints'; else the body's.
 */
function homeOf(counting: Mention[]): string | undefined {
  for (const parts of [['title', 'lead'], ['hint'], ['body']]) {
    const weights = new Map<string, number>();
    for (const m of counting) {
      const unit = unitOf(m);
      if (unit && parts.includes(m.where)) weights.set(unit, (weights.get(unit) ?? 0) + m.evidence.weight);
    }
    if (weights.size === 0) continue;
    const total = [...weights.values()].reduce((sum, w) => sum + w, 0);
    const [top] = [...weights].sort((a, b) => b[1] - a[1]);
    return top && top[1] > total - top[1] ? top[0] : undefined;
  }
  return undefined;
}

/** The unit of a place filed under a channel rather than a division (a zone, a landmark): `channel=<id>`. */
const CHANNEL_UNIT = 'channel=';

function unitOf(mention: Mention): string | undefined {
  if (mention.channel) return CHANNEL_UNIT + mention.channel;
  return mention.division && mention.division.length >= 6 ? mention.division.slice(0, 6) : undefined;
}

/**
 * Evidence that a city-level body or event is in a county the headline names: a 市 actor
 * (市委书记, 市长 …) or a 全市 event that is not the county's own (新泰市委书记, 肥城市长: a cue word
 * written after a county once is that county's throughout the article), or a title that opens
 * with the city. In a county (县) that is enough; in a county-level city, which has its own 市委
 * and 全市, someone must have come to it: the city by name (泰安市委), a 全市 event held at one of
 * its places (在汶阳镇召开), or a 市 actor come to the county itself (市长在新泰调研).
 */
function cityLevelVisit(reading: Reading, counting: Mention[], countyTypeOf: CountyTypeOf): PlacementEvidence | undefined {
  const headline = (where: Where) => where === 'title' || where === 'lead';
  const ownWords = new Set([
    ...reading.countyOwnCues,
    ...reading.cues.filter((c) => c.qualifier && c.qualifier.length > 4).map((c) => c.name),
  ]);
  const actors = reading.cues.filter(
    (c) =>
      headline(c.where) &&
      c.meaning.level === 'city' &&
      (c.meaning.role === 'actor' || c.event) &&
      (c.qualifier === undefined || c.qualifier.length === 4) &&
      !ownWords.has(c.name),
  );
  const named = reading.cityOpensTitle || actors.some((c) => c.qualifier?.length === 4);
  const event = actors.some((c) => c.meaning.role === 'scope');
  if (actors.length === 0 && !reading.cityOpensTitle) return undefined;
  const county = counting.find((m) => {
    if (!headline(m.where) || m.channel || !m.division || m.division.length < 6) return false;
    const type = countyTypeOf(m.division);
    const countyItself = m.division.length === 6 && (m.kind === 'county' || m.kind === 'alias');
    return type === 'county' || (type === 'county-city' && (named || (m.arrived && (event || countyItself))));
  });
  if (!county) return undefined;
  const [actor] = actors;
  return {
    name: actor?.name ?? county.name,
    where: actor?.where ?? county.where,
    weight: CITY_IN_COUNTY_WEIGHT,
    note: `city-level body or event in ${county.name}`,
  };
}

function push(map: Map<string, PlacementEvidence[]>, id: string, evidence: PlacementEvidence): void {
  const list = map.get(id) ?? [];
  list.push(evidence);
  map.set(id, list);
}
