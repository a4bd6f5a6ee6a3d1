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

/** The roles an article credits its writers with: 记者 (staff reporters, 本报记者, 见习记者…), 通讯员, and 作者 for anyone else. */
export const AUTHOR_ROLES = ['记者', '通讯员', '作者'] as const;
export type AuthorRole = (typeof AUTHOR_ROLES)[number];

/** One writer of an article and the role its byline gives them. */
export interface Author {
  name: string;
  role: AuthorRole;
}

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
  authors: Author[];
  /** 责任编辑 (or, when none is named, 编辑): every name the page credits. */
  editors: string[];
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
