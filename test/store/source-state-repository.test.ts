import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceStateRepository } from '../../src/store/source-state-repository.js';
import { StoreKeys } from '../../src/store/store-keys.js';
import { connectTestRedis, deletePrefix, uniquePrefix } from '../support/redis.js';

describe('SourceStateRepository against Redis', () => {
  const prefix = uniquePrefix('source-states');
  let redis: Redis;
  let states: SourceStateRepository;

  beforeAll(() => {
    redis = connectTestRedis();
    states = new SourceStateRepository(redis, prefix);
  });
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('reads a source never fetched as a clean state', async () => {
    expect(await states.get('never')).toEqual({ errorCount: 0, itemsSeen: 0 });
  });

  it('records success and failure, and reads them back typed', async () => {
    await states.recordFailure(
      'taian-rss',
      '2024-03-12T01:00:00.000Z',
      { message: 'fetch: HTTP 500', kind: 'http-5xx' },
      () => '2024-03-12T02:00:00.000Z',
    );
    expect(await states.get('taian-rss')).toMatchObject({ lastStatus: 'error', errorCount: 1, nextPollAt: '2024-03-12T02:00:00.000Z' });
    await states.recordSuccess('taian-rss', '2024-03-12T02:00:00.000Z', {
      status: 'ok',
      etag: '"v1"',
      items: 3,
      nextPollAt: '2024-03-12T02:10:00.000Z',
    });
    expect(await states.get('taian-rss')).toMatchObject({ lastStatus: 'ok', errorCount: 0, itemsSeen: 3, etag: '"v1"' });
  });

  it('refuses a corrupt state with an error naming its key and field', async () => {
    const key = new StoreKeys(prefix).sourceState('broken');
    await redis.hset(key, { errorCount: 'many' });
    await expect(states.get('broken')).rejects.toThrow(`store: ${key} is corrupt at errorCount`);
  });
});
