import type { Channel, ChannelPlacement, PlacementEvidence } from '../../domain/channel.js';

/** What classification looks at: the article's words and what its source says of it. */
export interface ClassifyInput {
  title: string;
  contentText: string;
  /** Breadcrumb parts and section names from the page. */
  placeHints: string[];
  /** Channel ids the source is configured for. */
  sourceChannels: string[];
}

/** How much one mention weighs, by where it is. */
const WEIGHT: Record<PlacementEvidence['where'], number> = { title: 3, lead: 2, body: 1, hint: 3, source: 5 };
/** The score a channel needs: one title mention, a hint, or two mentions in the text. */
const THRESHOLD = 2;
const LEAD_CHARS = 200;

/**
 * Places an article in the channels whose places it names, with each placement's score and
 * evidence. A breadcrumb or section naming the channel counts as evidence too, and so does
 * the city's own name in the title or lead for the city-wide channel when no county is named
 * there (a story about the city as a whole).
 */
export function assignChannels(input: ClassifyInput, channels: readonly Channel[], cityName: string): ChannelPlacement[] {
  const lead = input.contentText.slice(0, LEAD_CHARS);
  const body = input.contentText.slice(LEAD_CHARS);
  // 泰安市肥城市… names the city on the way to a county: such a story is the county's, not city-wide.
  const namesCounty = channels.some(
    (channel) => !channel.cityWide && channel.places.some((place) => input.title.includes(place) || lead.includes(place)),
  );
  const placements: ChannelPlacement[] = [];
  for (const channel of channels) {
    const evidence: PlacementEvidence[] = [];
    for (const place of channel.places) {
      if (input.title.includes(place)) evidence.push({ name: place, where: 'title' });
      if (lead.includes(place)) evidence.push({ name: place, where: 'lead' });
      if (body.includes(place)) evidence.push({ name: place, where: 'body' });
    }
    for (const hint of input.placeHints) {
      if (hint === channel.name || channel.places.includes(hint)) evidence.push({ name: hint, where: 'hint' });
    }
    if (channel.cityWide && !namesCounty) {
      if (input.title.includes(cityName)) evidence.push({ name: cityName, where: 'title' });
      if (lead.includes(cityName)) evidence.push({ name: cityName, where: 'lead' });
    }
    if (input.sourceChannels.includes(channel.id)) evidence.push({ name: channel.name, where: 'source' });
    const score = evidence.reduce((sum, e) => sum + WEIGHT[e.where], 0);
    if (score >= THRESHOLD) placements.push({ id: channel.id, score, evidence });
  }
  return placements;
}
