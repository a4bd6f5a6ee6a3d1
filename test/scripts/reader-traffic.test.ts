import { isbot } from 'isbot';
import { describe, expect, it } from 'vitest';
import type { CountableEvent, RecordedEvents } from '../../src/store/reader-activity-repository.js';
import { countTraffic, decayedReaders, precisionAt } from '../../scripts/hot-scoring.js';
import {
  abuserTraffic,
  CRAWLERS,
  crawlerTraffic,
  readerTraffic,
  seededRandom,
  timeOfDay,
  topicReaderTraffic,
  weightedDraw,
  zipfPopularity,
  type TrafficEvent,
} from '../../scripts/reader-traffic.js';

const DAY_START = Date.parse('2024-07-01T00:00:00+08:00');
const HOUR = 3_600_000;
const IDS = Array.from({ length: 40 }, (_, i) => `a${String(i).padStart(2, '0')}`);

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed, in [0, 1), and another for another seed', () => {
    const [a, b, c] = [seededRandom(7), seededRandom(7), seededRandom(8)];
    const first = Array.from({ length: 1000 }, a);
    expect(Array.from({ length: 1000 }, b)).toEqual(first);
    expect(Array.from({ length: 1000 }, c)).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('zipfPopularity', () => {
  it.each([1, 1.2])('gives shares summing to 1, the r-th ∝ 1/r^%s, in a seeded order', (exponent) => {
    const shares = [...zipfPopularity(IDS, exponent, seededRandom(1)).values()];
    expect(shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 12);
    expect((shares[0] ?? 0) / (shares[3] ?? 1)).toBeCloseTo(4 ** exponent, 9);
    expect([...zipfPopularity(IDS, exponent, seededRandom(1)).keys()]).not.toEqual([
      ...zipfPopularity(IDS, exponent, seededRandom(2)).keys(),
    ]);
  });
});

describe('weightedDraw and timeOfDay', () => {
  it('draws ids as often as their weights say, never one weighing nothing', () => {
    const draw = weightedDraw(
      new Map([
        ['a', 3],
        ['b', 1],
        ['c', 0],
      ]),
      seededRandom(3),
    );
    const draws = Array.from({ length: 20_000 }, draw);
    expect(draws.filter((id) => id === 'a').length / draws.length).toBeCloseTo(0.75, 1);
    expect(draws).not.toContain('c');
  });

  it('keeps times inside the day, fewer at 3:00 than at 20:00', () => {
    const random = seededRandom(4);
    const hours = Array.from({ length: 20_000 }, () => (timeOfDay(DAY_START, random) - DAY_START) / HOUR);
    expect(hours.every((hour) => hour >= 0 && hour < 24)).toBe(true);
    expect(hours.filter((hour) => Math.floor(hour) === 3).length * 5).toBeLessThan(hours.filter((hour) => Math.floor(hour) === 20).length);
  });
});

describe('readerTraffic', () => {
  const crowd = { dayStart: DAY_START, readers: 300, meanViews: 6, maxViews: 12, maxReadsPerArticle: 2 };
  const events = readerTraffic(zipfPopularity(IDS, 1, seededRandom(5)), crowd, seededRandom(6));

  it('has no reader read an article more than twice, nor more than maxViews in all, all within the day', () => {
    const perPair = new Map<string, number>();
    const perReader = new Map<string, number>();
    for (const { articleId, readerId } of events) {
      perPair.set(`${readerId} ${articleId}`, (perPair.get(`${readerId} ${articleId}`) ?? 0) + 1);
      perReader.set(readerId, (perReader.get(readerId) ?? 0) + 1);
    }
    expect(Math.max(...perPair.values())).toBe(2);
    expect(Math.max(...perReader.values())).toBeLessThanOrEqual(12);
    expect(events.every((event) => event.at >= DAY_START && event.at < DAY_START + 24 * HOUR && event.origin === 'reader')).toBe(true);
  });

  it('sends only browsers isbot lets through', () => {
    expect(events.filter((event) => event.userAgent !== undefined && isbot(event.userAgent))).toEqual([]);
  });
});

describe('topicReaderTraffic', () => {
  it('has each follower read 3 to 5 distinct articles of their topic, never all of it', () => {
    const topics = new Map([
      ['t1', IDS.slice(0, 5)],
      ['t2', IDS.slice(5, 12)],
    ]);
    const { events, topicOf } = topicReaderTraffic(topics, 4, DAY_START, seededRandom(9));
    expect(topicOf.size).toBe(8);
    for (const [readerId, topic] of topicOf) {
      const read = events.filter((event) => event.readerId === readerId).map((event) => event.articleId);
      expect(new Set(read).size).toBe(read.length);
      expect(read.length).toBeGreaterThanOrEqual(3);
      expect(read.length).toBeLessThanOrEqual(Math.min(5, (topics.get(topic)?.length ?? 0) - 1));
      expect(read.every((id) => topics.get(topic)?.includes(id))).toBe(true);
    }
  });
});

describe('crawlerTraffic and abuserTraffic', () => {
  it.each(CRAWLERS)('sends views isbot recognises: %s', (agent) => {
    const events = crawlerTraffic(['a00', 'a01'], 10, DAY_START, seededRandom(10)).filter((event) => event.userAgent === agent);
    expect(events).toHaveLength(10);
    expect(isbot(agent)).toBe(true);
  });

  it('floods one article from one browser reader at the given rate', () => {
    const events = abuserTraffic('a07', 1200, 2, DAY_START);
    expect(events).toHaveLength(2400);
    expect(events.filter((event) => event.at < DAY_START + 60_000)).toHaveLength(1200);
    expect(new Set(events.map((event) => `${event.readerId} ${event.articleId}`))).toEqual(new Set(['abuser-1 a07']));
    expect(isbot(events[0]?.userAgent ?? '')).toBe(false);
  });
});

const view = (articleId: string, readerId: string, hour: number, origin: TrafficEvent['origin'] = 'reader'): TrafficEvent => ({
  type: 'view',
  articleId,
  readerId,
  at: DAY_START + hour * HOUR + 60_000,
  origin,
  userAgent: origin === 'crawler' ? CRAWLERS[0] : undefined,
});

describe('decayedReaders', () => {
  const now = DAY_START + 24 * HOUR - 1;

  it('counts each human reader once, at their last read, halved every 6 hours of age; ignores crawlers and the abuser', () => {
    const scores = decayedReaders(
      [view('a', 'r1', 11), view('a', 'r1', 23), view('a', 'r2', 17), view('a', 'bot', 23, 'crawler'), view('b', 'x', 23, 'abuser')],
      now,
    );
    expect(scores.get('a')).toBeCloseTo(1 + 0.5, 12);
    expect(scores.has('b')).toBe(false);
  });
});

describe('precisionAt', () => {
  it.each([
    [['a', 'b', 'c'], ['a', 'b'], 1],
    [['c', 'a', 'b'], ['a', 'b'], 0.5],
    [['x'], ['a', 'b'], 0],
    [[], [], 1],
  ])('%j against %j → %s', (got, want, precision) => {
    expect(precisionAt(got, want)).toBe(precision);
  });
});

describe('countTraffic', () => {
  it('screens bots, drops unknown articles, adds the channel all, batches by 50, and tallies outcomes per origin', async () => {
    const batches: CountableEvent[][] = [];
    const record = (events: readonly CountableEvent[]): Promise<RecordedEvents> => {
      batches.push([...events]);
      return Promise.resolve({ counted: events.length - 1, repeats: 1, floods: 0, changedChannels: new Set(['xintai', 'all']) });
    };
    const events = [...Array.from({ length: 60 }, (_, i) => view('a', `r${i}`, 1)), view('gone', 'r0', 2), view('a', 'bot', 3, 'crawler')];
    const tally = await countTraffic({ record }, events, new Map([['a', ['xintai']]]), isbot);
    expect(batches.map((batch) => batch.length)).toEqual([50, 10]);
    expect(batches[0]?.[0]?.channels).toEqual(['xintai', 'all']);
    expect(Object.fromEntries(tally.get('reader') ?? [])).toEqual({ repeat: 2, counted: 58, flood: 0, 'unknown-article': 1 });
    expect(Object.fromEntries(tally.get('crawler') ?? [])).toEqual({ bot: 1 });
  });
});
