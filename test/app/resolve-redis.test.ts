import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pingRedis, resolveRedis, startRedisServer } from '../../src/app/resolve-redis.js';
import { testRedisUrl } from '../support/redis.js';

const hasRedisServer = (() => {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('resolveRedis', () => {
  it('uses REDIS_URL when it answers', async () => {
    const resolved = await resolveRedis(testRedisUrl(), '/tmp/unused');
    expect(resolved).toMatchObject({ url: testRedisUrl(), origin: 'REDIS_URL' });
  });

  it('says how to get Redis when REDIS_URL does not answer', async () => {
    const failure = resolveRedis('redis://:secret@127.0.0.1:1', '/tmp/unused');
    await expect(failure).rejects.toThrow(/REDIS_URL=redis:\/\/\*\*\*@127\.0\.0\.1:1 does not answer/);
    await expect(failure).rejects.toThrow(/docker compose up -d redis/);
  });

  it.skipIf(!hasRedisServer)('starts an own redis-server with its append-only file in the data folder', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'syndicator-redis-'));
    try {
      const server = await startRedisServer(dataDir);
      expect(await pingRedis(server.url)).toBe(true);
      await server.stop();
      expect(await pingRedis(server.url)).toBe(false);
      expect(existsSync(path.join(dataDir, 'appendonlydir')) || existsSync(path.join(dataDir, 'appendonly.aof'))).toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
