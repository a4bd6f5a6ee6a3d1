import type { Mention } from './mention.js';

/** What the article says of places elsewhere. */
export interface ForeignContext {
  /** A place elsewhere is named in the title or the lead. */
  foreignInHeadline: boolean;
  /** A place elsewhere is named anywhere in the text. */
  foreignAnywhere: boolean;
  /** The title's first place is one of this city's. */
  titleOpensLocally: boolean;
}

/** Kinds of name that a story set elsewhere may use without meaning this city: 泰山, 东平, 楼德, a shared 新城街道. */
const WEAK_KINDS = new Set<Mention['kind']>(['alias', 'short', 'place']);

/**
 * Settles the names that may belong to places elsewhere, in three steps.
 *
 * 1. A name that the text puts right after a place elsewhere (江西瑞昌市范镇, 上海崇明东平) is that
 *    place's, and so are its other mentions in the article (one sense per discourse), unless
 *    one of them stands after this city's own names (肥城市新城街道).
 * 2. When the headline is set elsewhere (a place elsewhere in title or lead, the title does
 *    not open with a place here, and no county of this city nor any name of it that places
 *    elsewhere do not share is in it), weak names and hints are dropped: 深圳…稳如泰山.
 * 3. When the story names elsewhere at all, a name that places elsewhere bear too (新城街道,
 *    东平, 牛山) counts only if a name of this city that nobody else bears vouches for it;
 *    else it stays as evidence of no weight.
 *
 * Returns the mentions that remain, and whether the headline is set elsewhere.
 */
export function settleElsewhere(found: Mention[], context: ForeignContext): { mentions: Mention[]; elsewhere: boolean } {
  const foreignNames = new Set(found.filter((m) => m.qualifiedElsewhere).map((m) => m.name));
  for (const m of found) if (m.qualifiedHere) foreignNames.delete(m.name);
  const placed = found.filter((m) => !(foreignNames.has(m.name) && m.kind !== 'city'));
  const anchored =
    context.titleOpensLocally ||
    placed.some((m) => (m.where === 'title' || m.where === 'lead') && (m.kind === 'county' || m.kind === 'city' || !m.shared));
  const elsewhere = context.foreignInHeadline && !anchored;
  const mentions = placed.filter((m) => !(elsewhere && (m.where === 'hint' || WEAK_KINDS.has(m.kind) || m.shared)));
  return { mentions: context.foreignAnywhere ? mentions.map((m) => corroborate(m, mentions)) : mentions, elsewhere };
}

/**
 * A shared town name or short form (新城街道, 桃园) needs a name of its own county or the city; a
 * shared landmark or alias (泰山, 东平) needs any name of this city that places elsewhere lack.
 */
function corroborate(mention: Mention, all: Mention[]): Mention {
  if (!mention.shared || mention.division === undefined) return mention;
  const city = mention.division.slice(0, 4);
  const within = mention.kind === 'town' || mention.kind === 'short' ? mention.division.slice(0, 6) : city;
  const vouches = (m: Mention) =>
    m !== mention && m.where !== 'hint' && !m.shared && m.division !== undefined && (m.division === city || m.division.startsWith(within));
  if (all.some(vouches)) return mention;
  return {
    ...mention,
    evidence: { ...mention.evidence, weight: 0, note: 'name that places elsewhere bear too; nothing of this city that they lack is named' },
  };
}
