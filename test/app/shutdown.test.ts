import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_REDIS_SERVER, OwnRedis } from '../support/own-redis.js';
import { AppProcess } from '../support/app-process.js';
import { waitFor } from '../support/wait-for.js';

const GRACE_MS = 2_000;
const CONFIG = `city: { name: 泰安市, code: "3709" }
shutdownGrace: ${GRACE_MS / 1000}s
channels:
  - { id: taian, name: 泰安新闻, cityWide: true, divisions: ["370902", "370911"] }
`;

/** The same, with one feed source on a local server, read at once. */
function configWithSource(origin: string): string {
  return `${CONFIG}sources:\n  - { id: slow, name: 慢源, kind: feed, url: "${origin}/feed.xml", allowOrigins: ["${origin}"] }\n`;
}

/** `syndicator start` in a process of its own, on the test's Redis and config. */
function startProcess(dir: string, redisUrl: string): AppProcess {
  const env = { REDIS_URL: redisUrl, PORT: '0', HOST: '127.0.0.1', SYNDICATOR_CONFIG: path.join(dir, 'config.yaml') };
  return new AppProcess(['start'], { cwd: dir, env });
}

describe.skipIf(!HAS_REDIS_SERVER)(`stopping a process${HAS_REDIS_SERVER ? '' : ' (skipped: no redis-server on PATH)'}`, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'shutdown-'));
  let redis: OwnRedis;

  beforeAll(async () => {
    writeFileSync(path.join(dir, 'config.yaml'), CONFIG);
    redis = new OwnRedis(dir);
    await redis.start();
  });

  afterAll(async () => {
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits with 0 on SIGTERM with Redis up, within the grace time', async () => {
    const app = startProcess(dir, redis.url);
    await app.running();
    const { code, ms } = await app.terminate();
    expect(code).toBe(0);
    expect(ms).toBeLessThan(GRACE_MS);
    expect(app.stdout).toContain('"msg":"stopped"');
  }, 40_000);

  it('exits within the grace time on SIGTERM with Redis down, logging connection errors once through pino', async () => {
    const app = startProcess(dir, redis.url);
    await app.running();
    await redis.stop();
    try {
      await waitFor(() => app.stdout.includes('redis connection error'), { what: 'the connection error logged' });
      const { code, ms } = await app.terminate();
      // 0 when everything closed without Redis; 1, and a line saying so, when something waited on it.
      const forced = app.stdout.includes('did not stop within the shutdown grace time');
      expect(code).toBe(forced ? 1 : 0);
      expect(ms).toBeLessThan(GRACE_MS + 1_500);
      // Every error went through pino, each connection's at most once per distinct error; none as a bare stack on stderr.
      const errors = app.stdout.split('\n').filter((line) => line.includes('redis connection error'));
      const perConnection = new Map<string, number>();
      for (const line of errors) {
        const { connection, error } = JSON.parse(line) as { connection: string; error: { message: string } };
        const key = `${connection} ${error.message}`;
        perConnection.set(key, (perConnection.get(key) ?? 0) + 1);
      }
      expect(Math.max(...perConnection.values())).toBe(1);
      expect(app.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await redis.start();
    }
  }, 40_000);

  it('exits with 1 on SIGTERM with Redis down and a job in flight that cannot finish, once the grace time is over', async () => {
    // A source whose server takes the request and never answers: its fetch job is active when Redis goes away.
    let requested = false;
    const held: Server = createServer(() => (requested = true));
    await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(held.address() as AddressInfo).port}`;
    const configPath = path.join(dir, 'config.yaml');
    writeFileSync(configPath, configWithSource(origin));
    try {
      const app = startProcess(dir, redis.url);
      await app.running();
      await waitFor(() => requested, { what: 'the slow source requested', timeoutMs: 30_000 });
      await redis.stop();
      const { code, ms } = await app.terminate();
      expect(code).toBe(1);
      expect(ms).toBeGreaterThanOrEqual(GRACE_MS - 100);
      expect(ms).toBeLessThan(GRACE_MS + 1_500);
      expect(app.stdout).toContain('did not stop within the shutdown grace time');
    } finally {
      held.closeAllConnections();
      held.close();
      writeFileSync(configPath, CONFIG);
      await redis.start();
    }
  }, 40_000);
});
