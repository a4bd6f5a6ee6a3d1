import { ALL_CHANNEL_ID, type Channel } from './channel.js';
import type { Source } from './source.js';
import type { Partner } from '../domain/partner.js';
import { publicPolicy, type ContentPolicy } from './content-policy.js';
import { feedId } from './feed-id.js';
import { listIdOf, type PrecomputedList } from './recommendation-list.js';

/** The parts of the config that say which feeds exist and what they are called. */
export interface FeedCatalogSettings {
  site: { name: string; publicUrl: string; language: string };
  channels: readonly Channel[];
  sources: readonly Source[];
  partners: readonly Partner[];
  /** Items on the default page. */
  limit: number;
  /** The WebSub hub that public feeds name. */
  hub?: string | undefined;
}

/** One feed that is rendered and served: what it lists, how it describes itself, where it lives. */
export interface FeedSpec {
  /** Where its rendered pages are kept: `channel:taian`, `source:{id}`, `partner:{partner}:{channel}`. */
  feedId: string;
  /** The article index it lists. */
  indexId: string;
  /** The channel whose publish job renders it (`all` for source feeds). */
  ownerChannelId: string;
  title: string;
  description: string;
  homeUrl: string;
  /** Its URL without the `.{format}` extension. */
  baseUrl: string;
  author: string;
  language: string;
  /** Set on public feeds only: a hub cannot fetch a feed that needs a key. */
  hub?: string;
  policy: ContentPolicy;
  defaultLimit: number;
}

/** Returns the site's public URL without a trailing slash, to which paths are appended. */
export function siteUrl(settings: Pick<FeedCatalogSettings, 'site'>): string {
  return settings.site.publicUrl.replace(/\/+$/, '');
}

/** Returns the ids of the public channel feeds: every channel, then `all`. */
export function channelFeedIds(settings: Pick<FeedCatalogSettings, 'channels'>): string[] {
  return [...settings.channels.map((channel) => channel.id), ALL_CHANNEL_ID];
}

/** Returns the display name of a channel feed (`all` is 全部新闻). */
export function channelName(settings: Pick<FeedCatalogSettings, 'channels'>, channelId: string): string {
  if (channelId === ALL_CHANNEL_ID) return '全部新闻';
  return settings.channels.find((channel) => channel.id === channelId)?.name ?? channelId;
}

/** Returns the public feed of a channel (or of `all`). */
export function channelFeed(settings: FeedCatalogSettings, channelId: string): FeedSpec {
  const name = channelName(settings, channelId);
  return specOf(settings, {
    feedId: feedId.channel(channelId),
    indexId: feedId.channel(channelId),
    ownerChannelId: channelId,
    title: `${name} - ${settings.site.name}`,
    description: `${settings.site.name} ${name}`,
    baseUrl: `${siteUrl(settings)}/feeds/${channelId}`,
    public: true,
  });
}

/** Returns the public feed of one source; the `all` publish job renders it. */
export function sourceFeed(settings: FeedCatalogSettings, source: Pick<Source, 'id' | 'name'>): FeedSpec {
  return specOf(settings, {
    feedId: feedId.source(source.id),
    indexId: feedId.source(source.id),
    ownerChannelId: ALL_CHANNEL_ID,
    title: `${source.name} - ${settings.site.name}`,
    description: `${settings.site.name}：来自${source.name}的新闻`,
    baseUrl: `${siteUrl(settings)}/feeds/sources/${source.id}`,
    public: true,
  });
}

/** Returns a partner's full-content feed of one channel it may pull. */
export function partnerFeed(settings: FeedCatalogSettings, partner: Pick<Partner, 'id' | 'name'>, channelId: string): FeedSpec {
  const name = channelName(settings, channelId);
  return specOf(settings, {
    feedId: feedId.partner(partner.id, channelId),
    indexId: feedId.channel(channelId),
    ownerChannelId: channelId,
    title: `${name} - ${settings.site.name}（${partner.name}）`,
    description: `${settings.site.name} ${name}：${partner.name}的全文订阅`,
    baseUrl: `${siteUrl(settings)}/feeds/partner/${partner.id}/${channelId}`,
    public: false,
  });
}

/** The lists that are also published as feeds, by the name their URL uses: /feeds/lists/{kind}/{channel}. */
export const LIST_FEEDS = { hot: 'hot-24h', picks: 'picks', 'channel-picks': 'channel-picks' } as const satisfies Record<
  string,
  PrecomputedList
>;
export type ListFeedKind = keyof typeof LIST_FEEDS;

const LIST_FEED_NAMES: Record<ListFeedKind, string> = { hot: '热点排行', picks: '新闻推荐', 'channel-picks': '频道推荐' };

/** Returns the public feed of one of a channel's lists (热点, 新闻推荐, 频道推荐), in the list's order. */
export function listFeed(settings: FeedCatalogSettings, kind: ListFeedKind, channelId: string): FeedSpec {
  const name = `${channelName(settings, channelId)} ${LIST_FEED_NAMES[kind]}`;
  const id = feedId.list(listIdOf(LIST_FEEDS[kind], channelId));
  return specOf(settings, {
    feedId: id,
    indexId: id,
    ownerChannelId: channelId,
    title: `${name} - ${settings.site.name}`,
    description: `${settings.site.name} ${name}`,
    baseUrl: `${siteUrl(settings)}/feeds/lists/${kind}/${channelId}`,
    public: true,
  });
}

/** Returns the list feeds of one channel. */
export function listFeedsOfChannel(settings: FeedCatalogSettings, channelId: string): FeedSpec[] {
  return (Object.keys(LIST_FEEDS) as ListFeedKind[]).map((kind) => listFeed(settings, kind, channelId));
}

/** Returns the feeds one channel's publish job renders besides source feeds: its own and its partners'. */
export function feedsOfChannel(settings: FeedCatalogSettings, channelId: string): FeedSpec[] {
  const partners = settings.partners.filter((partner) => partner.channels.includes(channelId));
  return [channelFeed(settings, channelId), ...partners.map((partner) => partnerFeed(settings, partner, channelId))];
}

type SpecParts = Pick<FeedSpec, 'feedId' | 'indexId' | 'ownerChannelId' | 'title' | 'description' | 'baseUrl'> & { public: boolean };

function specOf(settings: FeedCatalogSettings, parts: SpecParts): FeedSpec {
  const { public: isPublic, ...rest } = parts;
  return {
    ...rest,
    homeUrl: `${siteUrl(settings)}/`,
    author: settings.site.name,
    language: settings.site.language,
    ...(isPublic && settings.hub ? { hub: settings.hub } : {}),
    policy: isPublic ? publicPolicy(settings.channels) : { kind: 'full' },
    defaultLimit: settings.limit,
  };
}
