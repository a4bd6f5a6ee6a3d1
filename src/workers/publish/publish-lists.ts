import { ALL_CHANNEL_ID } from '../../domain/channel.js';
import { channelFeedIds, listFeedsOfChannel, type FeedCatalogSettings } from '../../domain/feed-catalog.js';
import { feedId } from '../../domain/feed-id.js';
import { HOT_WINDOWS, listIdOf, listItemOf, type ListItem, type PrecomputedList } from '../../domain/recommendation-list.js';
import type { ArticleRepository } from '../../store/article-repository.js';
import type { CardRepository } from '../../store/card-repository.js';
import type { ListRepository } from '../../store/list-repository.js';
import type { PicksRepository } from '../../store/picks-repository.js';
import { hourOf, type ReaderActivityRepository } from '../../store/reader-activity-repository.js';
import { channelPicks, editorsPicks, HOT_HALF_LIFE_HOURS, hotScores, topByScore, type SisterCandidate } from './lists/rank-lists.js';
import { publishFeed, type FeedPublisherDeps } from './publish-feed.js';

export interface ListPublisherDeps extends FeedPublisherDeps {
  catalog: FeedCatalogSettings;
  activity: Pick<ReaderActivityRepository, 'hourlyCounts'>;
  cards: Pick<CardRepository, 'getMany'>;
  lists: Pick<ListRepository, 'write'>;
  picks: Pick<PicksRepository, 'live'>;
  articles: FeedPublisherDeps['articles'] & Pick<ArticleRepository, 'listFeed'>;
  /** Items each list keeps. */
  size: number;
  now?: () => number;
}

/** How many of each sister channel's newest articles channel picks choose from. */
const SISTER_POOL = 30;

/**
 * Recomputes one channel's recommendation lists — 热点 over 24 h and 7 d, 频道推荐 from the
 * sister channels, 新闻推荐 (live pins, then hot) — stores those that changed, and publishes
 * their feeds. Returns the ids of the lists that changed.
 */
export async function publishLists(deps: ListPublisherDeps, channelId: string): Promise<string[]> {
  if (!channelFeedIds(deps.catalog).includes(channelId)) return [];
  const now = (deps.now ?? Date.now)();
  const nowHour = hourOf(now);
  const hours = Array.from({ length: HOT_WINDOWS['7d'] }, (_, i) => nowHour - i);
  const counts = await deps.activity.hourlyCounts(channelId, hours);
  const hot24 = topByScore(hotScores(counts, nowHour, HOT_WINDOWS['24h'], HOT_HALF_LIFE_HOURS['24h']), deps.size);
  const hot7d = topByScore(hotScores(counts, nowHour, HOT_WINDOWS['7d'], HOT_HALF_LIFE_HOURS['7d']), deps.size);
  const pinned = (await deps.picks.live(channelId, now)).map((pick) => pick.articleId);
  const ranked: [PrecomputedList, [string, number][]][] = [
    ['hot-24h', hot24],
    ['hot-7d', hot7d],
    ['picks', editorsPicks(pinned, hot24, deps.size)],
    ['channel-picks', channelPicks(await sisterCandidates(deps, channelId, now), deps.size)],
  ];
  const changed: string[] = [];
  for (const [list, entries] of ranked) {
    const listId = listIdOf(list, channelId);
    if (await deps.lists.write(listId, await itemsOf(deps, entries))) changed.push(listId);
  }
  const feeds = listFeedsOfChannel(deps.catalog, channelId).filter((spec) => changed.some((listId) => spec.feedId === feedId.list(listId)));
  await Promise.all(feeds.map((spec) => publishFeed(deps, spec)));
  return changed;
}

/** The list entries of ranked ids, for the ids that have a card (an article that is gone drops out). */
async function itemsOf(deps: ListPublisherDeps, entries: readonly [string, number][]): Promise<ListItem[]> {
  const cards = new Map((await deps.cards.getMany(entries.map(([id]) => id))).map((card) => [card.id, card]));
  return entries.flatMap(([id, score]) => {
    const card = cards.get(id);
    return card ? [listItemOf(card, score)] : [];
  });
}

/** The newest articles of every other channel with their hot scores of the last 24 h. */
async function sisterCandidates(deps: ListPublisherDeps, channelId: string, now: number): Promise<SisterCandidate[]> {
  const sisters = deps.catalog.channels.map((channel) => channel.id).filter((id) => id !== channelId && id !== ALL_CHANNEL_ID);
  const nowHour = hourOf(now);
  const hours = Array.from({ length: HOT_WINDOWS['24h'] }, (_, i) => nowHour - i);
  const perSister = await Promise.all(
    sisters.map(async (sister) => {
      const [ids, counts] = await Promise.all([
        deps.articles.listFeed(feedId.channel(sister), SISTER_POOL),
        deps.activity.hourlyCounts(sister, hours),
      ]);
      const hot = hotScores(counts, nowHour, HOT_WINDOWS['24h'], HOT_HALF_LIFE_HOURS['24h']);
      const cards = await deps.cards.getMany(ids);
      return cards.map((card) => ({
        id: card.id,
        channelId: sister,
        hot: hot.get(card.id) ?? 0,
        ageHours: Math.max(0, (now - Date.parse(card.publishedAt)) / 3_600_000),
      }));
    }),
  );
  return perSister.flat();
}
