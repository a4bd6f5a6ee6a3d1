/**
 * `npm run eval:recs [-- --seed N]` (issue 13): how well the recommendation lists do on the
 * labelled topics of test/fixtures/recs/topics.jsonl — 相关新闻 precision@5; whether the 24 h
 * 热点 list finds each channel's true top 10 in a simulated day of readers, crawlers and one
 * abuser counted on the real Redis path; and whether 猜你喜欢 brings a topic's follower more of
 * that topic. Writes only under a fresh key prefix, and deletes it at the end.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isbot } from 'isbot';
import type { Redis } from 'ioredis';
import { LOCAL_REDIS_URL } from '../src/app/resolve-redis.js';
import { parseConfig } from '../src/config/load-config.js';
import { ALL_CHANNEL_ID } from '../src/domain/channel.js';
import { createRedisConnection } from '../src/queues/redis-connection.js';
import { deleteKeysWithPrefix } from '../src/store/delete-keys.js';
import { ReaderActivityRepository, type ReaderActivitySettings } from '../src/store/reader-activity-repository.js';
import { loadGazetteer } from '../src/workers/process/classify/load-gazetteer.js';
import { createJiebaSegmenter } from '../src/workers/process/keywords/jieba-segmenter.js';
import { scoreForYou, type TopicLabels } from './for-you-scoring.js';
import { countTraffic, decayedReaders, rankHot, topMembers, type Tally } from './hot-scoring.js';
import { printForYou, printHot, printRelated, type HotRun } from './recs-report.js';
import { cardsOf, readTopics, scoreRelated } from './related-scoring.js';
import { DAY_END, simulateDay } from './simulated-day.js';
import type { TrafficEvent } from './reader-traffic.js';

const CONFIG_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'syndicator.example.yaml');
const { values } = parseArgs({ options: { seed: { type: 'string', default: '20240701' } } });
const seed = Number(values.seed);
const started = performance.now();

const config = parseConfig(readFileSync(CONFIG_FILE, 'utf8'), CONFIG_FILE, { port: 0 });
const gazetteer = loadGazetteer(config);
const processSettings = { channels: config.channels, gazetteer, dedupe: config.dedupe, hostAliases: config.urls.hostAliases };
const articles = readTopics();
const cards = cardsOf(articles, processSettings, createJiebaSegmenter(gazetteer.placeNames()));
const cardOf = (labelId: string) => cards.get(labelId)!;

printRelated(articles, CONFIG_FILE, { dev: scoreRelated(articles, cards, 'dev'), heldout: scoreRelated(articles, cards, 'heldout') });

const labels: TopicLabels = new Map(articles.map((article) => [cardOf(article.id).id, { topic: article.topic, split: article.split }]));
const topics = new Map<string, string[]>();
for (const [id, { topic }] of labels) topics.set(topic, [...(topics.get(topic) ?? []), id]);
const day = simulateDay([...labels.keys()], topics, seed);
const channelsOf = new Map([...cards.values()].map((card) => [card.id, card.channels]));
const members = new Map<string, Set<string>>([[ALL_CHANNEL_ID, new Set(channelsOf.keys())]]);
for (const channel of config.channels)
  members.set(channel.id, new Set([...cards.values()].filter((card) => card.channels.includes(channel.id)).map((card) => card.id)));

const activitySettings: ReaderActivitySettings = {
  profileTtlMs: config.lists.profileTtl,
  maxEventsPerMinute: config.lists.maxEventsPerMinute,
  profileSize: config.lists.profileSize,
};
const redis = createRedisConnection(process.env.REDIS_URL ?? LOCAL_REDIS_URL, 'eval-recs');
const prefix = `eval-recs-${randomUUID().slice(0, 8)}`;
try {
  const humans = day.events.filter((event) => event.origin === 'reader' || event.origin === 'topic-reader');
  const humanRun = await runStream(redis, `${prefix}:humans`, humans);
  const mixedRun = await runStream(redis, `${prefix}:mixed`, day.events);
  const readers = decayedReaders(day.events, DAY_END);
  const truth = new Map(
    [...members].map(([channel, ids]) => [
      channel,
      { readers: topMembers(readers, ids, 10), popularity: topMembers(day.popularity, ids, 10) },
    ]),
  );
  printHot({ seed, day, members, truth, humanRun, mixedRun, activitySettings });
  // Cards as cardsOf builds them all carry one source ('topics'); the outlet of each article is what a feed's source would be.
  const byOutlet = articles.map((article) => ({ ...cardOf(article.id), sourceId: article.source }));
  printForYou(
    await scoreForYou(mixedRun.activity, day.topicOf, byOutlet, labels, DAY_END),
    await scoreForYou(mixedRun.activity, day.topicOf, [...cards.values()], labels, DAY_END),
  );
} finally {
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
}
process.stdout.write(`\n${((performance.now() - started) / 1000).toFixed(1)} s; Redis keys under ${prefix}: deleted\n`);

/** Counts a stream of events under its own prefix and ranks every channel's hot list at the end of the day. */
async function runStream(client: Redis, runPrefix: string, events: readonly TrafficEvent[]): Promise<HotRun> {
  const activity = new ReaderActivityRepository(client, runPrefix, activitySettings);
  const tally: Tally = await countTraffic(activity, events, channelsOf, isbot);
  return { activity, tally, hot: await rankHot(activity, [...members.keys()], DAY_END) };
}
