import path from 'node:path';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import { SourceAdmin } from '../ops/sources/source-admin.js';
import { scheduleSources } from '../queues/enqueue.js';
import type { FetchPayload } from '../queues/payloads.js';
import type { Source } from '../domain/source.js';
import { SourceRepository, type ReadRecord } from '../store/source-repository.js';
import type { SourceStateRepository } from '../store/source-state-repository.js';

/** The sources in force (in Redis) and what changes them, for one process. */
export interface RuntimeSources {
  registry: SourceRepository;
  admin: SourceAdmin;
}

/** Opens the source registry of the config's Redis prefix and the admin that changes it. */
export function openRuntimeSources(
  config: Readonly<Config>,
  connection: Redis,
  fetchQueue: Queue<FetchPayload>,
  sourceStates: SourceStateRepository,
  log: Logger,
): RuntimeSources {
  const registry = new SourceRepository(connection, config.redis.prefix);
  const admin = new SourceAdmin({
    sources: registry,
    sourceStates,
    fetchQueue,
    channelIds: new Set(config.channels.map((channel) => channel.id)),
    baseDir: path.dirname(config.configPath),
    log,
  });
  return { registry, admin };
}

/**
 * What the scheduler role does at start: brings the config file's sources into the registry
 * (the file seeds it; see planConfigSources), then gives every source in force that is not
 * paused its job scheduler and removes every other source scheduler.
 */
export async function scheduleSourcesInForce(
  { registry, admin }: RuntimeSources,
  config: Readonly<Config>,
  fetchQueue: Queue<FetchPayload>,
): Promise<void> {
  await admin.mergeConfigSources(config.sources, { schedule: false });
  const active = (await registry.list()).filter((read) => !read.record.paused).map((read) => read.record.source);
  await scheduleSources(fetchQueue, active);
}

/**
 * The sources whose feeds are published: those in force (the registry, where runtime changes
 * land), and the config file's, which a process without the scheduler role may not find there
 * yet (the scheduler seeds the registry from the file).
 */
export function withConfigSources(configSources: readonly Source[], inForce: readonly ReadRecord[]): Source[] {
  const byId = new Map(configSources.map((source) => [source.id, source]));
  for (const { record } of inForce) byId.set(record.source.id, record.source);
  return [...byId.values()];
}

/**
 * Finds a source in force by id: the registry's, or a config file's source that the scheduler
 * has not seeded yet (a server started alone), unless it was deleted at runtime.
 */
export async function findSourceInForce(
  configSources: readonly Source[],
  registry: SourceRepository,
  id: string,
): Promise<Source | undefined> {
  const read = await registry.get(id);
  if (read) return read.record.source;
  const fromFile = configSources.find((source) => source.id === id);
  return fromFile && !(await registry.wasDeleted(id)) ? fromFile : undefined;
}
