/**
 * The tables `npm run eval:recs` prints: what was measured, on which input, against which
 * target. Formatting only; the numbers come from the scoring modules.
 */
import path from 'node:path';
import { ALL_CHANNEL_ID } from '../src/domain/channel.js';
import { DROP_REASONS } from '../src/domain/reader-event.js';
import { HOT_WINDOWS } from '../src/domain/recommendation-list.js';
import type { ReaderActivityRepository, ReaderActivitySettings } from '../src/store/reader-activity-repository.js';
import { HOT_HALF_LIFE_HOURS } from '../src/workers/publish/lists/rank-lists.js';
import type { ForYouScore } from './for-you-scoring.js';
import { BATCH_SIZE, precisionAt, type Tally } from './hot-scoring.js';
import { CRAWLERS, ORIGINS } from './reader-traffic.js';
import type { RelatedScore, TopicArticle } from './related-scoring.js';
import { DAY, type SimulatedDay } from './simulated-day.js';

/** One stream counted under its own prefix, and the hot ranking of each channel it led to. */
export interface HotRun {
  activity: ReaderActivityRepository;
  tally: Tally;
  hot: Map<string, string[]>;
}

/** The true top 10 of a channel: A by decayed distinct human readers, B by true popularity. */
export interface ChannelTruth {
  readers: string[];
  popularity: string[];
}

const TARGET_RELATED = 0.8;
const TARGET_HOT = 0.9;

const write = (text: string) => process.stdout.write(`${text}\n`);
const fixed = (value: number, digits = 3) => value.toFixed(digits);
const verdict = (value: number, target: number) => (value >= target ? 'met' : 'MISSED');

/** Returns rows as aligned text: the first column to the left, the others to the right. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths = rows.reduce<number[]>((max, row) => row.map((cell, i) => Math.max(max[i] ?? 0, cell.length)), []);
  return rows
    .map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '))
    .join('\n');
}

/** Part 1: precision@5 of 相关新闻 on the dev and held-out topics. */
export function printRelated(articles: readonly TopicArticle[], configFile: string, scores: Record<'dev' | 'heldout', RelatedScore>): void {
  const topics = new Set(articles.map((article) => article.topic)).size;
  write(`Recommendation evaluation (issue 13) on test/fixtures/recs/topics.jsonl: ${articles.length} articles, ${topics} topics;`);
  write(`cards built by normalize → classify (${path.basename(configFile)}) → jieba keywords (scripts/related-scoring.ts cardsOf)\n`);
  write('1. 相关新闻 related: precision@5, each article a query ranked against the whole set (both splits)');
  const { dev, heldout } = scores;
  write(
    formatTable([
      ['', 'dev', 'heldout'],
      ['queries', String(dev.queries), String(heldout.queries)],
      ['precision@5', fixed(dev.precisionAt5), fixed(heldout.precisionAt5)],
      [`target ${TARGET_RELATED}`, verdict(dev.precisionAt5, TARGET_RELATED), verdict(heldout.precisionAt5, TARGET_RELATED)],
    ]),
  );
}

/** Part 2: whether the 24 h hot list finds each channel's true top 10, with and without bots and the abuser. */
export function printHot(input: {
  seed: number;
  day: SimulatedDay;
  members: ReadonlyMap<string, ReadonlySet<string>>;
  truth: ReadonlyMap<string, ChannelTruth>;
  humanRun: HotRun;
  mixedRun: HotRun;
  activitySettings: ReaderActivitySettings;
}): void {
  const { day, members, humanRun, mixedRun } = input;
  printHotInput(input.seed, day, input.activitySettings);
  write(formatTable(hotRows(members, input.truth, humanRun, mixedRun)));
  printTally(humanRun.tally, mixedRun.tally);
  const rankIn = (run: HotRun) => (run.hot.get(ALL_CHANNEL_ID) ?? []).indexOf(day.abused) + 1;
  write(
    `   abused article ${day.abused}: rank in '${ALL_CHANNEL_ID}' ${rankIn(humanRun)} people only, ${rankIn(mixedRun)} with bots and abuser` +
      ` (0: unranked) of ${members.get(ALL_CHANNEL_ID)?.size ?? 0}`,
  );
}

function printHotInput(seed: number, day: SimulatedDay, settings: ReaderActivitySettings): void {
  const count = (origin: string) => day.events.filter((event) => event.origin === origin).length;
  const crawlerNames = CRAWLERS.map((agent) => /(\w+(?:bot|spider))/i.exec(agent)?.[1] ?? agent).join(', ');
  const [window, halfLife] = [HOT_WINDOWS['24h'], HOT_HALF_LIFE_HOURS['24h']];
  write(
    `\n2. 热点 hot (${window} h): does it find each channel's true top 10? A simulated day, 2024-07-01 +08:00, seed ${seed} (--seed N)`,
  );
  write(
    `   people:   ${DAY.readers} readers, articles by Zipf popularity (exponent ${DAY.zipfExponent}), ${DAY.meanViews} views each on average`,
  );
  write(
    `             (≤ ${DAY.maxViews}, ≤ ${DAY.maxReadsPerArticle} reads of one article), more at busy hours → ${count('reader')} events;`,
  );
  write(`             ${DAY.followersPerTopic} followers a topic reading 3–5 of its articles → ${count('topic-reader')} events`);
  write(`   crawlers: ${crawlerNames}, ${DAY.crawlerViewsEach} views each on the ${DAY.crawlerTargets} least popular articles,`);
  write(`             a fresh reader id a request → ${count('crawler')} events`);
  write(`   abuser:   one reader, a browser's user agent, ${DAY.abuserPerMinute} views/min of the least popular article`);
  write(`             for ${DAY.abuserMinutes} min from ${DAY.abuserFromHour}:00 → ${count('abuser')} events`);
  write(`   path: screenEvents(isbot) → ReaderActivityRepository.record on Redis, time order, batches of ${BATCH_SIZE}`);
  write(`         (≤ ${settings.maxEventsPerMinute} events/reader/min, profile ${settings.profileSize} reads)`);
  write(`         → hourlyCounts → hotScores(${window} h, half-life ${halfLife} h) → topByScore, at 23:59:59.999`);
  write(
    '   truth A: the 10 articles of the channel with most distinct human readers, each once at the hour of their last read, same decay',
  );
  write('   truth B: the 10 articles of the channel with the highest true (Zipf) popularity\n');
}

/** One row a channel of at least 10 articles: P@10 against truths A and B, people only and with bots and abuser; then the means. */
function hotRows(
  members: ReadonlyMap<string, ReadonlySet<string>>,
  truth: ReadonlyMap<string, ChannelTruth>,
  humanRun: HotRun,
  mixedRun: HotRun,
): string[][] {
  const rows = [['channel', 'articles', 'A people', 'A +bots+abuser', 'B people', 'B +bots+abuser', 'same top 10']];
  const sums = [0, 0, 0, 0];
  for (const [channel, ids] of members) {
    const want = truth.get(channel);
    const [human, mixed] = [humanRun.hot.get(channel) ?? [], mixedRun.hot.get(channel) ?? []];
    if (!want || ids.size < 10) continue;
    const scores = [want.readers, want.popularity].flatMap((top) => [precisionAt(human, top), precisionAt(mixed, top)]);
    scores.forEach((score, i) => (sums[i] = (sums[i] ?? 0) + score));
    const same = human.slice(0, 10).join() === mixed.slice(0, 10).join();
    rows.push([channel, String(ids.size), ...scores.map((score) => fixed(score, 2)), same ? 'yes' : 'NO']);
  }
  const means = sums.map((sum) => sum / Math.max(rows.length - 1, 1));
  rows.push(['mean', '', ...means.map((mean) => fixed(mean, 2)), '']);
  rows.push([`target ${TARGET_HOT}`, '', ...means.map((mean) => verdict(mean, TARGET_HOT)), '']);
  return rows;
}

function printTally(human: Tally, mixed: Tally): void {
  write('\n   what became of the events (Redis outcomes and screenEvents drops)');
  const outcomes = ['counted', 'repeat', 'flood', ...DROP_REASONS] as const;
  const rows = [['run / origin', 'events', ...outcomes]];
  for (const [run, tally] of [
    ['people only', human],
    ['+bots+abuser', mixed],
  ] as const) {
    for (const origin of ORIGINS) {
      const row = tally.get(origin);
      if (!row) continue;
      const events = [...row.values()].reduce((sum, n) => sum + n, 0);
      rows.push([`${run} / ${origin}`, String(events), ...outcomes.map((outcome) => String(row.get(outcome) ?? 0))]);
    }
  }
  write(formatTable(rows));
}

/** Part 3: how much of 猜你喜欢's top 5 is of the follower's topic, with cards by outlet and all of one source. */
export function printForYou(byOutlet: Record<'dev' | 'heldout', ForYouScore>, oneSource: Record<'dev' | 'heldout', ForYouScore>): void {
  write("\n3. 猜你喜欢 for-you: the topic followers of part 2, history from the store's profile (recentReads),");
  write('   candidates the whole catalogue (what they read included), statistics over the catalogue, at 23:59:59.999');
  const rows = [['', 'dev', 'heldout']];
  for (const [label, scores] of [
    ['source = outlet', byOutlet],
    ["one source ('topics')", oneSource],
  ] as const) {
    const { dev, heldout } = scores;
    rows.push(
      [`${label}: readers`, String(dev.readers), String(heldout.readers)],
      [`${label}: top-5 share of own topic`, fixed(dev.share), fixed(heldout.share)],
      [`${label}: best possible share`, fixed(dev.ceiling), fixed(heldout.ceiling)],
      [`${label}: share / best possible`, fixed(dev.share / dev.ceiling, 2), fixed(heldout.share / heldout.ceiling, 2)],
      [`${label}: items returned (mean)`, fixed(dev.returned, 2), fixed(heldout.returned, 2)],
      [`${label}: read articles returned`, String(dev.seenReturned), String(heldout.seenReturned)],
    );
  }
  write(formatTable(rows));
  write('   (issue 13 sets no target for for-you)');
}
