/** A region channel: a named set of places whose news it carries. */
export interface Channel {
  id: string;
  name: string;
  /** Place names that put an article in this channel when they occur in it. */
  places: string[];
  /** Whether news about the city as a whole, with no county named, belongs here. */
  cityWide: boolean;
  /** What the channel's public feeds carry; partner feeds always carry the full article. */
  publicContent: 'full' | 'summary';
}

/** The id of the channel that carries every article. */
export const ALL_CHANNEL_ID = 'all';

/** One piece of evidence for a placement: which name was found, and where. */
export interface PlacementEvidence {
  name: string;
  where: 'title' | 'lead' | 'body' | 'hint' | 'source';
}

/** An article's placement in one channel, with the score and the evidence behind it. */
export interface ChannelPlacement {
  id: string;
  score: number;
  evidence: PlacementEvidence[];
}
