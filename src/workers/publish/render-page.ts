import type { Article } from '../../domain/article.js';
import { FEED_FORMATS, type FeedFormat } from '../../domain/feed-format.js';
import { type StoredDocument } from '../../store/rendered-feed-repository.js';
import type { FeedSpec } from '../../domain/feed-catalog.js';
import { lastPageOf, pageLinks, type PageLinks, type PageVariant } from '../../domain/feed-paging.js';
import { renderFeeds, type FeedMeta } from './render/render-feeds.js';
import { compressDocument } from '../../store/stored-document.js';

/** Shown as Last-Modified of a feed that has no items yet. */
const EMPTY_SINCE = '2000-01-01T00:00:00Z';

/** Returns the description of one page of a feed of `count` items, with its self and paging links in every format. */
export function pageMeta(spec: FeedSpec, variant: PageVariant, count: number): FeedMeta {
  const lastPage = lastPageOf(count, variant.limit);
  const links = Object.fromEntries(
    FEED_FORMATS.map((format) => [format, pageLinks(spec.baseUrl, format, variant, lastPage, spec.defaultLimit)]),
  ) as Record<FeedFormat, PageLinks>;
  return {
    id: spec.baseUrl,
    title: spec.title,
    description: spec.description,
    homeUrl: spec.homeUrl,
    links,
    language: spec.language,
    author: spec.author,
    ...(spec.hub ? { hub: spec.hub } : {}),
    emptySince: EMPTY_SINCE,
  };
}

/** Renders one page of a feed of `count` items in every format, with validators and compressed encodings. */
export function renderPage(
  spec: FeedSpec,
  variant: PageVariant,
  count: number,
  articles: readonly Article[],
): Record<FeedFormat, StoredDocument> {
  const rendered = renderFeeds(pageMeta(spec, variant, count), articles, spec.policy);
  return { rss: compressDocument(rendered.rss), atom: compressDocument(rendered.atom), json: compressDocument(rendered.json) };
}
