/** A region channel: the administrative divisions whose news it carries. */
export interface Channel {
  id: string;
  name: string;
  /** Division codes it covers (county-level, e.g. 370982; or a town's 12-digit code). */
  divisions: string[];
  /** Whether it also covers the towns and streets under its divisions. */
  rollUp: boolean;
  /** Whether news about the city as a whole, with no county named, belongs here. */
  cityWide: boolean;
  /** What the channel's public feeds carry; partner feeds always carry the full article. */
  publicContent: 'full' | 'summary';
  /** After this long without a new article the channel is stale, for operators. */
  staleAfterMs: number;
}

/** The id of the channel that carries every article. */
export const ALL_CHANNEL_ID = 'all';

/** The channels with `all` among them, for operators: `all` is stale as soon as the quickest of them would be. */
export function channelsWithAll(
  channels: readonly Pick<Channel, 'id' | 'name' | 'staleAfterMs'>[],
): Pick<Channel, 'id' | 'name' | 'staleAfterMs'>[] {
  return [...channels, { id: ALL_CHANNEL_ID, name: '全部', staleAfterMs: Math.min(...channels.map((channel) => channel.staleAfterMs)) }];
}

/** One piece of evidence for a placement: which name was found, where, and what it counted. */
export interface PlacementEvidence {
  name: string;
  where: 'title' | 'lead' | 'body' | 'hint' | 'source';
  /** The division the name stands for, when it is a place. */
  division?: string | undefined;
  weight: number;
  /** Why it counted as it did (an alias, a shared name corroborated …). */
  note?: string | undefined;
}

/** An article's placement in one channel, with the score and the evidence behind it. */
export interface ChannelPlacement {
  id: string;
  score: number;
  evidence: PlacementEvidence[];
}
