import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { Source } from '../../domain/source.js';
import { scheduleSource, unscheduleSource } from '../../queues/enqueue.js';
import type { FetchPayload } from '../../queues/payloads.js';
import type { SourceRecord } from '../../store/source-records.js';
import type { SourceRepository } from '../../store/source-repository.js';
import type { SourceStateRepository } from '../../store/source-state-repository.js';
import { planConfigSources, type ConfigSourceStep } from './plan-config-sources.js';
import { refreshFetchState } from './refresh-fetch-state.js';
import { changedFields, CONFIG_ACTOR, logSourceChange } from './source-change-log.js';

interface MergeDeps {
  sources: SourceRepository;
  sourceStates: SourceStateRepository;
  fetchQueue: Queue<FetchPayload>;
  log: Logger;
  now: () => number;
}

/**
 * Brings the config file's sources into the registry as planConfigSources plans it, each write
 * conditional on the record read (a change made meanwhile through the API is never undone), and,
 * with `schedule`, the schedulers of the sources it changed. Returns the steps.
 */
export async function mergeConfigSources(deps: MergeDeps, fileSources: readonly Source[], schedule: boolean): Promise<ConfigSourceStep[]> {
  const [records, deleted] = await Promise.all([deps.sources.list(), deps.sources.deleted()]);
  const steps = planConfigSources(fileSources, records, deleted);
  for (const step of steps) await applyStep(deps, step, schedule);
  return steps;
}

async function applyStep(deps: MergeDeps, step: ConfigSourceStep, schedule: boolean): Promise<void> {
  const { log, sources, fetchQueue } = deps;
  const stamp = { changedAt: new Date(deps.now()).toISOString(), changedBy: CONFIG_ACTOR };
  const logChange = (change: string, sourceId: string, fields?: string[]) =>
    logSourceChange(deps, { change, sourceId, actor: CONFIG_ACTOR, fields });
  if (step.kind === 'add') {
    const record: SourceRecord = { source: step.source, paused: false, owner: 'config', seed: step.seed, order: step.order, ...stamp };
    if ((await sources.seed(record)) !== 'written') return;
    if (schedule) await scheduleSource(fetchQueue, step.source);
    await logChange('add', step.source.id);
  } else if (step.kind === 'update') {
    const record = { ...step.read.record, source: step.source, seed: step.seed, order: step.order, ...stamp };
    if ((await sources.replace(step.read, record)) !== 'written') return;
    await refreshFetchState(deps.sourceStates, step.read.record.source, step.source);
    if (schedule && !record.paused) await scheduleSource(fetchQueue, step.source);
    await logChange('edit', step.source.id, changedFields(step.read.record.source, step.source));
  } else if (step.kind === 'keep-runtime') {
    await sources.replace(step.read, { ...step.read.record, seed: step.seed });
    log.warn(
      { source_id: step.read.record.source.id, changed_by: step.read.record.changedBy },
      'config file entry changed, but the source was changed at runtime: the runtime version is kept',
    );
  } else if (step.kind === 'remove') {
    if ((await sources.remove(step.read)) !== 'written') return;
    if (schedule) await unscheduleSource(fetchQueue, step.read.record.source.id);
    await logChange('remove', step.read.record.source.id);
  } else {
    log.info(
      { source_id: step.id, deleted_by: step.deletion.by, deleted_at: step.deletion.at },
      'config file source deleted at runtime: left out',
    );
  }
}
