import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { fieldsOfSource, parseSourceInput, type SourceFields } from '../../config/source-input.js';
import type { Source } from '../../domain/source.js';
import { enqueuePollNow, scheduleSource, unscheduleSource } from '../../queues/enqueue.js';
import type { FetchPayload } from '../../queues/payloads.js';
import type { SourceChange, SourceRecord } from '../../store/source-records.js';
import type { ReadRecord, SourceRepository, WriteOutcome } from '../../store/source-repository.js';
import type { SourceStateRepository } from '../../store/source-state-repository.js';
import { mergeConfigSources } from './merge-config-sources.js';
import type { ConfigSourceStep } from './plan-config-sources.js';
import { refreshFetchState } from './refresh-fetch-state.js';
import { changedFields, logSourceChange } from './source-change-log.js';

/** Why a change of sources was refused; `kind` says what an HTTP answer would (400, 404, 409). */
export class SourceChangeError extends Error {
  override name = 'SourceChangeError';
  constructor(
    readonly kind: 'invalid' | 'not-found' | 'exists',
    message: string,
  ) {
    super(message);
  }
}

/** A change of the fields of a source: a value sets a field, null takes it out (back to its default). */
export type SourceChanges = Readonly<Record<string, unknown>>;

export interface SourceAdminDeps {
  sources: SourceRepository;
  sourceStates: SourceStateRepository;
  fetchQueue: Queue<FetchPayload>;
  /** The configured channels: a source may only name these. */
  channelIds: ReadonlySet<string>;
  /** Where relative paths of the config file's sources resolve. */
  baseDir: string;
  log: Logger;
  now?: () => number;
}

/** Writes that found the record changed meanwhile are tried again this often before giving up. */
const MAX_TRIES = 5;

/**
 * Changes the sources in force at runtime — add, edit, pause, resume, delete, poll now — and
 * applies each change to the job schedulers at once (no restart), logging who made it. Sources
 * are validated by the config file's schema, with its messages. Every process that changes
 * sources (a server, the CLI) does so through here.
 */
export class SourceAdmin {
  private readonly now: () => number;

  constructor(private readonly deps: SourceAdminDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Returns every source in force, in listing order. */
  async list(): Promise<SourceRecord[]> {
    return (await this.deps.sources.list()).map((read) => read.record);
  }

  /** Returns the latest changes of sources (the change log every process writes), newest first. */
  async changes(limit: number): Promise<SourceChange[]> {
    return this.deps.sources.changes(limit);
  }

  /** Returns one source in force, or undefined. */
  async get(id: string): Promise<SourceRecord | undefined> {
    return (await this.deps.sources.get(id))?.record;
  }

  /** Adds a source (the config file's fields) and starts polling it now. */
  async add(input: unknown, actor: string): Promise<SourceRecord> {
    const source = this.validate(input, true);
    const record: SourceRecord = { source, paused: false, owner: 'runtime', order: this.now(), ...this.stamp(actor) };
    if ((await this.deps.sources.create(record)) !== 'written')
      throw new SourceChangeError('exists', `a source "${source.id}" exists already (edit it, or delete it first)`);
    await this.deps.sourceStates.forget(source.id);
    await scheduleSource(this.deps.fetchQueue, source);
    await this.logChange('add', source.id, actor, Object.keys(fieldsOfSource(source)));
    return record;
  }

  /** Changes fields of a source (validated whole, as the config file's entry would be) and applies the change at once. */
  async edit(id: string, changes: SourceChanges, actor: string): Promise<SourceRecord> {
    if ('id' in changes && changes.id !== id)
      throw new SourceChangeError('invalid', 'id: a source keeps its id (add a source with the new id, then delete this one)');
    const { before, after } = await this.update(id, (record) => {
      const source = this.validate(mergeFields(fieldsOfSource(record.source), changes), 'url' in changes);
      return { ...record, source, owner: 'runtime', ...this.stamp(actor) };
    });
    await refreshFetchState(this.deps.sourceStates, before.source, after.source);
    if (!after.paused) await scheduleSource(this.deps.fetchQueue, after.source);
    await this.logChange('edit', id, actor, changedFields(before.source, after.source));
    return after;
  }

  /** Stops polling a source until it is resumed; it stays in force (and in listings). */
  async pause(id: string, actor: string): Promise<SourceRecord> {
    const { after } = await this.update(id, (record) => ({ ...record, paused: true, ...this.stamp(actor) }));
    await unscheduleSource(this.deps.fetchQueue, id);
    await this.logChange('pause', id, actor);
    return after;
  }

  /** Polls a paused source again at its interval, the first poll now. */
  async resume(id: string, actor: string): Promise<SourceRecord> {
    const { after } = await this.update(id, (record) => ({ ...record, paused: false, ...this.stamp(actor) }));
    await scheduleSource(this.deps.fetchQueue, after.source);
    await this.logChange('resume', id, actor);
    return after;
  }

  /** Deletes a source: no more polls, its fetch state forgotten, and the config file does not bring it back. Its articles stay. */
  async remove(id: string, actor: string): Promise<void> {
    const at = new Date(this.now()).toISOString();
    await this.retry(id, async (read) => this.deps.sources.remove(read, { at, by: actor }));
    await unscheduleSource(this.deps.fetchQueue, id);
    await this.deps.sourceStates.forget(id);
    await this.logChange('remove', id, actor);
  }

  /**
   * Clears a source's backoff (earlier failures, Retry-After, 410) and queues a poll that is
   * made now, paused or not. Returns the poll's job id, and until when the source was backing off.
   */
  async pollNow(id: string, actor: string): Promise<{ jobId: string; wasBackingOffUntil: string | undefined }> {
    const found = await this.deps.sources.get(id);
    if (!found) throw notFound(id);
    const state = await this.deps.sourceStates.get(id);
    const backingOff = state.errorCount > 0 || state.lastStatus === 'gone' ? state.nextPollAt : undefined;
    await this.deps.sourceStates.clearBackoff(id);
    const jobId = await enqueuePollNow(this.deps.fetchQueue, id);
    await this.logChange('poll-now', id, actor, undefined, { job_id: jobId, backoff_cleared: backingOff !== undefined });
    return { jobId, wasBackingOffUntil: backingOff };
  }

  /**
   * Brings the config file's sources into the registry (see planConfigSources) and, unless
   * `schedule` is false (the caller schedules every source next), the schedulers of those it
   * changed; logs each step. Idempotent: a second run with the same file does nothing.
   */
  async mergeConfigSources(fileSources: readonly Source[], { schedule = true } = {}): Promise<ConfigSourceStep[]> {
    return mergeConfigSources({ ...this.deps, now: this.now }, fileSources, schedule);
  }

  /** Checks the fields of a source to add, as add() does, without adding it (a dry run); returns the source. */
  check(input: unknown): Source {
    return this.validate(input, true);
  }

  /** The source the fields describe, or a SourceChangeError naming each problem as the config file's errors do. */
  private validate(input: unknown, urlGiven: boolean): Source {
    const result = parseSourceInput(input, this.deps.channelIds, this.deps.baseDir);
    if (!result.ok) throw new SourceChangeError('invalid', result.problems.join('; '));
    // Local files are for the config file only: the API must not make the fetcher read this machine's files.
    if (urlGiven && !/^https?:\/\//i.test(result.source.url))
      throw new SourceChangeError('invalid', 'url: a source added or changed at runtime needs an http(s) URL');
    return result.source;
  }

  /** Reads a record, changes it and writes it back if nobody changed it meanwhile (else again). */
  private async update(id: string, change: (record: SourceRecord) => SourceRecord): Promise<{ before: SourceRecord; after: SourceRecord }> {
    let result: { before: SourceRecord; after: SourceRecord } | undefined;
    await this.retry(id, async (read) => {
      const after = change(read.record);
      result = { before: read.record, after };
      return this.deps.sources.replace(read, after);
    });
    if (!result) throw notFound(id);
    return result;
  }

  private async retry(id: string, write: (read: ReadRecord) => Promise<WriteOutcome>): Promise<void> {
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      const read = await this.deps.sources.get(id);
      if (!read) throw notFound(id);
      if ((await write(read)) === 'written') return;
    }
    throw new Error(`sources: "${id}" kept changing while it was being changed; try again`);
  }

  private stamp(actor: string): { changedAt: string; changedBy: string } {
    return { changedAt: new Date(this.now()).toISOString(), changedBy: actor };
  }

  private async logChange(change: string, id: string, actor: string, fields?: string[], extra?: Record<string, unknown>): Promise<void> {
    await logSourceChange({ ...this.deps, now: this.now }, { change, sourceId: id, actor, fields }, extra);
  }
}

function notFound(id: string): SourceChangeError {
  return new SourceChangeError('not-found', `no source "${id}"`);
}

/** The fields with the changes made: a value sets a field, null takes it out. */
function mergeFields(fields: SourceFields, changes: SourceChanges): Record<string, unknown> {
  const merged = new Map<string, unknown>(Object.entries(fields));
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) merged.delete(key);
    else merged.set(key, value);
  }
  return Object.fromEntries(merged);
}
