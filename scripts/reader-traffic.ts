/**
 * A simulated day of reading events over a catalogue, for `npm run eval:recs`: human readers who
 * pick articles by a Zipf popularity, readers who follow one topic, crawlers hammering unpopular
 * articles and one abusive reader. Pure: every draw comes from the seeded generator passed in.
 */
import type { ReaderEvent } from '../src/domain/reader-event.js';

/** Who sent a simulated event. Readers and topic readers are people; the rest must not count. */
export type Origin = 'reader' | 'topic-reader' | 'crawler' | 'abuser';
export const ORIGINS: readonly Origin[] = ['reader', 'topic-reader', 'crawler', 'abuser'];

/** A reading event with who sent it (the counting path never sees `origin`). */
export interface TrafficEvent extends ReaderEvent {
  origin: Origin;
}

/** A generator of uniform numbers in [0, 1). */
export type Random = () => number;

const HOUR_MS = 3_600_000;
/** A day's reading by hour of the day (local time): quiet at night, peaks at breakfast, lunch and evening. */
const HOUR_CUMULATIVE = cumulativeOf([
  1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.2, 2.2, 2.8, 2.4, 2.0, 2.2, 2.6, 2.0, 1.8, 1.8, 1.9, 2.2, 2.6, 3.0, 3.2, 2.8, 2.0, 1.4,
]);
/** Browsers of people (WeChat's in-app browser, Android Chrome, iPhone Safari); undefined: the partner did not pass it on. */
const BROWSERS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN',
  'Mozilla/5.0 (Linux; Android 13; V2218A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
  undefined,
];
/** Real crawlers' user agents, all on isbot's list. */
export const CRAWLERS = [
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)',
  'Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.77 Safari/537.36 YisouSpider/5.0',
];

/** Returns a seeded generator (mulberry32): the same seed gives the same day. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Returns a shuffled copy (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** Returns each id's share of all views: the ids in a random order, the one at rank r drawing ∝ 1/r^exponent. */
export function zipfPopularity(ids: readonly string[], exponent: number, random: Random): Map<string, number> {
  const weights = shuffled(ids, random).map((id, rank): [string, number] => [id, 1 / (rank + 1) ** exponent]);
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  return new Map(weights.map(([id, weight]) => [id, weight / total]));
}

/** Returns a drawer of ids by their weights (inverse of the cumulative distribution). */
export function weightedDraw(weights: ReadonlyMap<string, number>, random: Random): () => string {
  const ids = [...weights.keys()];
  const cumulative = cumulativeOf([...weights.values()]);
  return () => ids[indexAt(cumulative, random())] ?? '';
}

/** Returns an instant of the day that starts at `dayStart`, more likely at busy hours. */
export function timeOfDay(dayStart: number, random: Random): number {
  return dayStart + indexAt(HOUR_CUMULATIVE, random()) * HOUR_MS + Math.floor(random() * HOUR_MS);
}

function cumulativeOf(weights: readonly number[]): number[] {
  let running = 0;
  return weights.map((weight) => (running += weight));
}

/** The first index whose cumulative weight exceeds `unit` (in [0, 1)) of the total. */
function indexAt(cumulative: readonly number[], unit: number): number {
  const target = unit * (cumulative.at(-1) ?? 0);
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((cumulative[middle] ?? 0) <= target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The human readers of a day. */
export interface ReaderCrowd {
  dayStart: number;
  readers: number;
  /** Mean views per reader (at least one each). */
  meanViews: number;
  maxViews: number;
  /** How many times one reader may read one article. */
  maxReadsPerArticle: number;
}

/** Returns the views of human readers, each choosing articles by popularity at times spread over the day. */
export function readerTraffic(popularity: ReadonlyMap<string, number>, crowd: ReaderCrowd, random: Random): TrafficEvent[] {
  const draw = weightedDraw(popularity, random);
  const events: TrafficEvent[] = [];
  for (let reader = 0; reader < crowd.readers; reader++) {
    const readerId = `reader-${reader}`;
    const userAgent = BROWSERS[reader % BROWSERS.length];
    const views = Math.min(crowd.maxViews, 1 + Math.floor(-Math.log(1 - random()) * (crowd.meanViews - 1)));
    const reads = new Map<string, number>();
    for (let view = 0; view < views; view++) {
      let articleId = draw();
      for (let retry = 0; retry < 20 && (reads.get(articleId) ?? 0) >= crowd.maxReadsPerArticle; retry++) articleId = draw();
      if ((reads.get(articleId) ?? 0) >= crowd.maxReadsPerArticle) continue;
      reads.set(articleId, (reads.get(articleId) ?? 0) + 1);
      events.push({ type: 'view', articleId, readerId, at: timeOfDay(crowd.dayStart, random), userAgent, origin: 'reader' });
    }
  }
  return events;
}

/**
 * Returns the views of readers who each follow one topic: `perTopic` readers a topic, each
 * reading 3 to 5 of its articles (never all of them, so that one is left to recommend), and
 * the topic of each reader.
 */
export function topicReaderTraffic(
  topics: ReadonlyMap<string, readonly string[]>,
  perTopic: number,
  dayStart: number,
  random: Random,
): { events: TrafficEvent[]; topicOf: Map<string, string> } {
  const events: TrafficEvent[] = [];
  const topicOf = new Map<string, string>();
  for (const [topic, articleIds] of topics) {
    for (let n = 0; n < perTopic; n++) {
      const readerId = `follower-${topic}-${n}`;
      topicOf.set(readerId, topic);
      const count = Math.min(3 + Math.floor(random() * 3), articleIds.length - 1);
      for (const articleId of shuffled(articleIds, random).slice(0, count))
        events.push({ type: 'view', articleId, readerId, at: timeOfDay(dayStart, random), userAgent: BROWSERS[0], origin: 'topic-reader' });
    }
  }
  return { events, topicOf };
}

/** Returns crawler views: each crawler `viewsEach` times over the day on random targets, a fresh reader id a request (no cookies). */
export function crawlerTraffic(targets: readonly string[], viewsEach: number, dayStart: number, random: Random): TrafficEvent[] {
  return CRAWLERS.flatMap((userAgent, crawler) =>
    Array.from({ length: viewsEach }, (_, n): TrafficEvent => {
      const articleId = targets[Math.floor(random() * targets.length)] ?? '';
      const at = dayStart + Math.floor(random() * 24 * HOUR_MS);
      return { type: 'view', articleId, readerId: `crawler-${crawler}-${n}`, at, userAgent, origin: 'crawler' };
    }),
  );
}

/** Returns one reader's flood: `perMinute` views a minute of one article for `minutes` minutes from `from`, from a browser. */
export function abuserTraffic(articleId: string, perMinute: number, minutes: number, from: number): TrafficEvent[] {
  return Array.from({ length: perMinute * minutes }, (_, n) => ({
    type: 'view',
    articleId,
    readerId: 'abuser-1',
    at: from + Math.floor((n * 60_000) / perMinute),
    userAgent: BROWSERS[1],
    origin: 'abuser',
  }));
}
