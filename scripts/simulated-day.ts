/**
 * The day `npm run eval:recs` simulates over the topics catalogue: who reads, how much, and who
 * attacks the counts. Pure: the seed decides every draw.
 */
import {
  abuserTraffic,
  crawlerTraffic,
  readerTraffic,
  seededRandom,
  topicReaderTraffic,
  zipfPopularity,
  type TrafficEvent,
} from './reader-traffic.js';

const HOUR_MS = 3_600_000;

/** The shape of the simulated day; every number is printed with the results. */
export const DAY = {
  /** 00:00 in Tai'an; the lists are ranked at 23:59:59.999 of the same day. */
  start: Date.parse('2024-07-01T00:00:00+08:00'),
  zipfExponent: 1,
  readers: 4000,
  meanViews: 6,
  maxViews: 30,
  maxReadsPerArticle: 2,
  /** Readers who each read 3–5 articles of one topic (for 猜你喜欢). */
  followersPerTopic: 3,
  /** Crawlers hammer this many of the least popular articles… */
  crawlerTargets: 100,
  /** …each crawler this many times over the day. */
  crawlerViewsEach: 3000,
  abuserPerMinute: 1200,
  abuserMinutes: 30,
  /** The abuser starts at 21:00, late, where the hot list's decay weighs most. */
  abuserFromHour: 21,
} as const;

/** The end of the simulated day: when the hot lists are ranked and for-you is asked. */
export const DAY_END = DAY.start + 24 * HOUR_MS - 1;

/** One simulated day of traffic and what the truth behind it is. */
export interface SimulatedDay {
  /** Every event: people, crawlers and the abuser. */
  events: TrafficEvent[];
  /** Each article's true share of human views. */
  popularity: Map<string, number>;
  /** The topic each topic follower follows. */
  topicOf: Map<string, string>;
  /** The article the abuser floods: the least popular. */
  abused: string;
}

/** Simulates the day over the articles (ids) and their topics (topic → article ids). */
export function simulateDay(articleIds: readonly string[], topics: ReadonlyMap<string, readonly string[]>, seed: number): SimulatedDay {
  const random = seededRandom(seed);
  const popularity = zipfPopularity(articleIds, DAY.zipfExponent, random);
  const leastPopular = [...popularity].sort((a, b) => a[1] - b[1]).map(([id]) => id);
  const abused = leastPopular[0] ?? '';
  const people = readerTraffic(popularity, { ...DAY, dayStart: DAY.start }, random);
  const followers = topicReaderTraffic(topics, DAY.followersPerTopic, DAY.start, random);
  const crawlers = crawlerTraffic(leastPopular.slice(0, DAY.crawlerTargets), DAY.crawlerViewsEach, DAY.start, random);
  const flood = abuserTraffic(abused, DAY.abuserPerMinute, DAY.abuserMinutes, DAY.start + DAY.abuserFromHour * HOUR_MS);
  return { events: [...people, ...followers.events, ...crawlers, ...flood], popularity, topicOf: followers.topicOf, abused };
}
