import { ALL_CHANNEL_ID } from './channel.js';

/**
 * The ids of feeds and of the article indexes they list, built in this one place: a channel's
 * (`channel:taian`, and `channel:all` for every article), a source's (`source:taian-rss`), and
 * a partner's full-content feed of a channel (`partner:yybnet:taian`, listing `channel:taian`).
 */
export const feedId = {
  channel: (channelId: string): string => `channel:${channelId}`,
  source: (sourceId: string): string => `source:${sourceId}`,
  partner: (partnerId: string, channelId: string): string => `partner:${partnerId}:${channelId}`,
  /** A recommendation list published as a feed (`list:hot-24h:taian`), listing the list's own index. */
  list: (listId: string): string => `list:${listId}`,
} as const;

/** The feed ids an article is indexed under: its channels, `all`, and its source. */
export function feedIdsOf(channelIds: readonly string[], sourceId: string): string[] {
  return [...channelIds.map(feedId.channel), feedId.channel(ALL_CHANNEL_ID), feedId.source(sourceId)];
}
