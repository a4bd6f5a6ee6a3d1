import { doubtShortForms } from './doubt-short-forms.js';
import { settleElsewhere } from './foreign-context.js';
import type { Gazetteer, PlaceEntry, PlaceMatch } from './gazetteer.js';
import type { Mention, Where } from './mention.js';
import { cuesAfterCounties, cuesIn, type CueMention } from './find-cues.js';
import { ARRIVAL_MARKERS } from './region-cues.js';

export type { CueMention } from './find-cues.js';
export type { Mention, Where } from './mention.js';

/** What placement reads in an article. */
export interface Reading {
  mentions: Mention[];
  cues: CueMention[];
  /** The headline is set elsewhere: weak names and hints were dropped. */
  elsewhere: boolean;
  /** A hint names the city itself (every portal breadcrumb has 泰安市): no weight, but a tie to the city. */
  cityInHints: boolean;
  /** The title's first place is the city, not as the address of a county (泰安市运动会在肥城开幕). */
  cityOpensTitle: boolean;
  /**
   * Cue words the text writes right after one of this city's counties (肥城市长, 新泰市委书记),
   * also where jieba cut them otherwise (肥城市|长): in this article they are that county's.
   */
  countyOwnCues: Set<string>;
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
/** Mentions of one name in the body beyond this add nothing: a long report repeats its town. */
const BODY_MENTIONS_COUNTED = 3;
/** After an alias or short form, these make it the name of a thing: 宁阳路, 新泰银行, 新汶矿业. */
const THING_SUFFIX = /^(路|街|大街|大道|巷|小区|花园|广场|银行|公司|集团|矿业|酒店|宾馆|队|号|站)/;
/**
 * Common surnames that are not also the last character of ordinary words before a place (在, 于,
 * 平安, 健康, 历史 …): right before a county's two-character alias they make a person's name
 * (李东平, 陈新泰), unless a place word follows (王东平湖 is no one).
 */
const SURNAMES = new Set(
  Array.from(
    '王李张刘陈杨黄赵吴周徐孙朱胡郭何罗郑梁谢宋唐许韩冯邓曹彭曾肖董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪廖贾夏韦付邹熊秦邱薛闫段雷侯贺顾毛郝龚邵钱覃孟尹',
  ),
);
const PLACE_WORD_AFTER = /^(县|市|区|湖|镇|乡|街|路|城|境|籍|人|段|片|一带)/;

/**
 * Reads an article: the places it names (title, lead, body, hints), with where and how
 * strongly, and its cue words (全市, 县委 …). Names that stand inside other words do not count
 * (the gazetteer checks word boundaries); names of places elsewhere are settled by
 * foreign-context.ts. The city's own name in a hint carries no weight (every portal breadcrumb
 * has 泰安市) but ties the article to the city.
 */
export function findMentions(parts: ArticleParts, gazetteer: Gazetteer): Reading {
  const sections: [Where, string][] = [
    ['title', parts.title],
    ['lead', parts.lead],
    ['body', parts.body],
    ...parts.hints.map((hint): [Where, string] => ['hint', hint]),
  ];
  const found: Mention[] = [];
  const cues: CueMention[] = [];
  const context = { foreignInHeadline: false, foreignAnywhere: false, titleOpensLocally: false };
  let cityInHints = false;
  let cityOpensTitle = false;
  const countyOwnCues = new Set<string>();
  for (const [where, text] of sections) {
    const { names, cues: cueMatches } = gazetteer.read(text);
    const foreign = names.filter(isForeign);
    if (foreign.length > 0 && where !== 'hint') {
      context.foreignAnywhere = true;
      if (where !== 'body') context.foreignInHeadline = true;
    }
    if (where === 'title') {
      const first = names.findIndex((m) => isForeign(m) || placingEntries(m).length > 0);
      const opening = names[first];
      context.titleOpensLocally = opening !== undefined && !isForeign(opening);
      cityOpensTitle =
        opening !== undefined && isCity(opening) && !names.some((m) => m.begin === opening.end && placingEntries(m).length > 0);
    }
    if (where === 'hint' && names.some(isCity)) cityInHints = true;
    found.push(...mentionsIn(where, text, names, gazetteer));
    for (const word of cuesAfterCounties(text, names)) countyOwnCues.add(word);
    if (where !== 'hint') cues.push(...cuesIn(where, text, cueMatches, names));
  }
  const settled = settleElsewhere(found, context);
  const mentions = doubtShortForms(settled.mentions);
  const { elsewhere } = settled;
  return { mentions, cues, elsewhere, cityInHints, cityOpensTitle, countyOwnCues };
}

function mentionsIn(where: Where, text: string, names: PlaceMatch[], gazetteer: Gazetteer): Mention[] {
  const counts = new Map<string, number>();
  const out: Mention[] = [];
  for (const [index, match] of names.entries()) {
    const placing = placingEntries(match);
    if (placing.length === 0) continue;
    const seen = (counts.get(match.name) ?? 0) + 1;
    counts.set(match.name, seen);
    if (where === 'body' && seen > BODY_MENTIONS_COUNTED) continue;
    // The name right before it, when nothing stands between them (瑞昌市范镇, 肥城市新城街道).
    const previous = names[index - 1];
    const adjacent = previous?.end === match.begin ? previous : undefined;
    const context = {
      arrived: ARRIVAL_MARKERS.test(text.slice(Math.max(0, match.begin - 2), match.begin)),
      qualifiedElsewhere: (adjacent !== undefined && isForeign(adjacent)) || gazetteer.qualifiedElsewhere(text, match.begin),
      qualifiedHere: adjacent?.entries.some((e) => e.kind === 'county' || e.kind === 'city') === true,
    };
    for (const { entry, factor } of placing) {
      if (where === 'hint' && entry.kind === 'city') continue;
      if ((entry.kind === 'alias' || entry.kind === 'short') && THING_SUFFIX.test(text.slice(match.end, match.end + 2))) continue;
      if (entry.kind === 'alias' && isPersonName(text, match)) continue;
      out.push(mentionOf(entry, match.name, where, (WEIGHT[where] * factor) / placing.length, context));
    }
  }
  return out;
}

function isPersonName(text: string, match: PlaceMatch): boolean {
  return (
    match.name.length === 2 && SURNAMES.has(text.charAt(match.begin - 1)) && !PLACE_WORD_AFTER.test(text.slice(match.end, match.end + 2))
  );
}

const placingOf = new WeakMap<readonly PlaceEntry[], { entry: PlaceEntry; factor: number }[]>();

/** The entries of a name that place an article, with their factor (worked out once per name). */
function placingEntries(match: PlaceMatch): { entry: PlaceEntry; factor: number }[] {
  let placing = placingOf.get(match.entries);
  if (!placing) {
    placing = match.entries.flatMap((entry) => {
      const factor = KIND_FACTOR[entry.kind];
      return factor === undefined ? [] : [{ entry, factor }];
    });
    placingOf.set(match.entries, placing);
  }
  return placing;
}

function isForeign(match: PlaceMatch): boolean {
  return match.entries.some((e) => e.kind === 'foreign');
}

function isCity(match: PlaceMatch): boolean {
  return match.entries.some((e) => (e.kind === 'city' || e.kind === 'alias') && e.division?.length === 4);
}

function mentionOf(
  entry: PlaceEntry,
  name: string,
  where: Where,
  weight: number,
  context: Pick<Mention, 'arrived' | 'qualifiedElsewhere' | 'qualifiedHere'>,
): Mention {
  const note =
    entry.kind === 'alias' || entry.kind === 'short'
      ? `${entry.kind} of ${entry.division}`
      : where === 'hint'
        ? 'breadcrumb or source name'
        : undefined;
  return {
    name,
    division: entry.division,
    channel: entry.channel,
    kind: entry.kind,
    shared: entry.shared,
    where,
    arrived: context.arrived,
    qualifiedElsewhere: context.qualifiedElsewhere,
    qualifiedHere: context.qualifiedHere,
    evidence: { name, where, division: entry.division, weight: Math.round(weight * 100) / 100, ...(note ? { note } : {}) },
  };
}
