import type { FeedOptions } from 'feed';
import type { PageLinks } from '../../../domain/feed-paging.js';

/** What one feed document says about itself, in one format. */
export interface FeedHead {
  /** RFC 4287 §4.1.1: the feed's permanent id. */
  id: string;
  title: string;
  description: string;
  /** The HTML page the feed belongs to (`rel="alternate"`). */
  homeUrl: string;
  language: string;
  /** RFC 4287 §4.1.1: the feed names an author unless every entry has one. */
  author: string;
  /** When the feed last changed: Atom `updated`, RSS `lastBuildDate`. */
  updated: Date;
  /** The WebSub hub that announces changes (`rel="hub"`); absent on private feeds. */
  hub?: string;
  links: PageLinks;
}

/** The name every document gives as its generator. */
export const GENERATOR = 'Syndicator';

/** The options every format's `Feed` starts from: the feed's own description, without its links. */
export function baseFeedOptions(head: FeedHead): FeedOptions {
  return {
    id: head.id,
    title: head.title,
    description: head.description,
    link: head.homeUrl,
    language: head.language,
    updated: head.updated,
    generator: GENERATOR,
    copyright: '',
  };
}
