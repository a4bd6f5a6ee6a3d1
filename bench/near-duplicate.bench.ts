import path from 'node:path';
import { Redis } from 'ioredis';
import type { Article } from '../src/domain/article.js';
import { ArticleRepository } from '../src/store/article-repository.js';
import { resolveRedis } from '../src/app/resolve-redis.js';
import { makeArticle } from '../test/support/articles.js';
import { DEFAULT_DEDUPE_SETTINGS } from '../src/config/config-schema.js';
import { createNearDuplicateChecker } from '../src/workers/process/dedupe/near-duplicate.js';
import { fmt, printTable } from './bench-table.js';

const SIZES = [10_000, Number(process.env.BENCH_DEDUPE_LARGE ?? 1_000_000)];
const QUERIES = 1_000;
/** A Redis database of its own, which must be empty: it is filled with a million articles and emptied after. */
const BENCH_DB = Number(process.env.BENCH_DEDUPE_DB ?? 15);

const COMMON =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严';

/** Deterministic pseudo-random text of common characters with numbers: a varied, unique story per seed. */
function storyText(seed: number, chars = 300): string {
  let state = (seed * 2654435761) >>> 0 || 1;
  let text = '';
  while (text.length < chars) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    text += state % 37 === 0 ? `${state % 997}，` : COMMON.charAt(state % COMMON.length);
  }
  return text;
}

function articleFor(seed: number, text: string): Article {
  return {
    ...makeArticle({ url: `https://bench.example.cn/${seed}.html`, contentText: text, title: text.slice(0, 20) }),
    itemKey: `bench:${seed}`,
  };
}

const S = DEFAULT_DEDUPE_SETTINGS;
/** An hour after makeArticle's publication time. */
const REPOSTED_AT = '2024-03-12T10:15:00+08:00';
const check = createNearDuplicateChecker([], S);

/** Fills the store with `count` distinct articles through the real claim script, 500 at a time in flight. */
async function fill(repo: ArticleRepository, count: number): Promise<void> {
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, (_, i) => articleFor(start + i + 1, storyText(start + i + 1)));
    await Promise.all(batch.map((article) => repo.save(article, check(article))));
  }
}

/** Saves `count` new articles from `first` on, half of them reposts of stored ones; returns each save's time in ms. */
async function query(repo: ArticleRepository, stored: number, first: number, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let q = first; q < first + count; q++) {
    const seed = 10_000_000 + q;
    const original = 1 + ((q * 7919) % stored);
    const text = q % 2 === 0 ? storyText(seed) : `${storyText(original)}（转载）本文来源于地方网。`;
    // A repost comes out after its original; at the same minute the smaller id would be canonical.
    const article = {
      ...articleFor(seed, text),
      url: `https://mirror.example.cn/${seed}.html`,
      itemKey: `mirror:${seed}`,
      publishedAt: REPOSTED_AT,
      updatedAt: REPOSTED_AT,
      firstSeenAt: REPOSTED_AT,
    };
    const t = performance.now();
    const verdict = await repo.save(article, check(article));
    times.push(performance.now() - t);
    if (q % 2 === 1 && verdict.kind !== 'duplicate') throw new Error(`bench: repost ${q} of ${original} was not found (${verdict.kind})`);
  }
  return times;
}

/** A small fill and query first, so that the first measured size does not pay for JIT compilation. */
async function warmUp(redis: Redis): Promise<void> {
  const repo = new ArticleRepository(redis, 'warmup');
  await fill(repo, 2_000);
  await query(repo, 2_000, 0, 300);
}

async function usedMemory(redis: Redis): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0);
}

/**
 * Near-duplicate lookup cost per article (a save: LSH buckets read, candidates compared, the
 * claim) with 10k and with 1M articles stored, and Redis memory per stored article. Both stores
 * live side by side and are queried in alternating batches, so that the noise of a shared
 * machine falls on both alike. DESIGN.md: the 1M/10k cost ratio must stay ≤ 1.5.
 */
export async function benchNearDuplicates(): Promise<void> {
  const resolved = await resolveRedis(process.env.REDIS_URL, path.resolve('data'));
  const redis = new Redis(resolved.url, { db: BENCH_DB, maxRetriesPerRequest: null });
  if ((await redis.dbsize()) > 0) {
    await redis.quit();
    throw new Error(`bench: Redis database ${BENCH_DB} is not empty; point BENCH_DEDUPE_DB at an empty one (nothing was changed)`);
  }
  await warmUp(redis);
  const stores = [];
  for (const size of SIZES) {
    const before = await usedMemory(redis);
    const repo = new ArticleRepository(redis, `bench${size}`);
    const started = performance.now();
    await fill(repo, size);
    const fillPerSecond = size / ((performance.now() - started) / 1000);
    stores.push({ size, repo, bytes: ((await usedMemory(redis)) - before) / size, fillPerSecond, times: [] as number[] });
  }
  const batch = 100;
  for (let first = 0; first < QUERIES; first += batch) {
    for (const store of stores) store.times.push(...(await query(store.repo, store.size, first, batch)));
  }
  await redis.flushdb();
  await redis.quit();
  await resolved.stop();
  const mean = (times: number[]) => times.reduce((a, b) => a + b, 0) / times.length;
  const baseline = mean(stores[0]!.times);
  printTable(
    `Near-duplicate lookup (${QUERIES} saves per store in alternating batches, half of them reposts; ${S.bands}×${S.rows} MinHash bands and ${S.leadBands}×${S.leadRows} over the lead; Redis db ${BENCH_DB})`,
    ['stored articles', 'mean ms/save', 'p99 ms', 'cost vs 10k (target ≤ 1.5×)', 'Redis bytes/article', 'fill articles/s'],
    stores.map(({ size, times, bytes, fillPerSecond }) => {
      const sorted = [...times].sort((a, b) => a - b);
      return [
        fmt(size, 0),
        fmt(mean(times), 3),
        fmt(sorted[Math.floor(sorted.length * 0.99)]!, 3),
        `${fmt(mean(times) / baseline, 2)}×`,
        fmt(bytes, 0),
        fmt(fillPerSecond, 0),
      ];
    }),
  );
}
