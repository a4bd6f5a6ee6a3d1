import type { FastifyInstance } from 'fastify';
import type { Queue } from 'bullmq';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FetchOutcomeKind } from '../domain/fetch-outcome.js';
import type { StageObserver } from '../domain/pipeline-stage.js';
import type { EventTally } from '../domain/reader-event.js';
import type { Verdict } from '../domain/verdict.js';
import { oldestWaitingSeconds } from './queue-status.js';
import type { RecordedEvents } from '../store/reader-activity-repository.js';

/** Job states whose counts are exported per queue. */
const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized', 'waiting-children'] as const;

/**
 * The Prometheus metrics of one process. Every name starts with `syndicator_`, and every label
 * takes values from a small fixed set (configured sources and channels, stages, outcome kinds,
 * status codes): never an article, reader, URL or key.
 */
export interface Metrics {
  registry: Registry;
  recordVerdict: (verdict: Verdict) => void;
  /** Notes what a counted batch of reading events did. */
  recordReaderEvents: (recorded: Pick<RecordedEvents, 'counted' | 'floods' | 'repeats'>) => void;
  /** Notes what `POST /api/events` (or the pixel) took in and dropped. */
  recordEventIntake: (tally: EventTally) => void;
  observeFetch: (sourceId: string, outcome: FetchOutcomeKind, seconds: number) => void;
  observeStage: StageObserver;
  /** Notes a channel's feed rebuild: its duration, and how long the items it brought took from their fetch. */
  observePublish: (channelId: string, seconds: number, arrivalDelays: readonly number[]) => void;
  /** Notes the status of an answered feed request. */
  countFeedRequest: (status: number) => void;
}

/** What is read from Redis at scrape time besides the queues: the health of sources and channels. */
export interface ScrapedHealth {
  /** Each configured source's failures since its last success. */
  sourceErrorStreaks: () => Promise<{ id: string; errors: number }[]>;
  /** Each channel's newest article's age (s; undefined for an empty channel). */
  channelAges: () => Promise<{ id: string; newestAgeSeconds: number | undefined }[]>;
  /** Each channel's age of the newest article past which it is stale (s), from the config. */
  staleAfter: readonly { id: string; seconds: number }[];
}

/**
 * Creates a registry with Node's default metrics, queue depths by state and the health of
 * sources and channels (read from Redis at scrape time, so the numbers are never stale), and the
 * counters and histograms this process records.
 */
export function createMetrics(queues: readonly Queue[], health?: ScrapedHealth): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'syndicator_' });
  new Gauge({
    name: 'syndicator_queue_jobs',
    help: 'Jobs in each queue by state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      for (const queue of queues) {
        const counts = await queue.getJobCounts(...JOB_STATES);
        for (const state of JOB_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
      }
    },
  });
  new Gauge({
    name: 'syndicator_queue_oldest_waiting_seconds',
    help: 'Age of the oldest job waiting in each queue (0 when none waits): a backlog that grows',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      const now = Date.now();
      for (const queue of queues) this.set({ queue: queue.name }, await oldestWaitingSeconds(queue, now));
    },
  });
  if (health) registerHealthGauges(registry, health);
  const verdicts = new Counter({
    name: 'syndicator_items_processed_total',
    help: 'Items processed, by verdict (created, updated, unchanged, duplicate)',
    labelNames: ['verdict'],
    registers: [registry],
  });
  const readerEvents = new Counter({
    name: 'syndicator_reader_events_total',
    help: 'Accepted reading events once counted: counted (a new reader of an article this hour), repeat, flood',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const eventIntake = new Counter({
    name: 'syndicator_reader_events_received_total',
    help: 'Reading events received by POST /api/events and the pixel: accepted, or the reason they were dropped',
    labelNames: ['result'],
    registers: [registry],
  });
  const fetches = new Counter({
    name: 'syndicator_fetches_total',
    help: 'Fetches of sources by outcome (ok, not-modified, timeout, refused, http-4xx, http-5xx, gone, network, too-large, parse-error…)',
    labelNames: ['source', 'outcome'],
    registers: [registry],
  });
  const fetchSeconds = new Histogram({
    name: 'syndicator_fetch_duration_seconds',
    help: 'Time to fetch a source and read it into items, per source',
    labelNames: ['source'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const stageSeconds = new Histogram({
    name: 'syndicator_stage_duration_seconds',
    help: 'Time of each stage of an item: extract (a fetched document into items), normalize, classify, dedupe, store, keywords',
    labelNames: ['stage'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [registry],
  });
  const publishSeconds = new Histogram({
    name: 'syndicator_publish_duration_seconds',
    help: 'Time to rebuild the feeds of a channel',
    labelNames: ['channel'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const feedLatency = new Histogram({
    name: 'syndicator_item_feed_latency_seconds',
    help: 'Time from the fetch of a new item to its appearance in its channel feed',
    labelNames: ['channel'],
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900],
    registers: [registry],
  });
  const feedRequests = new Counter({
    name: 'syndicator_feed_requests_total',
    help: 'Feed requests (/feeds/…) by answer status',
    labelNames: ['status'],
    registers: [registry],
  });
  return {
    registry,
    recordVerdict: (verdict) => verdicts.inc({ verdict: verdict.kind }),
    recordEventIntake: ({ accepted, dropped }) => {
      eventIntake.inc({ result: 'accepted' }, accepted);
      for (const [reason, count] of Object.entries(dropped)) eventIntake.inc({ result: reason }, count);
    },
    observeFetch: (source, outcome, seconds) => {
      fetches.inc({ source, outcome });
      fetchSeconds.observe({ source }, seconds);
    },
    observeStage: (stage, seconds) => stageSeconds.observe({ stage }, seconds),
    observePublish: (channel, seconds, delays) => {
      publishSeconds.observe({ channel }, seconds);
      for (const delay of delays) feedLatency.observe({ channel }, delay);
    },
    countFeedRequest: (status) => feedRequests.inc({ status: String(status) }),
    recordReaderEvents: ({ counted, floods, repeats }) => {
      readerEvents.inc({ outcome: 'counted' }, counted);
      readerEvents.inc({ outcome: 'repeat' }, repeats);
      readerEvents.inc({ outcome: 'flood' }, floods);
    },
  };
}

/** `GET /metrics`: everything the registry holds, in the Prometheus text format. */
export function registerMetricsRoute(app: FastifyInstance, metrics: Metrics): void {
  app.get('/metrics', async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));
}

function registerHealthGauges(registry: Registry, health: ScrapedHealth): void {
  new Gauge({
    name: 'syndicator_source_error_streak',
    help: 'Failed fetches of each source since its last success (0: healthy)',
    labelNames: ['source'],
    registers: [registry],
    async collect() {
      for (const { id, errors } of await health.sourceErrorStreaks()) this.set({ source: id }, errors);
    },
  });
  const staleAfter = new Gauge({
    name: 'syndicator_channel_stale_after_seconds',
    help: 'The age of the newest article past which a channel is stale (its staleAfter)',
    labelNames: ['channel'],
    registers: [registry],
  });
  for (const { id, seconds } of health.staleAfter) staleAfter.set({ channel: id }, seconds);
  new Gauge({
    name: 'syndicator_channel_newest_article_age_seconds',
    help: 'Age of the newest article of each channel, by its publication time (absent for an empty channel)',
    labelNames: ['channel'],
    registers: [registry],
    async collect() {
      for (const { id, newestAgeSeconds } of await health.channelAges())
        if (newestAgeSeconds !== undefined) this.set({ channel: id }, newestAgeSeconds);
    },
  });
}
