import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRoles, type RunningApp } from '../../../src/app/start-roles.js';
import { runImport, type ImportReport } from '../../../src/producers/import/run-import.js';
import { openQueues } from '../../../src/queues/queue-set.js';
import { ArticleRepository } from '../../../src/store/article-repository.js';
import { exampleConfig } from '../../support/example-config.js';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../../support/redis.js';
import { shuffled } from '../../support/shuffled.js';
import { copyKey, expectedSnapshot, storyCopies, type StoreSnapshot, type StoryCopy } from '../../support/story-copies.js';

const STORIES = 60;
/** Each run: the order of the lines, how many worker processes (startRoles) and each one's concurrency. */
const RUNS = [
  { order: 'by story', seed: 1, workers: 4, concurrency: 12 },
  { order: 'shuffled', seed: 2, workers: 4, concurrency: 12 },
  { order: 'by story', seed: 3, workers: 3, concurrency: 16 },
  { order: 'reversed', seed: 4, workers: 4, concurrency: 12 },
  { order: 'by story', seed: 5, workers: 2, concurrency: 24 },
  { order: 'shuffled', seed: 6, workers: 1, concurrency: 1 },
] as const;

/** The lines in a run's order: "by story" keeps a story's copies together (shuffled among them), so workers take them at the same moment. */
function ordered(copies: readonly StoryCopy[], run: (typeof RUNS)[number]): StoryCopy[] {
  if (run.order === 'reversed') return [...copies].reverse();
  if (run.order === 'shuffled') return shuffled(copies, run.seed);
  const stories = shuffled([...new Set(copies.map((c) => c.story))], run.seed);
  return stories.flatMap((story) =>
    shuffled(
      copies.filter((c) => c.story === story),
      run.seed + story,
    ),
  );
}

/** Reads a store back: each article by source and URL, with the copies recorded on it. */
async function snapshotOf(articles: ArticleRepository): Promise<StoreSnapshot> {
  const all = await articles.getMany(await articles.listFeed('channel:all', 100_000));
  return new Map(all.map((a) => [copyKey(a.source.id, a.url), a.alsoPublishedBy.map((c) => copyKey(c.sourceId, c.url)).sort()]));
}

/** Every item of the input that the store holds neither as an article nor as a copy, and every one it holds twice. */
function unaccounted(snapshot: StoreSnapshot, copies: readonly StoryCopy[]): { missing: string[]; twice: string[] } {
  const held = [...snapshot].flatMap(([article, recorded]) => [article, ...recorded]);
  const seen = new Set(held);
  return {
    missing: copies.map((c) => copyKey(c.input.sourceId, c.input.url)).filter((key) => !seen.has(key)),
    twice: held.filter((key, i) => held.indexOf(key) !== i),
  };
}

/** The differences between two stores, as lines to read in a failure. */
function differences(actual: StoreSnapshot, expected: StoreSnapshot): string[] {
  const lines: string[] = [];
  for (const [article, recorded] of expected) {
    const got = actual.get(article);
    if (!got) lines.push(`missing article ${article}`);
    else if (got.join() !== recorded.join()) lines.push(`${article}: copies ${got.join(', ')} instead of ${recorded.join(', ')}`);
  }
  for (const [article, recorded] of actual)
    if (!expected.has(article)) lines.push(`extra article ${article} (copies: ${recorded.join(', ')})`);
  return lines;
}

describe(`one import of ${STORIES} stories with their copies, ${RUNS.length} times in different orders and concurrency`, () => {
  const copies = storyCopies(STORIES);
  const expected = expectedSnapshot(copies);
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const prefixes: string[] = [];
  const results: { snapshot: StoreSnapshot; report: ImportReport }[] = [];
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'import-determinism-'));
    for (const [i, run] of RUNS.entries()) {
      const prefix = uniquePrefix(`import-determinism-${i}`);
      prefixes.push(prefix);
      const config = {
        ...exampleConfig,
        redis: { ...exampleConfig.redis, prefix },
        workers: { ...exampleConfig.workers, processConcurrency: run.concurrency },
      };
      const file = path.join(dir, `run-${i}.jsonl`);
      await writeFile(
        file,
        ordered(copies, run)
          .map((c) => JSON.stringify(c.input))
          .join('\n'),
      );
      // Worker processes as `syndicator worker` starts them (the first also publishes, as `syndicator import` does).
      const apps: RunningApp[] = [];
      for (let w = 0; w < run.workers; w++) {
        const roles = { workers: w === 0 ? (['process', 'publish'] as const) : (['process'] as const), scheduler: false, server: false };
        apps.push(await startRoles(config, { ...roles, workers: [...roles.workers] }, testRedisUrl(), pino({ level: 'silent' })));
      }
      const queues = openQueues(redis, prefix);
      const report = await runImport({ paths: [file], defaultSourceId: 'import', sources: config.sources }, queues, redis, prefix);
      // Read at once, while the workers still run: the store must be final when the import returns.
      results.push({ snapshot: await snapshotOf(new ArticleRepository(redis, prefix)), report });
      await queues.close();
      await Promise.all(apps.map((app) => app.close()));
    }
  }, 120_000);

  afterAll(async () => {
    for (const prefix of prefixes) await deletePrefix(redis, prefix);
    await redis.quit();
    await rm(dir, { recursive: true, force: true });
  });

  it('processes every item, none failed', () => {
    for (const { report } of results) {
      expect(report.queued).toBe(copies.length);
      expect(report.verdicts.failed).toBe(0);
    }
  });

  it('accounts for every item once in every run: an article or a copy recorded on one', () => {
    expect(results.map(({ snapshot }) => unaccounted(snapshot, copies))).toEqual(RUNS.map(() => ({ missing: [], twice: [] })));
  });

  it('stores the copy published first (ties: the smallest id) as each story’s article, in every run', () => {
    expect(results.map(({ snapshot }) => differences(snapshot, expected))).toEqual(RUNS.map(() => []));
  });

  it('gives the same store in every run', () => {
    const [first, ...others] = results;
    for (const other of others) expect(differences(other.snapshot, first!.snapshot)).toEqual([]);
  });
});
