import type { ChannelPlacement } from './channel.js';

/** Another outlet that ran the same story; recorded on the canonical copy. */
export interface AlsoPublished {
  url: string;
  sourceId: string;
  sourceName: string;
  publishedAt: string;
}

/** Why an article's time is not simply what the source said. */
export type TimeFlag = 'missing' | 'future-clamped';

/** The clean, unique, placed article that the store keeps and the feeds publish. */
export interface Article {
  /** Stable forever: derived from the canonical URL of the first copy seen. */
  id: string;
  url: string;
  /** Identity of the item within its source (source id + guid or URL); used to spot updates. */
  itemKey: string;
  title: string;
  summary: string;
  contentHtml: string;
  contentText: string;
  authors: string[];
  editor: string | null;
  source: { id: string; name: string };
  /** 来源: the outlet that first ran it. */
  originalSource: string | null;
  /** ISO 8601 with offset. */
  publishedAt: string;
  updatedAt: string;
  firstSeenAt: string;
  timeFlags: TimeFlag[];
  language: string;
  images: string[];
  channels: ChannelPlacement[];
  /** SHA-256 over the normalized text; equal hashes mean the same article. */
  contentHash: string;
  alsoPublishedBy: AlsoPublished[];
}
