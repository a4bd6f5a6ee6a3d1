import { Cluster, Redis } from 'ioredis';
import type { QueueName } from './queue-names.js';

/** Where Redis is: a URL (one server), or the seed nodes (`host:port`) of a Redis Cluster. */
export type RedisTarget = string | { readonly cluster: readonly string[] };

/**
 * Returns a new ioredis client for BullMQ and the store. `maxRetriesPerRequest: null` is what
 * BullMQ requires of the connections its workers block on; commands wait for a reconnect
 * instead of failing while Redis restarts.
 *
 * For a cluster the client is ioredis' Cluster, with the same options for every node. It is
 * returned typed as Redis: the store, the queues and BullMQ use only the commands both clients
 * share, and what differs is asked of `isCluster` (SCAN goes to every master: store/scan-keys.ts;
 * keys are hash-tagged by group: store/store-keys.ts, queueKeyPrefix below).
 */
export function createRedisConnection(target: RedisTarget, connectionName: string): Redis {
  const options = { maxRetriesPerRequest: null, connectionName, enableReadyCheck: true };
  if (typeof target === 'string') return new Redis(target, options);
  const cluster = new Cluster(target.cluster.map(parseNode), { redisOptions: options, enableReadyCheck: true });
  return cluster as unknown as Redis;
}

/** Returns `host:port` as the node ioredis' Cluster client takes. */
export function parseNode(node: string): { host: string; port: number } {
  const at = node.lastIndexOf(':');
  return { host: node.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(node.slice(at + 1)) };
}

/**
 * Returns BullMQ's key prefix for one queue: the store's prefix on one Redis (as always); on Redis
 * Cluster `{<prefix>:<queue>}`, a hash tag per queue, so that each queue's keys share a slot (its
 * Lua scripts need that) and the three queues may sit on different masters.
 */
export function queueKeyPrefix(connection: { readonly isCluster: boolean }, prefix: string, queue: QueueName): string {
  return connection.isCluster ? `{${prefix}:${queue}}` : prefix;
}
