import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { deleteKeysWithPrefix } from '../../src/store/delete-keys.js';

/** The URL of the Redis the test run uses (see global-redis.ts). */
export function testRedisUrl(): string {
  return inject('redisUrl');
}

/** A key prefix no other test uses; BullMQ queues and store keys of one test live under it. */
export function uniquePrefix(name: string): string {
  return `test-${name}-${randomUUID().slice(0, 8)}`;
}

/** A Redis client for a test; BullMQ needs `maxRetriesPerRequest: null`. */
export function connectTestRedis(): Redis {
  return new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
}

/** Deletes every key under a prefix. */
export const deletePrefix = deleteKeysWithPrefix;
