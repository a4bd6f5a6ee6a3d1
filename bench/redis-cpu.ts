import type { Redis } from 'ioredis';

/** CPU seconds a Redis server has used since it started, read off its INFO text (cpu section: user + sys, all its threads). */
export function cpuSecondsOf(info: string): number {
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return field('used_cpu_user') + field('used_cpu_sys');
}

/** CPU seconds a Redis server has used since it started (INFO cpu). */
async function redisCpuSeconds(redis: Redis): Promise<number> {
  return cpuSecondsOf(await redis.info('cpu'));
}

/** Runs `work` and returns its result with the Redis CPU it cost, in µs per `units`. */
export async function withRedisCpu<T>(redis: Redis, units: number, work: () => Promise<T>): Promise<{ result: T; redisUs: number }> {
  const before = await redisCpuSeconds(redis);
  const result = await work();
  return { result, redisUs: (1e6 * ((await redisCpuSeconds(redis)) - before)) / units };
}
