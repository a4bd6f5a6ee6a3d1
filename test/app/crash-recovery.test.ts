import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedId } from '../../src/domain/feed-id.js';
import { openQueues, type QueueSet } from '../../src/queues/queue-set.js';
import { ArticleRepository } from '../../src/store/article-repository.js';
import { AppProcess } from '../support/app-process.js';
import { freePort, HAS_REDIS_SERVER, OwnRedis } from '../support/own-redis.js';
import { variedItems } from '../support/synthetic-items.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Faults as an operator causes them, on real processes and a real Redis with AOF: three worker
 * processes and a server; two workers killed with SIGKILL while they hold jobs, one started again;
 * then Redis shut down mid-run and started 10 s later. Nothing acknowledged may be lost or stored
 * twice, and nothing may be left active or failed.
 */
const ITEMS = Number(process.env.CRASH_ITEMS ?? 10_000);
const MORE = ITEMS / 5;
const BATCH = 100;
const KEY = 'crash-test-partner-key-0123456789';
const PREFIX = 'crash';
const CONFIG = `city: { name: 泰安市, code: "3709" }
redis: { prefix: ${PREFIX} }
shutdownGrace: 5s
channels:
  - { id: taian, name: 泰安新闻, cityWide: true, divisions: ["370902", "370911"] }
partners:
  - { id: crash, name: 压力测试, key: ${KEY}, channels: [taian], rate: { max: 100000, per: 1m } }
`;

/** Pushed articles: distinct stories (the reposts among the varied items left out), `count` of them from `from` on. */
function inputs(from: number, count: number): object[] {
  return variedItems(Math.ceil(((from + count) * 10) / 9) + 10)
    .filter(({ source }) => source.id !== 'bench-mirror')
    .slice(from, from + count)
    .map(({ item }) => ({ url: item.url, title: item.title, contentHtml: item.html, publishedAt: item.published, authors: item.authors }));
}

describe.skipIf(!HAS_REDIS_SERVER)(
  `three workers and a server, killed and restarted${HAS_REDIS_SERVER ? '' : ' (skipped: no redis-server on PATH)'}`,
  () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'crash-recovery-'));
    const processes: AppProcess[] = [];
    let redis: OwnRedis;
    let client: Redis;
    let queues: QueueSet;
    let articles: ArticleRepository;
    let base: string;
    let env: Record<string, string>;

    function startProcess(...args: string[]): AppProcess {
      const child = new AppProcess(args, { cwd: dir, env });
      processes.push(child);
      return child;
    }

    /** Pushes every batch, again after each 503 (Redis away) as its Retry-After says; resolves with the items acknowledged. */
    async function pushAll(articlesToPush: object[], refusals: { ms: number; retryAfter: string | null }[] = []): Promise<number> {
      let acknowledged = 0;
      for (let i = 0; i < articlesToPush.length; i += BATCH) {
        const batch = articlesToPush.slice(i, i + BATCH);
        for (;;) {
          const started = performance.now();
          const response = await fetch(`${base}/api/articles`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
            body: JSON.stringify(batch),
            signal: AbortSignal.timeout(10_000),
          });
          const body = (await response.json()) as { queued?: unknown[] };
          if (response.status === 202) {
            acknowledged += body.queued?.length ?? 0;
            break;
          }
          expect(response.status).toBe(503);
          refusals.push({ ms: performance.now() - started, retryAfter: response.headers.get('retry-after') });
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
      return acknowledged;
    }

    const stored = () => articles.countFeed(feedId.channel('all'));

    /** Where the run stands, for a failure message. */
    async function progress(): Promise<string> {
      const counts = await Promise.all([queues.process, queues.publish].map((queue) => queue.getJobCounts()));
      return `stored ${await stored()}; process ${JSON.stringify(counts[0])}; publish ${JSON.stringify(counts[1])}`;
    }

    /** Waits until `total` articles are stored and no job waits or runs; says where the run stands if that never comes. */
    async function allStoredAndDrained(total: number): Promise<void> {
      await waitFor(async () => (await stored()) === total && (await drained()), {
        what: `all ${total} items stored and the queues drained`,
        timeoutMs: 240_000,
        intervalMs: 500,
      }).catch(async (error: unknown) => {
        throw new Error(`${String(error)} (${await progress()})`);
      });
    }

    async function drained(): Promise<boolean> {
      for (const queue of [queues.process, queues.publish]) {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        if (Object.values(counts).some((n) => n > 0)) return false;
      }
      return true;
    }

    beforeAll(async () => {
      redis = new OwnRedis(dir);
      await redis.start();
      writeFileSync(path.join(dir, 'config.yaml'), CONFIG);
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      env = { REDIS_URL: redis.url, PORT: String(port), HOST: '127.0.0.1', SYNDICATOR_CONFIG: path.join(dir, 'config.yaml') };
      client = new Redis(redis.url, { maxRetriesPerRequest: null });
      client.on('error', () => undefined);
      queues = openQueues(client, PREFIX);
      // Redis is away on purpose in one test: the test's own queues say so through their error events, quietly.
      for (const queue of queues.all) queue.on('error', () => undefined);
      articles = new ArticleRepository(client, PREFIX);
      await Promise.all([startProcess('server'), ...[1, 2, 3].map(() => startProcess('worker', '--no-scheduler'))].map((p) => p.running()));
    }, 60_000);

    afterAll(async () => {
      await redis.start();
      await Promise.all(processes.filter((p) => p.child.exitCode === null && p.child.signalCode === null).map((p) => p.terminate()));
      await queues.close();
      await client.quit();
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it('stores every acknowledged item exactly once when two of three workers are killed -9 mid-run and one is started again', async () => {
      const workers = processes.slice(1);
      const pushing = pushAll(inputs(0, ITEMS));
      // Mid-run: a fifth of the items stored, and jobs held by workers.
      await waitFor(async () => (await stored()) >= ITEMS / 5 && (await queues.process.getActiveCount()) > 0, {
        what: 'a fifth of the items stored, jobs active',
        timeoutMs: 120_000,
      });
      await Promise.all([workers[0]!.kill(), workers[1]!.kill()]);
      await startProcess('worker', '--no-scheduler').running();
      expect(await pushing).toBe(ITEMS);
      // The killed workers' jobs come back once their locks lapse (10 s, checked every 5 s).
      await allStoredAndDrained(ITEMS);
      expect(await stored()).toBe(ITEMS);
      expect(await queues.process.getFailedCount()).toBe(0);
      expect(await queues.publish.getFailedCount()).toBe(0);
    }, 300_000);

    it('loses nothing acknowledged when Redis (AOF) shuts down mid-run and starts 10 s later; every process reconnects by itself', async () => {
      const refusals: { ms: number; retryAfter: string | null }[] = [];
      const next = inputs(ITEMS, MORE);
      expect(await pushAll(next.slice(0, MORE / 2))).toBe(MORE / 2);
      await waitFor(async () => (await stored()) >= ITEMS + MORE / 5, { what: 'a fifth of the next items stored', timeoutMs: 120_000 });
      await redis.stop();
      const started = performance.now();
      const ready = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(5_000) });
      expect(ready.status).toBe(503);
      expect(performance.now() - started).toBeLessThan(1_000);
      // The other half is pushed while Redis is away, each batch again after a refusal until it is back.
      const pushing = pushAll(next.slice(MORE / 2), refusals);
      await new Promise((resolve) => setTimeout(resolve, 10_000)); // the outage itself: Redis stays away 10 s
      await redis.start();
      expect(await pushing).toBe(MORE / 2);
      // While Redis was away, pushes were refused at once, with a Retry-After, and sent again after it.
      expect(refusals.length).toBeGreaterThan(0);
      for (const refusal of refusals) {
        expect(refusal.ms).toBeLessThan(1_000);
        expect(refusal.retryAfter).toBe('5');
      }
      await waitFor(async () => (await fetch(`${base}/readyz`)).status === 200, { what: 'the server ready again' });
      await allStoredAndDrained(ITEMS + MORE);
      expect(await queues.process.getFailedCount()).toBe(0);
      expect(await queues.publish.getFailedCount()).toBe(0);
    }, 300_000);
  },
);
