import type { Mention } from './mention.js';

/** How much a short form that the rest of the headline contradicts still counts. */
const DOUBTED = 0.5;

/**
 * Halves the weight of a town's short form, or of a landmark that places elsewhere share, when
 * nothing else in the article speaks for its county (nor names the city) while another county
 * is named in full in the headline: 老城区开了家网红粥店 in a story about 新泰市青云街道 is a
 * porridge shop, not 粥店街道; 泰山挑山工精神 in a 宁阳 school is a figure of speech. Such names
 * are two or three characters that ordinary words and other places also make; a full name
 * elsewhere in the headline outweighs them.
 */
export function doubtShortForms(mentions: Mention[]): Mention[] {
  const counting = mentions.filter((m) => m.evidence.weight > 0 && m.where !== 'hint');
  const countyOf = (m: Mention) => (m.division && m.division.length >= 6 ? m.division.slice(0, 6) : undefined);
  const fullyNamed = new Set(
    counting
      .filter(
        (m) =>
          (m.where === 'title' || m.where === 'lead') && !doubtable(m) && (m.kind === 'county' || m.kind === 'town' || m.kind === 'place'),
      )
      .flatMap((m) => countyOf(m) ?? []),
  );
  return mentions.map((m) => {
    const county = countyOf(m);
    if (!doubtable(m) || county === undefined || m.evidence.weight === 0) return m;
    const spokenFor = counting.some((other) => !doubtable(other) && (countyOf(other) === county || other.division?.length === 4));
    const contradicted = [...fullyNamed].some((other) => other !== county);
    if (spokenFor || !contradicted) return m;
    const weight = Math.round(m.evidence.weight * DOUBTED * 100) / 100;
    return {
      ...m,
      evidence: {
        ...m.evidence,
        weight,
        note: `${m.evidence.note ?? 'shared name'}; only it speaks for its county, another is named in full`,
      },
    };
  });
}

function doubtable(mention: Mention): boolean {
  return mention.kind === 'short' || (mention.kind === 'place' && mention.shared);
}
