import { Queue } from 'bullmq';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAdminRoutes } from '../../src/ops/admin-guard.js';
import { registerDashboard } from '../../src/ops/dashboard.js';
import { connectTestRedis, deletePrefix, uniquePrefix } from '../support/redis.js';

const TOKEN = 's3cret-token';
const BASIC = `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}`;

describe('registerAdminRoutes', () => {
  const prefix = uniquePrefix('admin-guard');
  let redis: Redis;
  let queue: Queue;

  beforeAll(() => {
    redis = connectTestRedis();
    queue = new Queue('publish', { connection: redis, prefix });
  });

  afterAll(async () => {
    await queue.close();
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  /** The real queue dashboard and a sources route behind the guard; a public feed route beside it. */
  async function appWith(token: string): Promise<FastifyInstance> {
    const app = Fastify();
    app.get('/feeds/all.rss', () => 'feed');
    await registerAdminRoutes(app, token, async (admin) => {
      admin.get('/api/sources', () => ({ items: [] }));
      await registerDashboard(admin, [queue]);
    });
    return app;
  }

  it('never registers admin routes without a token', async () => {
    await expect(appWith('')).rejects.toThrow(/need a token/);
  });

  it.each([
    ['no credentials', {}, 401],
    ['a wrong bearer token', { authorization: 'Bearer nope' }, 401],
    ['a wrong Basic password', { authorization: `Basic ${Buffer.from('admin:nope').toString('base64')}` }, 401],
    ['the bearer token', { authorization: `Bearer ${TOKEN}` }, 200],
    ['Basic with the token as password', { authorization: BASIC }, 200],
  ])('answers %s on /admin/queues and /api/sources', async (_case, headers, status) => {
    const app = await appWith(TOKEN);
    expect((await app.inject({ url: '/admin/queues', headers })).statusCode).toBe(status);
    expect((await app.inject({ url: '/api/sources', headers })).statusCode).toBe(status);
  });

  it.each(['/%61dmin/queues', '/admin/%71ueues', '/api/%73ources', '/%61pi/sources', '/%61pi/%73ources', '/admin/queues/api/queues'])(
    'guards %s, a percent-encoded spelling of an admin route',
    async (url) => {
      const app = await appWith(TOKEN);
      expect((await app.inject(url)).statusCode).toBe(401);
    },
  );

  it('refuses to pause a queue through an encoded path without the token', async () => {
    const app = await appWith(TOKEN);
    for (const url of ['/%61dmin/queues/api/queues/publish/pause', '/admin/queues/api/queues/publish/pause']) {
      expect((await app.inject({ method: 'PUT', url })).statusCode).toBe(401);
    }
    expect(await queue.isPaused()).toBe(false);
    // With the token the same request reaches Bull Board, so the route under test is real.
    const allowed = await app.inject({ method: 'PUT', url: '/%61dmin/queues/api/queues/publish/pause', headers: { authorization: BASIC } });
    expect(allowed.statusCode).toBe(200);
    expect(await queue.isPaused()).toBe(true);
    await queue.resume();
  });

  it('never guards the public feeds', async () => {
    const app = await appWith(TOKEN);
    expect((await app.inject('/feeds/all.rss')).statusCode).toBe(200);
  });
});
