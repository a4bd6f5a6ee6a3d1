/** What a reader did with an article: saw it, or clicked through to it. */
export const READER_EVENT_TYPES = ['view', 'click'] as const;
export type ReaderEventType = (typeof READER_EVENT_TYPES)[number];

/** One reading event as partners send it, checked: times in ms. */
export interface ReaderEvent {
  type: ReaderEventType;
  articleId: string;
  /** An opaque id the partner or a first-party cookie supplies; never an IP address. */
  readerId: string;
  at: number;
  /** The reader's browser, when the partner passes it on: known crawlers do not count. */
  userAgent?: string | undefined;
}

/** Why an event was not accepted. */
export const DROP_REASONS = ['bot', 'unknown-article', 'stale', 'future'] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** How many events of a batch were accepted, and how many were dropped, by reason. */
export interface EventTally {
  accepted: number;
  dropped: Partial<Record<DropReason, number>>;
}

/** A reader id: letters, digits, `-` and `_` (a store key holds it, so nothing that could reach into another's keys). */
export const READER_ID = /^[A-Za-z0-9_-]{1,128}$/;
