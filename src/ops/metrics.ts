import type { FastifyInstance } from 'fastify';
import type { Queue } from 'bullmq';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Verdict } from '../domain/verdict.js';
import type { RecordedEvents } from '../store/reader-activity-repository.js';

/** Job states whose counts are exported per queue. */
const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized', 'waiting-children'] as const;

/** The Prometheus metrics of one process. */
export interface Metrics {
  registry: Registry;
  recordVerdict: (verdict: Verdict) => void;
  /** Notes what a counted batch of reading events did. */
  recordReaderEvents: (recorded: Pick<RecordedEvents, 'counted' | 'floods' | 'repeats'>) => void;
}

/**
 * Creates a registry with Node's default metrics, queue depths by state (read from Redis at
 * scrape time, so the numbers are never stale), and counts of process verdicts.
 */
export function createMetrics(queues: readonly Queue[]): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
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
  return {
    registry,
    recordVerdict: (verdict) => verdicts.inc({ verdict: verdict.kind }),
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
