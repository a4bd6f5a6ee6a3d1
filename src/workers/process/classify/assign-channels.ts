import type { Channel, ChannelPlacement, PlacementEvidence } from '../../../domain/channel.js';
import { findMentions, type Mention } from './find-mentions.js';
import type { Gazetteer } from './gazetteer.js';
import { weighCues } from './weigh-cues.js';

/** What classification looks at: the article's words and what its source says of it. */
export interface ClassifyInput {
  title: string;
  contentText: string;
  /** Breadcrumb parts and section names from the page. */
  placeHints: string[];
  /** Channel ids the source is configured for. */
  sourceChannels: string[];
  /** The source's name (肥城新闻网 names its county) and the article URL (/taian/feicheng/…). */
  sourceName?: string | undefined;
  url?: string | undefined;
}

/** The score a channel needs: one title mention, a hint, or a lead and a body mention. */
export const PLACEMENT_THRESHOLD = 2;
/** What body mentions alone must add up to: a county named in passing (在岱岳区、肥城市…) is not the story's place. */
export const BODY_ONLY_THRESHOLD = 3;
const LEAD_CHARS = 200;
const CONFIGURED_SOURCE_WEIGHT = 5;

/**
 * Places an article in region channels with the evidence behind each placement. Place names
 * are found in title, lead, body and hints (breadcrumb, source name) by the gazetteer and
 * count for the channels whose divisions cover them, weighted by where they stand; cue words
 * (全市, 县委, 县域 …) add to the channel of the city or county they speak of (weigh-cues.ts). The
 * city's own name counts for the city-wide channel only when no county or town is named in
 * title or lead. When the text names a place, channels that only a hint points to are
 * dropped: the text beats the section. A source configured for a channel always places its
 * items there.
 */
export function assignChannels(input: ClassifyInput, channels: readonly Channel[], gazetteer: Gazetteer): ChannelPlacement[] {
  const reading = findMentions(
    {
      title: input.title,
      lead: input.contentText.slice(0, LEAD_CHARS),
      body: input.contentText.slice(LEAD_CHARS),
      hints: [...input.placeHints, ...(input.sourceName ? [input.sourceName] : [])],
    },
    gazetteer,
  );
  const { mentions, elsewhere } = reading;
  const localHeadline = mentions.some(
    (m) => (m.where === 'title' || m.where === 'lead') && m.division !== undefined && m.division.length > 4,
  );
  const cueEvidence = weighCues(reading, channels, (division) => gazetteer.countyTypeOf(division));
  const scored = channels.map((channel) =>
    scoreChannel(
      channel,
      mentions,
      localHeadline,
      cueEvidence.get(channel.id) ?? [],
      elsewhere ? { ...input, placeHints: [], url: undefined } : input,
    ),
  );
  const textPlaced = scored.some((s) => s.fromText);
  return scored
    .filter((s) => s.score >= (s.bodyOnly ? BODY_ONLY_THRESHOLD : PLACEMENT_THRESHOLD))
    .filter((s) => s.configured || s.fromText || !textPlaced)
    .map(({ id, score, evidence }) => ({ id, score, evidence }))
    .sort((a, b) => b.score - a.score);
}

interface Scored extends ChannelPlacement {
  fromText: boolean;
  bodyOnly: boolean;
  configured: boolean;
}

function scoreChannel(
  channel: Channel,
  mentions: Mention[],
  localHeadline: boolean,
  cues: PlacementEvidence[],
  input: ClassifyInput,
): Scored {
  const evidence: PlacementEvidence[] = mentions
    .filter((m) => (m.channel ? m.channel === channel.id : covers(channel, m.division, localHeadline)))
    .map((m) => m.evidence);
  evidence.push(...cues);
  evidence.push(...channelNameHints(input, channel, localHeadline));
  const configured = input.sourceChannels.includes(channel.id);
  if (configured)
    evidence.push({ name: channel.name, where: 'source', weight: CONFIGURED_SOURCE_WEIGHT, note: 'source configured for the channel' });
  const counting = evidence.filter((e) => e.weight > 0);
  return {
    id: channel.id,
    score: Math.round(counting.reduce((sum, e) => sum + e.weight, 0) * 100) / 100,
    evidence,
    fromText: counting.some((e) => e.where === 'title' || e.where === 'lead' || e.where === 'body'),
    bodyOnly: counting.every((e) => e.where === 'body'),
    configured,
  };
}

/** Whether a channel covers a division; the city's own code goes to the city-wide channel. */
function covers(channel: Channel, division: string | undefined, localHeadline: boolean): boolean {
  if (division === undefined) return false;
  if (division.length === 4) return channel.cityWide && !localHeadline;
  return channel.divisions.some((code) => code === division || (channel.rollUp && division.startsWith(code)));
}

/** A breadcrumb or source name naming the channel itself (肥城新闻), and the channel id in the URL path. */
function channelNameHints(input: ClassifyInput, channel: Channel, localHeadline: boolean): PlacementEvidence[] {
  // A city portal files every county story under its city channel too: that says nothing about the story.
  if (channel.cityWide && localHeadline) return [];
  const evidence: PlacementEvidence[] = [];
  if (input.placeHints.includes(channel.name))
    evidence.push({ name: channel.name, where: 'hint', weight: 3, note: 'breadcrumb or section' });
  if (!channel.cityWide && input.url && new RegExp(`/${channel.id}/`).test(pathOf(input.url))) {
    evidence.push({ name: channel.id, where: 'hint', weight: 2, note: 'URL path' });
  }
  return evidence;
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}
