/**
 * Runs simulated reading events through the real counting path (screenEvents, then
 * ReaderActivityRepository.record) and ranks the 24 h hot list of each channel as the publish
 * worker does, then compares it with the true top of each channel.
 */
import { ALL_CHANNEL_ID } from '../src/domain/channel.js';
import type { DropReason } from '../src/domain/reader-event.js';
import { HOT_WINDOWS } from '../src/domain/recommendation-list.js';
import { screenEvents, type BotTest } from '../src/producers/events/screen-events.js';
import { hourOf, type CountableEvent, type ReaderActivityRepository } from '../src/store/reader-activity-repository.js';
import { HOT_HALF_LIFE_HOURS, hotScores, topByScore } from '../src/workers/publish/lists/rank-lists.js';
import type { Origin, TrafficEvent } from './reader-traffic.js';

/** Events a batch carries, as a partner's POST /api/events would. */
export const BATCH_SIZE = 50;
/** The list the simulation judges: 热点 over 24 h. */
const WINDOW_HOURS = HOT_WINDOWS['24h'];
const HALF_LIFE_HOURS = HOT_HALF_LIFE_HOURS['24h'];

/** What became of an event: counted, a repeat within the hour, part of a flood, or why it was dropped. */
export type Outcome = 'counted' | 'repeat' | 'flood' | DropReason;
/** Per origin, how many events had each outcome. */
export type Tally = Map<Origin, Map<Outcome, number>>;

/**
 * Counts events in time order and in batches, each screened at the time its last event arrives,
 * its articles' channels plus `all` attached (an article without channels is unknown), as
 * POST /api/events does; returns per origin what became of the events.
 */
export async function countTraffic(
  activity: Pick<ReaderActivityRepository, 'record'>,
  events: readonly TrafficEvent[],
  channelsOf: ReadonlyMap<string, readonly string[]>,
  isBot: BotTest,
): Promise<Tally> {
  const tally: Tally = new Map();
  const add = (origin: Origin, outcome: Outcome, count = 1) => {
    const row = tally.get(origin) ?? new Map<Outcome, number>();
    tally.set(origin, row.set(outcome, (row.get(outcome) ?? 0) + count));
  };
  const sorted = [...events].sort((a, b) => a.at - b.at);
  for (let start = 0; start < sorted.length; start += BATCH_SIZE) {
    const batch = sorted.slice(start, start + BATCH_SIZE);
    const { kept, dropped } = screenEvents(batch, batch.at(-1)?.at ?? 0, isBot);
    const keptSet = new Set(kept);
    // screenEvents gives the reasons of the events it drops in their order in the batch.
    batch.filter((event) => !keptSet.has(event)).forEach((event, i) => add(event.origin, dropped[i] ?? 'bot'));
    const countable: (CountableEvent & { origin: Origin })[] = [];
    for (const event of batch.filter((candidate) => keptSet.has(candidate))) {
      const channels = channelsOf.get(event.articleId);
      if (channels) countable.push({ ...event, channels: [...channels, ALL_CHANNEL_ID] });
      else add(event.origin, 'unknown-article');
    }
    // Each origin's events of the batch are recorded apart, so that the tally can say what became of whose.
    for (const origin of new Set(countable.map((event) => event.origin))) {
      const recorded = await activity.record(countable.filter((event) => event.origin === origin));
      add(origin, 'counted', recorded.counted);
      add(origin, 'repeat', recorded.repeats);
      add(origin, 'flood', recorded.floods);
    }
  }
  return tally;
}

/** Returns each channel's 24 h hot ranking at `now`, best first, from the stored hourly counts (hourlyCounts → hotScores → topByScore). */
export async function rankHot(
  activity: Pick<ReaderActivityRepository, 'hourlyCounts'>,
  channelIds: readonly string[],
  now: number,
): Promise<Map<string, string[]>> {
  const nowHour = hourOf(now);
  const hours = Array.from({ length: WINDOW_HOURS }, (_, i) => nowHour - i);
  const ranked = new Map<string, string[]>();
  for (const channelId of channelIds) {
    const scores = hotScores(await activity.hourlyCounts(channelId, hours), nowHour, WINDOW_HOURS, HALF_LIFE_HOURS);
    ranked.set(
      channelId,
      topByScore(scores, scores.size).map(([id]) => id),
    );
  }
  return ranked;
}

/**
 * Returns each article's distinct human readers in the 24 h window at `now`, each reader counted
 * once, at the hour of their last read, and weighted by the hot list's own decay: what the hot
 * list means to measure.
 */
export function decayedReaders(events: readonly TrafficEvent[], now: number): Map<string, number> {
  const lastRead = new Map<string, { articleId: string; at: number }>();
  for (const event of events) {
    if (event.origin !== 'reader' && event.origin !== 'topic-reader') continue;
    const key = `${event.articleId} ${event.readerId}`;
    if ((lastRead.get(key)?.at ?? -Infinity) < event.at) lastRead.set(key, event);
  }
  const counts = new Map<number, Map<string, number>>();
  for (const { articleId, at } of lastRead.values()) {
    const hour = counts.get(hourOf(at)) ?? new Map<string, number>();
    counts.set(hourOf(at), hour.set(articleId, (hour.get(articleId) ?? 0) + 1));
  }
  return hotScores(counts, hourOf(now), WINDOW_HOURS, HALF_LIFE_HOURS);
}

/** Returns the `k` ids of `members` with the highest scores (ties: the id), as the hot list orders them. */
export function topMembers(scores: ReadonlyMap<string, number>, members: ReadonlySet<string>, k: number): string[] {
  return topByScore(new Map([...scores].filter(([id]) => members.has(id))), k).map(([id]) => id);
}

/** Returns the share of `want` found among the first `want.length` of `got`. */
export function precisionAt(got: readonly string[], want: readonly string[]): number {
  const found = new Set(got.slice(0, want.length));
  return want.length === 0 ? 1 : want.filter((id) => found.has(id)).length / want.length;
}
