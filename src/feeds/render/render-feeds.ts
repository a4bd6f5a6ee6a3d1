import { createHash } from 'node:crypto';
import { Feed } from 'feed';
import type { Article } from '../../domain/article.js';
import type { FeedFormat, RenderedFeed } from '../../store/rendered-feed-repository.js';
import { upgradeToJsonFeed11 } from './json-feed-11.js';

/** What a feed says about itself. */
export interface FeedMeta {
  /** Stable id of the feed (Atom feed id, RSS/JSON feed URL base). */
  id: string;
  title: string;
  description: string;
  /** The HTML page the feed belongs to. */
  homeUrl: string;
  /** The URL of this feed in each format (`rel="self"`). */
  selfUrls: Record<FeedFormat, string>;
  language: string;
  /** The feed's author: RFC 4287 §4.1.1 wants one on the feed unless every entry has its own. */
  author: string;
  /** Shown when the feed has no items, so Last-Modified is still defined. */
  emptySince: string;
}

/**
 * Renders one feed in RSS 2.0, Atom 1.0 and JSON Feed 1.1 with the `feed` package, with a
 * strong ETag over the bytes of each and Last-Modified from the newest item.
 */
export function renderFeeds(meta: FeedMeta, articles: readonly Article[]): Record<FeedFormat, RenderedFeed> {
  const newest = articles.reduce((max, a) => Math.max(max, Date.parse(a.updatedAt)), 0) || Date.parse(meta.emptySince);
  const feed = new Feed({
    id: meta.id,
    title: meta.title,
    description: meta.description,
    link: meta.homeUrl,
    language: meta.language,
    updated: new Date(newest),
    generator: 'Syndicator',
    author: { name: meta.author },
    copyright: '',
    feedLinks: meta.selfUrls,
  });
  const authorsById = new Map<string, string[]>();
  for (const article of articles) {
    // RFC 4287 §4.2.6: the entry id never changes, also across updates of the article.
    const id = `urn:syndicator:article:${article.id}`;
    authorsById.set(id, article.authors);
    feed.addItem({
      title: article.title,
      id,
      guid: id,
      link: article.url,
      date: new Date(article.updatedAt),
      published: new Date(article.publishedAt),
      description: article.summary,
      content: article.contentHtml,
      // `feed` reads author[0] unguarded when rendering JSON: leave the field out when there is none.
      ...(article.authors.length > 0 ? { author: article.authors.map((name) => ({ name })) } : {}),
      category: article.channels.map((channel) => ({ name: channel.id })),
      ...(article.images[0] ? { image: article.images[0] } : {}),
    });
  }
  const lastModified = new Date(newest).toUTCString();
  const documents = {
    rss: feed.rss2(),
    atom: feed.atom1(),
    json: upgradeToJsonFeed11(feed.json1(), meta.language, authorsById),
  };
  return {
    rss: withValidators(documents.rss, lastModified),
    atom: withValidators(documents.atom, lastModified),
    json: withValidators(documents.json, lastModified),
  };
}

function withValidators(text: string, lastModified: string): RenderedFeed {
  const body = Buffer.from(text, 'utf8');
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, etag, lastModified };
}
