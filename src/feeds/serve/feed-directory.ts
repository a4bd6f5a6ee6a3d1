import { FEED_CONTENT_TYPES, type FeedFormat } from '../../domain/feed-format.js';
import type { Source } from '../../domain/source.js';
import type { StoredDocument } from '../../store/rendered-feed-repository.js';
import {
  channelFeed,
  channelFeedIds,
  listFeedsOfChannel,
  partnerFeed,
  sourceFeed,
  type FeedCatalogSettings,
  type FeedSpec,
} from '../../domain/feed-catalog.js';
import { pageUrl, parseVariantKey } from '../../domain/feed-paging.js';
import type { FeedGroup } from '../render/render-opml.js';
import { toServedDocument, type ServedDocument } from './served-document.js';

/** Every feed the server serves, by feed id, and how its responses are headed. */
export class FeedDirectory {
  private readonly specs = new Map<string, FeedSpec>();

  constructor(
    readonly catalog: FeedCatalogSettings,
    private readonly maxAgeSeconds: number,
  ) {
    const all = [
      ...channelFeedIds(catalog).map((id) => channelFeed(catalog, id)),
      ...catalog.sources.map((source) => sourceFeed(catalog, source)),
      ...catalog.partners.flatMap((partner) => partner.channels.map((channel) => partnerFeed(catalog, partner, channel))),
      ...channelFeedIds(catalog).flatMap((id) => listFeedsOfChannel(catalog, id)),
    ];
    for (const spec of all) this.specs.set(spec.feedId, spec);
  }

  /** Returns the feed with this id, or undefined when there is none. */
  spec(feedId: string): FeedSpec | undefined {
    return this.specs.get(feedId);
  }

  /** Adds the feed of a source added at runtime (the config file's sources have theirs from the start); returns it. */
  addSource(source: Pick<Source, 'id' | 'name'>): FeedSpec {
    const spec = sourceFeed(this.catalog, source);
    this.specs.set(spec.feedId, spec);
    return spec;
  }

  /**
   * Returns the public feeds grouped for OPML and the home page: channels, then sources (those
   * in force, when given: the registry's, runtime changes included; else the config file's).
   */
  groups(sources: readonly Pick<Source, 'id' | 'name'>[] = this.catalog.sources): FeedGroup[] {
    const listed = (spec: FeedSpec) => ({ title: spec.title, baseUrl: spec.baseUrl });
    return [
      { title: '频道', discoverable: true, feeds: channelFeedIds(this.catalog).map((id) => listed(channelFeed(this.catalog, id))) },
      { title: '来源', feeds: sources.map((source) => listed(sourceFeed(this.catalog, source))) },
    ];
  }

  /**
   * Returns the served form of a stored document: public feeds may be cached by anyone and name
   * their hub and self URL in a Link header (WebSub §4, for subscribers that read headers);
   * partner feeds are private to the partner's caches.
   */
  readonly decorate = (feedId: string, variant: string, format: FeedFormat, doc: StoredDocument, count: number): ServedDocument => {
    const spec = this.specs.get(feedId);
    const page = parseVariantKey(variant);
    const isPublic = spec?.policy.kind === 'public';
    const link =
      spec?.hub && page ? `<${spec.hub}>; rel="hub", <${pageUrl(spec.baseUrl, format, page, spec.defaultLimit)}>; rel="self"` : undefined;
    return toServedDocument(doc, count, {
      contentType: FEED_CONTENT_TYPES[format],
      cacheControl: `${isPublic ? 'public' : 'private'}, max-age=${this.maxAgeSeconds}`,
      ...(link ? { link } : {}),
    });
  };
}
