import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { parseDocument } from 'yaml';
import { EXAMPLE_CONFIG_PATH, loadConfig } from '../src/config/load-config.js';
import { DEFAULT_JOB_OPTIONS, openQueues } from '../src/queues/queue-set.js';
import { startRoles } from '../src/app/start-roles.js';
import { ArticleRepository } from '../src/store/article-repository.js';
import { deleteKeysWithPrefix } from '../src/store/delete-keys.js';
import { resolveRedis } from '../src/app/resolve-redis.js';
import { fmt, printTable } from './bench-table.js';
import { mergeCosts, selfTimes, type SelfTime, type WindowCosts } from './cpu-profile.js';
import { withRedisCpu } from './redis-cpu.js';
import { runItems } from './run-items.js';
import { WorkerProcess } from './worker-process.js';
import { defaultPrepareThreads } from '../src/workers/process/prepare-pool.js';
import { variedItems } from '../test/support/synthetic-items.js';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 3000);
/** Every tenth item is a repost, recorded on its story rather than stored. */
const STORIES = ITEMS - Math.floor(ITEMS / 10);
/** Worker processes in the parallel run: one per core the machine gives Node, at least two. */
const PROCESSES = Math.max(2, availableParallelism());
/** Prepare threads of a worker process by default (config workers.processThreads unset), and in the run with a pool: one per core. */
const DEFAULT_THREADS = defaultPrepareThreads(availableParallelism());
const POOL_THREADS = availableParallelism();
/** The profiled worker's sampling interval, µs (node's default). */
const PROFILE_INTERVAL_US = 1000;
const TOP = 10;
/** A run that has not finished by then has stalled. */
const RUN_TIMEOUT_MS = Math.max(300_000, ITEMS * 200);

/**
 * Pipeline throughput: feed items queued on `process` → normalized, deduplicated, classified,
 * stored → channel feeds rebuilt, against the ceiling of raw BullMQ no-op jobs through the same
 * Redis at the same concurrency (target, DESIGN.md: ≥ 50%); in this process, in one `syndicator
 * worker` process, and in one per core; and where one worker process spends its time per item.
 */
export async function benchPipeline(): Promise<void> {
  const redis = await resolveRedis(process.env.REDIS_URL, path.resolve('data'));
  const config = loadConfig({});
  const concurrency = config.workers.processConcurrency;
  const noop = await measureNoop(redis.url, concurrency);
  const noopAll = await measureNoop(redis.url, concurrency * PROCESSES);
  const inProcess = await measurePipeline(redis.url, config);
  const unthreaded = await measureProcesses(redis.url, 1, { threads: 0 });
  const pooled = await measureProcesses(redis.url, 1, { threads: POOL_THREADS });
  const one = await measureProcesses(redis.url, 1);
  const many = await measureProcesses(redis.url, PROCESSES);
  const profiled = await measureProcesses(redis.url, 1, { profile: true });
  const costs = profiled.costs!;

  const ratio = (rate: number, ceiling: number) => `${fmt((100 * rate) / ceiling, 1)}%`;
  /** A run's row: items/s, share of the ceiling, speed-up, wall µs per item, Redis CPU per item and the rate it caps one Redis at. */
  const row = (what: string, run: Run, ofCeiling: string, over = ''): string[] => [
    what,
    fmt(run.rate, 0),
    ofCeiling,
    over,
    fmt(1e6 / run.rate, 0),
    fmt(run.redisUs, 0),
    fmt(1e6 / Math.max(run.redisUs, 1e-9), 0),
    '',
  ];
  const busyShare = (c: WindowCosts) => (100 * (c.samples - c.idleSamples)) / Math.max(1, c.samples);
  const busy = busyShare(costs);
  const threadsBusy = `main thread busy ${fmt(busyShare(profiled.main!), 0)}%, ${profiled.others!.length} other threads (prepare threads, and tsx's loader thread when run from the sources) busy ${
    profiled.others!.map((c) => `${fmt(busyShare(c), 0)}%`).join(', ') || '–'
  }`;
  printTable(
    `Pipeline (${ITEMS} synthetic items: distinct stories about Tai'an towns, every tenth a repost; process concurrency ${concurrency} per process; ` +
      `N = max(2, os.availableParallelism()) = ${PROCESSES}; worker processes: \`syndicator worker --queues process,publish --no-scheduler\` ` +
      `from the sources under tsx, started fresh per run; Redis ${redis.url})\n` +
      `µs per item: wall time per item for the runs; for the functions, self time in the profiled worker's samples ` +
      `(every ${PROFILE_INTERVAL_US} µs, all threads, CPU time) from the first item queued to the feeds current, divided by ${ITEMS} items\n` +
      `Redis µs per item: the Redis server's CPU over the run (INFO cpu, user + sys) per item; one Redis at most: the items/s ` +
      `at which that Redis would be one full core, whatever the number of workers (Redis runs commands on one thread)`,
    [
      'run / function (file)',
      'items/s',
      'of ceiling',
      `${PROCESSES} over 1`,
      'µs per item',
      'Redis µs per item',
      'one Redis at most',
      '% of samples',
    ],
    [
      row(`raw BullMQ no-op jobs, concurrency ${concurrency} (ceiling)`, noop, '100%'),
      row(
        `raw BullMQ no-op jobs, concurrency ${concurrency * PROCESSES} = ${PROCESSES} × ${concurrency} (ceiling for ${PROCESSES} processes)`,
        noopAll,
        '100%',
      ),
      row('pipeline in this process (startRoles)', inProcess, ratio(inProcess.rate, noop.rate)),
      row('pipeline, 1 worker process, no prepare threads (processThreads: 0)', unthreaded, ratio(unthreaded.rate, noop.rate)),
      row(
        `pipeline, 1 worker process, a pool of ${POOL_THREADS} prepare threads (processThreads: ${POOL_THREADS})`,
        pooled,
        ratio(pooled.rate, noop.rate),
      ),
      row(
        `pipeline, 1 worker process, the default (${DEFAULT_THREADS} prepare threads on ${availableParallelism()} cores)`,
        one,
        ratio(one.rate, noop.rate),
        '1.00×',
      ),
      row(
        `pipeline, ${PROCESSES} worker processes, the default each`,
        many,
        `${ratio(many.rate, noopAll.rate)} (${ratio(many.rate, noop.rate)} of ${concurrency})`,
        `${(many.rate / one.rate).toFixed(2)}×`,
      ),
      row(`pipeline, 1 worker process (the default) under --cpu-prof`, profiled, ratio(profiled.rate, noop.rate)),
      [
        `top ${TOP} self time in that worker, all its threads${costs.windowed ? '' : ' (WHOLE profile: its clock did not cover the run)'}: ` +
          `${fmt(costs.samples, 0)} samples, busy ${fmt(busy, 0)}% (${threadsBusy})`,
        '',
        '',
        '',
        fmt(costs.busyUs / ITEMS, 0),
        '',
        '',
        `${fmt(busy, 1)}%`,
      ],
      ...costs.functions
        .slice(0, TOP)
        .map((f, i) => [
          `  ${i + 1}. ${[f.name, where(f)].filter(Boolean).join(' ')}`,
          '',
          '',
          '',
          fmt(f.us / ITEMS, 1),
          '',
          '',
          `${fmt((100 * f.samples) / costs.samples, 1)}%`,
        ]),
    ],
  );
  await redis.stop();
}

/** Items (or jobs) per second of one run, and the Redis CPU it cost per item (INFO cpu, µs). */
interface Run {
  rate: number;
  redisUs: number;
}

async function measureNoop(url: string, concurrency: number): Promise<Run> {
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  // The same job options as the pipeline's queues (retries, bounded history): only the work differs.
  const queue = new Queue('noop', { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
  let done = 0;
  const finished = new Promise<void>((resolve) => {
    const worker = new Worker('noop', () => Promise.resolve(), { connection, prefix, concurrency });
    worker.on('completed', () => {
      if (++done === ITEMS) void worker.close().then(resolve);
    });
  });
  const { result: rate, redisUs } = await withRedisCpu(connection, ITEMS, async () => {
    const start = performance.now();
    for (let i = 0; i < ITEMS; i += 500) {
      await queue.addBulk(Array.from({ length: Math.min(500, ITEMS - i) }, (_, j) => ({ name: 'noop', data: { n: i + j } })));
    }
    await finished;
    return (ITEMS * 1000) / (performance.now() - start);
  });
  await queue.obliterate({ force: true });
  await queue.close();
  await connection.quit();
  return { rate, redisUs };
}

async function measurePipeline(url: string, base: ReturnType<typeof loadConfig>): Promise<Run> {
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const config = { ...base, sources: [], redis: { ...base.redis, prefix } };
  const app = await startRoles(
    config,
    { workers: ['process', 'publish'], scheduler: false, server: false },
    url,
    pino({ level: 'silent' }),
  );
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const queues = openQueues(connection, prefix);
  const articles = new ArticleRepository(connection, prefix);
  const { result: rate, redisUs } = await withRedisCpu(connection, ITEMS, () => runItems(queues, articles, variedItems(ITEMS), STORIES));
  await app.close();
  for (const queue of queues.all) await queue.obliterate({ force: true });
  await queues.close();
  await deleteKeysWithPrefix(connection, prefix);
  await connection.quit();
  return { rate, redisUs };
}

/**
 * The same items through `count` fresh worker processes (the bundled example config under a
 * fresh key prefix, without sources, in a temp YAML file named by SYNDICATOR_CONFIG); with
 * `profile`, one process under `node --cpu-prof`, and the self time of its samples taken while
 * the items flowed. The clock runs from the first item queued, once every process is up.
 */
async function measureProcesses(
  url: string,
  count: number,
  { profile = false, threads }: { profile?: boolean; threads?: number } = {},
): Promise<Run & { costs?: WindowCosts; main?: WindowCosts; others?: WindowCosts[] }> {
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-pipeline-'));
  const profileDir = path.join(dir, 'cpu-profile');
  const configFile = path.join(dir, 'syndicator.yaml');
  const doc = parseDocument(readFileSync(EXAMPLE_CONFIG_PATH, 'utf8'));
  doc.setIn(['redis', 'prefix'], prefix);
  doc.delete('sources');
  if (threads !== undefined) doc.setIn(['workers', 'processThreads'], threads);
  writeFileSync(configFile, doc.toString());
  const env = { REDIS_URL: url, SYNDICATOR_CONFIG: configFile };
  const nodeFlags = profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-interval=${PROFILE_INTERVAL_US}`] : [];

  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const queues = openQueues(connection, prefix);
  const articles = new ArticleRepository(connection, prefix);
  const workers = Array.from({ length: count }, () => new WorkerProcess({ cwd: dir, env, nodeFlags }));
  try {
    await Promise.all(workers.map((worker) => worker.running()));
    const payloads = variedItems(ITEMS);
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    const check = async (what: string) => {
      const dead = workers.find((worker) => !worker.alive);
      if (dead) throw new Error(`a worker process exited mid-run with ${dead.child.exitCode}: ${dead.stderr || dead.stdout}`);
      if (Date.now() > deadline) {
        const [processCounts, publishCounts] = await Promise.all([queues.process.getJobCounts(), queues.publish.getJobCounts()]);
        throw new Error(
          `${what} not reached within ${RUN_TIMEOUT_MS} ms (process ${JSON.stringify(processCounts)}, publish ${JSON.stringify(publishCounts)})`,
        );
      }
    };
    const fromUs = hrtimeUs();
    const { result: rate, redisUs } = await withRedisCpu(connection, ITEMS, () => runItems(queues, articles, payloads, STORIES, check));
    const toUs = hrtimeUs();

    const codes = await Promise.all(workers.map((worker) => worker.terminate()));
    const unclean = codes.map((code, i) => ({ code, worker: workers[i]! })).filter(({ code }) => code !== 0);
    if (unclean.length > 0) {
      throw new Error(
        `worker processes did not exit cleanly on SIGTERM: ${unclean.map(({ code, worker }) => `${code}: ${worker.stderr}`).join('; ')}`,
      );
    }
    if (!profile) return { rate, redisUs };
    // One profile per thread (CPU.<date>.<time>.<pid>.<thread id>.<n>.cpuprofile): the main thread's is thread 0.
    const files = readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile'));
    if (files.length === 0) throw new Error(`node --cpu-prof wrote no profile in ${profileDir}`);
    const threads = files.map((name) => ({
      main: /\.0\.\d+\.cpuprofile$/.test(name),
      costs: selfTimes(path.join(profileDir, name), fromUs, toUs),
    }));
    const main = threads.filter((thread) => thread.main).map((thread) => thread.costs);
    const others = threads.filter((thread) => !thread.main).map((thread) => thread.costs);
    return { rate, redisUs, costs: mergeCosts([...main, ...others]), main: mergeCosts(main), others };
  } finally {
    await Promise.all(workers.map((worker) => worker.kill()));
    for (const queue of queues.all) await queue.obliterate({ force: true });
    await queues.close();
    await deleteKeysWithPrefix(connection, prefix);
    await connection.quit();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `(file:line)`; `[native]` for a C++ function of node or V8 (the profiler's own entries, in
 * parentheses, need none). Our .ts files carry no line: tsx runs them transformed, so V8's lines
 * are not theirs.
 */
function where({ name, file, line }: SelfTime): string {
  if (file) return `(${file}${line !== undefined && line > 0 && !file.endsWith('.ts') ? `:${line}` : ''})`;
  return name.startsWith('(') ? '' : '[native]';
}

/** process.hrtime in µs: the clock of V8's profiles, in this process and its children. */
function hrtimeUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}
