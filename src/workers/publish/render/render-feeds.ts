import type { Article } from '../../../domain/article.js';
import type { FeedFormat } from '../../../domain/feed-format.js';
import type { RenderedFeed } from '../../../store/rendered-feed-repository.js';
import type { ContentPolicy } from '../../../domain/content-policy.js';
import { etagOf } from '../../../store/stored-document.js';
import { toFeedEntry, type FeedEntry } from './feed-entries.js';
import type { FeedHead } from './feed-head.js';
import type { PageLinks } from '../../../domain/feed-paging.js';
import { renderAtom } from './render-atom.js';
import { renderJsonFeed } from './render-json-feed.js';
import { renderRss } from './render-rss.js';

/** What a feed says about itself, in every format. */
export interface FeedMeta {
  /** Stable id of the feed (Atom feed id). */
  id: string;
  title: string;
  description: string;
  /** The HTML page the feed belongs to. */
  homeUrl: string;
  /** This page's self and paging links in each format. */
  links: Record<FeedFormat, PageLinks>;
  language: string;
  /** The feed's author: RFC 4287 §4.1.1 wants one on the feed unless every entry has its own. */
  author: string;
  /** The WebSub hub of public feeds. */
  hub?: string;
  /** Shown when the feed has no items, so Last-Modified is still defined. */
  emptySince: string;
}

const RENDERERS: Record<FeedFormat, (head: FeedHead, entries: readonly FeedEntry[]) => string> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJsonFeed,
};

/**
 * Renders one feed page in RSS 2.0, Atom 1.0 and JSON Feed 1.1, with a strong ETag over the
 * bytes of each and Last-Modified from the newest item: the latest time an item was updated or
 * reached us, so that an item that is old by its source's clock still moves the validator
 * (RFC 9110 §8.8.2: Last-Modified changes whenever the representation does).
 */
export function renderFeeds(
  meta: FeedMeta,
  articles: readonly Article[],
  policy: ContentPolicy = { kind: 'full' },
): Record<FeedFormat, RenderedFeed> {
  const entries = articles.map((article) => toFeedEntry(article, policy));
  const newest = entries.reduce((max, entry) => Math.max(max, entry.changed), 0) || Date.parse(meta.emptySince);
  // HTTP dates have whole seconds; the documents say the same instant.
  const updated = new Date(Math.floor(newest / 1000) * 1000);
  const lastModified = updated.toUTCString();
  const render = (format: FeedFormat) => withValidators(RENDERERS[format](headOf(meta, format, updated), entries), lastModified);
  return { rss: render('rss'), atom: render('atom'), json: render('json') };
}

/** Returns the head of one format's document: what the feed says about itself, with that format's links. */
function headOf(meta: FeedMeta, format: FeedFormat, updated: Date): FeedHead {
  const { id, title, description, homeUrl, language, author, hub } = meta;
  return { id, title, description, homeUrl, language, author, updated, links: meta.links[format], ...(hub ? { hub } : {}) };
}

function withValidators(text: string, lastModified: string): RenderedFeed {
  const body = Buffer.from(text, 'utf8');
  return { body, etag: etagOf(body), lastModified };
}
