import type { RawItem } from '../../../domain/raw-item.js';

/** A parsed feed: its title and link, its items as RawItems, and how often it asks to be polled. */
export interface ParsedFeed {
  title: string | undefined;
  link: string | undefined;
  /** RSS 2.0 `<ttl>`: minutes the feed may be cached. */
  ttlMinutes?: number | undefined;
  items: RawItem[];
}
