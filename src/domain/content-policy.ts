import type { Article } from './article.js';
import type { Channel } from './channel.js';

/**
 * What a feed may show of an article's body: everything (partner feeds), or, on public feeds,
 * the full text only when none of the article's channels is summary-only. The rule is per
 * article so that one article never shows in full on one public feed and as a summary on another.
 */
export type ContentPolicy = { kind: 'full' } | { kind: 'public'; summaryOnlyChannels: readonly string[] };

/** Whether the policy lets the full article through: it does unless the article is in a summary-only channel. */
export function showsFullContent(article: Pick<Article, 'channels'>, policy: ContentPolicy): boolean {
  return policy.kind === 'full' || !article.channels.some((c) => policy.summaryOnlyChannels.includes(c.id));
}

/** The policy of public feeds and the public API: full content except in channels configured `publicContent: summary`. */
export function publicPolicy(channels: readonly Pick<Channel, 'id' | 'publicContent'>[]): ContentPolicy {
  return {
    kind: 'public',
    summaryOnlyChannels: channels.filter((channel) => channel.publicContent === 'summary').map((channel) => channel.id),
  };
}
