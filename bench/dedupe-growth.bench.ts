/**
 * `npm run bench -- dedupe-growth`: what the near-duplicate claim costs per item as the
 * store grows, on the test suite's synthetic streams — varied stories (variedItems, every tenth
 * a repost) and templated ones (syntheticItems: eight towns × eight topics of one meeting
 * notice, differing in their figures). Every item is prepared first (normalized and sketched, as
 * a pool thread would); then the items are saved in order, `concurrency` at a time, through the
 * real claim scripts. For the items saved just before the store reaches each size it prints the
 * ms per item, the claim rounds per item, the candidate ids the claim handed back per item (each
 * one an article read from Redis) and the candidates compared by text per item; and, per stream,
 * the verdicts and how many articles the store ended with (in flight, a copy saved before its
 * original is 'created', and the original then takes its place: count the store, not verdicts).
 *
 * Env: DEDUPE_GROWTH_SIZES (default 1000,2000,5000,10000), DEDUPE_GROWTH_CONCURRENCY (1,96),
 * DEDUPE_GROWTH_STREAMS (varied,templated), REDIS_URL. Keys live under a prefix of their own,
 * deleted afterwards.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Redis } from 'ioredis';
import { resolveRedis } from '../src/app/resolve-redis.js';
import type { NearDuplicateCheck } from '../src/domain/near-duplicate-check.js';
import type { ProcessPayload } from '../src/queues/payloads.js';
import { ArticleRepository } from '../src/store/article-repository.js';
import { claimHash } from '../src/store/claim-records.js';
import { deleteKeysWithPrefix } from '../src/store/delete-keys.js';
import { createSketchCheck, sketchArticleText } from '../src/workers/process/dedupe/near-duplicate.js';
import { buildArticle } from '../src/workers/process/process-item.js';
import { exampleConfig, exampleGazetteer } from '../test/support/example-config.js';
import { syntheticItems, variedItems } from '../test/support/synthetic-items.js';
import { fmt, printTable } from './bench-table.js';

const list = (name: string, fallback: string) => (process.env[name] ?? fallback).split(',').filter(Boolean);
const SIZES = list('DEDUPE_GROWTH_SIZES', '1000,2000,5000,10000').map(Number);
const CONCURRENCIES = list('DEDUPE_GROWTH_CONCURRENCY', '1,96').map(Number);
const STREAMS = { varied: variedItems, templated: syntheticItems, 'templated+reposts': templatedWithReposts } as const;
const STREAM_NAMES = list('DEDUPE_GROWTH_STREAMS', 'varied,templated,templated+reposts') as (keyof typeof STREAMS)[];

/**
 * The templated stream with every tenth item a partner's repost of the item five before it: its
 * first two paragraphs with a 相关新闻 block after them, or the whole story with a sentence added.
 * A repost of a notice has many near-twins in the store (the same notice for other figures), all
 * sharing bands with it: the claim must still find the one it copies.
 */
function templatedWithReposts(count: number, sourceId: string): ProcessPayload[] {
  const items = syntheticItems(count, sourceId);
  return items.map((payload, i) => {
    if (i % 10 !== 9) return payload;
    const { item } = items[i - 5]!;
    const paragraphs = item.html?.match(/<p>.*?<\/p>/g) ?? [];
    const html =
      i % 20 === 9
        ? `${paragraphs.slice(0, 2).join('')}<p>相关新闻</p><p>· 东平县老湖镇“渔家乐”接待游客1.2万人次</p><p>· 肥城市桃园镇桃花节开幕</p>`
        : `${paragraphs.join('')}<p>会后，与会人员还实地观摩了重点项目。</p>`;
    return {
      ...payload,
      source: { id: `${sourceId}-mirror`, name: '转载站', channels: [] },
      item: {
        ...item,
        guid: `repost-${i}`,
        url: `https://mirror.example.cn/news/${i}.html`,
        html,
        published: item.published?.replace(' 09:', ' 11:'),
      },
    };
  });
}

/** What one item's save cost. */
interface ItemCost {
  ms: number;
  rounds: number;
  candidates: number;
  compared: number;
  verdict: string;
}

const settings = {
  channels: exampleConfig.channels,
  gazetteer: exampleGazetteer(),
  dedupe: exampleConfig.dedupe,
  hostAliases: exampleConfig.urls.hostAliases,
};
const placeNames = settings.gazetteer.placeNames();

function prepare(payloads: ProcessPayload[]) {
  return payloads.map((payload) => {
    const { article } = buildArticle(payload, settings);
    return { article, sketch: sketchArticleText(article.title, article.contentText, placeNames, settings.dedupe) };
  });
}

/** Counts, per item (by its claim key), the claim rounds and the candidate ids each claim handed back. */
function countClaims(redis: Redis, costs: Map<string, ItemCost>, itemKeyOf: Map<string, string>): void {
  const claim = redis.claimArticle.bind(redis);
  redis.claimArticle = async (...args: (string | number)[]) => {
    const reply = await claim(...args);
    const cost = costs.get(itemKeyOf.get(String(args[0])) ?? '');
    if (cost) {
      cost.rounds++;
      if (reply[0] === 'candidates') cost.candidates += reply.length - 1;
    }
    return reply;
  };
}

async function runStream(redis: Redis, name: keyof typeof STREAMS, concurrency: number): Promise<(string | number)[][]> {
  const prefix = `bench-growth-${randomUUID().slice(0, 8)}`;
  const repo = new ArticleRepository(redis, prefix);
  const items = prepare(STREAMS[name](Math.max(...SIZES), 'growth'));
  const costs = new Map<string, ItemCost>();
  const itemKeyOf = new Map(items.map(({ article }) => [repo.keys.item(claimHash(article.itemKey)), article.itemKey]));
  countClaims(redis, costs, itemKeyOf);
  const checkSketch = createSketchCheck(placeNames, settings.dedupe);
  let next = 0;
  const started = performance.now();
  /** When the 1st, 2nd, … save finished, whichever item it was. */
  const finished: number[] = [];
  const worker = async () => {
    while (next < items.length) {
      const { article, sketch } = items[next++]!;
      const cost: ItemCost = { ms: 0, rounds: 0, candidates: 0, compared: 0, verdict: '' };
      costs.set(article.itemKey, cost);
      const check = checkSketch(sketch);
      const counted: NearDuplicateCheck = {
        ...check,
        isSameStory: (candidate) => {
          cost.compared++;
          return check.isSameStory(candidate);
        },
      };
      const t = performance.now();
      cost.verdict = (await repo.save(article, counted)).kind;
      cost.ms = performance.now() - t;
      finished.push(performance.now());
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const stored = await redis.zcard(repo.keys.stored());
  await deleteKeysWithPrefix(redis, prefix);
  const all = items.map(({ article }) => costs.get(article.itemKey)!);
  const verdicts = countBy(all.map((c) => c.verdict));
  process.stdout.write(
    `  ${name} × ${concurrency}: ${fmt(items.length / seconds, 0)} items/s; verdicts ${JSON.stringify(verdicts)}; ${stored} articles stored\n`,
  );
  return SIZES.map((size) => {
    const window = all.slice(size - windowOf(size), size);
    const mean = (pick: (c: ItemCost) => number) => window.reduce((sum, c) => sum + pick(c), 0) / window.length;
    // Wall time per item while the store grew through the window: from the save that left it a window short of `size` to the one that filled it.
    const wall = (finished[size - 1]! - (finished[size - window.length - 1] ?? started)) / window.length;
    return [
      name,
      concurrency,
      fmt(size, 0),
      fmt(
        mean((c) => c.ms),
        2,
      ),
      fmt(wall, 2),
      fmt(
        mean((c) => c.rounds),
        1,
      ),
      fmt(
        mean((c) => c.candidates),
        1,
      ),
      fmt(
        mean((c) => c.compared),
        1,
      ),
    ];
  });
}

/** The items measured for a size: the last tenth (at most 500) saved before the store reaches it. */
const windowOf = (size: number) => Math.min(500, Math.ceil(size / 10));

const countBy = (values: string[]) => values.reduce<Record<string, number>>((counts, v) => ({ ...counts, [v]: (counts[v] ?? 0) + 1 }), {});

export async function benchDedupeGrowth(): Promise<void> {
  const resolved = await resolveRedis(process.env.REDIS_URL, path.resolve('data'));
  const redis = new Redis(resolved.url, { maxRetriesPerRequest: null });
  const rows: (string | number)[][] = [];
  try {
    for (const name of STREAM_NAMES) for (const concurrency of CONCURRENCIES) rows.push(...(await runStream(redis, name, concurrency)));
  } finally {
    await redis.quit();
    await resolved.stop();
  }
  printTable(
    `Near-duplicate claim as the store grows (items saved just before each size: the last tenth, at most 500)`,
    ['stream', 'in flight', 'stored', 'ms/save', 'wall ms/item', 'claim rounds/item', 'candidates read/item', 'compared/item'],
    rows,
  );
}
