import type { PlacementEvidence } from '../../../domain/channel.js';
import type { Gazetteer, PlaceEntry } from './gazetteer.js';

type Where = PlacementEvidence['where'];

/** One place named in the article or its hints, with the weight it would carry. */
export interface Mention {
  division: string | undefined;
  channel: string | undefined;
  kind: PlaceEntry['kind'];
  shared: boolean;
  where: Where;
  evidence: PlacementEvidence;
}

/** The article's parts as placement reads them, strongest first. */
export interface ArticleParts {
  title: string;
  lead: string;
  body: string;
  /** Breadcrumb parts and the source's name. */
  hints: string[];
}

const WEIGHT: Record<Where, number> = { title: 3, lead: 2, body: 1, hint: 3, source: 5 };
/** Full official names count fully; aliases and short forms less (新泰 may sit inside a word). */
const KIND_FACTOR: Partial<Record<PlaceEntry['kind'], number>> = { city: 1, county: 1, town: 1, place: 1, alias: 0.8, short: 0.7 };
/** Kinds of name that a story set elsewhere may use without meaning this city: 泰山, 东平, 楼德, a shared 新城街道. */
const WEAK_KINDS = new Set<PlaceEntry['kind']>(['alias', 'short', 'place']);
/** Mentions of one name in the body beyond this add nothing: a long report repeats its town. */
const BODY_MENTIONS_COUNTED = 3;
/** After an alias or short form, these make it the name of a thing: 宁阳路, 新泰银行, 新汶矿业. */
const THING_SUFFIX = /^(路|街|大街|大道|巷|小区|花园|广场|银行|公司|集团|矿业|酒店|宾馆|队|号|站)/;

/**
 * Finds the places an article names, with where and how strongly. Names right after a place
 * elsewhere (南京浦口泰山街道, 阳江东平镇) belong to that place and are dropped. When the
 * headline is set elsewhere (a foreign place in title or lead, the title does not open with a
 * place here, and no full county or town name of this city is in it), weak names (aliases,
 * short forms, landmarks, shared town names) and hints are dropped too: 深圳…稳如泰山,
 * 滕州陶山景区. The city's own name in a hint (every portal breadcrumb has 泰安市) says nothing.
 * Returns the mentions and whether the story is set elsewhere.
 */
export function findMentions(parts: ArticleParts, gazetteer: Gazetteer): { mentions: Mention[]; elsewhere: boolean } {
  const found: Mention[] = [];
  let titleOpensLocally = false;
  let foreignInHeadline = false;
  let foreignAnywhere = false;
  const sections: [Where, string, number][] = [
    ['title', parts.title, WEIGHT.title],
    ['lead', parts.lead, WEIGHT.lead],
    ['body', parts.body, WEIGHT.body],
    ...parts.hints.map((hint): [Where, string, number] => ['hint', hint, WEIGHT.hint]),
  ];
  for (const [where, text, weight] of sections) {
    const matches = gazetteer.match(text);
    const foreignEnds = new Set(matches.filter((m) => m.entries.some((e) => e.kind === 'foreign')).map((m) => m.end));
    if (foreignEnds.size > 0 && where !== 'hint') {
      foreignAnywhere = true;
      if (where !== 'body') foreignInHeadline = true;
    }
    if (where === 'title') {
      const first = matches.find((m) => m.entries.some((e) => e.kind === 'foreign' || KIND_FACTOR[e.kind] !== undefined));
      titleOpensLocally = first !== undefined && !first.entries.some((e) => e.kind === 'foreign');
    }
    const counts = new Map<string, number>();
    for (const match of matches) {
      if (foreignEnds.has(match.begin)) continue;
      const seen = (counts.get(match.name) ?? 0) + 1;
      counts.set(match.name, seen);
      if (where === 'body' && seen > BODY_MENTIONS_COUNTED) continue;
      const placing = match.entries.flatMap((entry) => {
        const factor = KIND_FACTOR[entry.kind];
        return factor === undefined ? [] : [{ entry, factor }];
      });
      for (const { entry, factor } of placing) {
        if (where === 'hint' && entry.kind === 'city') continue;
        if ((entry.kind === 'alias' || entry.kind === 'short') && THING_SUFFIX.test(text.slice(match.end))) continue;
        found.push(mentionOf(entry, match.name, where, (weight * factor) / placing.length));
      }
    }
  }
  // A headline that opens with a place here (肥城佛桃进京) or names a full county or town is local news.
  const anchored =
    titleOpensLocally ||
    found.some(
      (m) => (m.where === 'title' || m.where === 'lead') && (m.kind === 'county' || m.kind === 'city' || (m.kind === 'town' && !m.shared)),
    );
  const elsewhere = foreignInHeadline && !anchored;
  const mentions = found.filter((m) => !(elsewhere && (m.where === 'hint' || WEAK_KINDS.has(m.kind) || m.shared)));
  // A town name that towns elsewhere bear too is this city's only if its county is named, when the story mentions elsewhere at all.
  return { mentions: foreignAnywhere ? mentions.map((m) => corroborate(m, mentions)) : mentions, elsewhere };
}

function mentionOf(entry: PlaceEntry, name: string, where: Where, weight: number): Mention {
  const note =
    entry.kind === 'alias' || entry.kind === 'short'
      ? `${entry.kind} of ${entry.division}`
      : where === 'hint'
        ? 'breadcrumb or source name'
        : undefined;
  return {
    division: entry.division,
    channel: entry.channel,
    kind: entry.kind,
    shared: entry.shared,
    where,
    evidence: { name, where, division: entry.division, weight: Math.round(weight * 100) / 100, ...(note ? { note } : {}) },
  };
}

function corroborate(mention: Mention, all: Mention[]): Mention {
  if (!mention.shared || mention.division === undefined) return mention;
  const county = mention.division.slice(0, 6);
  if (all.some((m) => m !== mention && (m.division === county || m.division === county.slice(0, 4)))) return mention;
  return {
    ...mention,
    evidence: { ...mention.evidence, weight: 0, note: 'town name shared with places elsewhere; its county is not named' },
  };
}
