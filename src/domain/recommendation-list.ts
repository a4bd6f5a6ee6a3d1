import type { ArticleCard } from './article-card.js';

/** The recommendation lists of the portal's article page (新闻推荐, 相关新闻, 猜你喜欢, 频道推荐, 热点排行). */
export const LIST_KINDS = ['hot', 'for-you', 'channel-picks', 'picks', 'related'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

/** The lists that are the same for every reader, precomputed per channel by the publish worker. */
export const PRECOMPUTED_LISTS = ['hot-24h', 'hot-7d', 'channel-picks', 'picks'] as const;
export type PrecomputedList = (typeof PRECOMPUTED_LISTS)[number];

/** The windows of the hot list. */
export const HOT_WINDOWS = { '24h': 24, '7d': 168 } as const;
export type HotWindow = keyof typeof HOT_WINDOWS;

/** One entry of a list: what a partner page shows, and the score that placed it. */
export interface ListItem {
  id: string;
  title: string;
  url: string;
  publishedAt: string;
  channels: string[];
  score: number;
}

/** A list as every list endpoint answers it. */
export interface RecommendationList {
  kind: ListKind;
  channel: string;
  items: ListItem[];
}

/** Returns the entry of a list for a card and its score (rounded: the bytes should not change with noise). */
export function listItemOf(card: ArticleCard, score: number): ListItem {
  return {
    id: card.id,
    title: card.title,
    url: card.url,
    publishedAt: card.publishedAt,
    channels: card.channels,
    score: Math.round(score * 1000) / 1000,
  };
}

/** The id under which a precomputed list of a channel is kept and served: `hot-24h:taian`. */
export function listIdOf(list: PrecomputedList, channelId: string): string {
  return `${list}:${channelId}`;
}
