import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerAdminGuard } from '../../src/ops/admin-guard.js';

async function appWith(token: string | undefined) {
  const app = Fastify();
  registerAdminGuard(app, token);
  app.get('/admin/queues', async () => 'dashboard');
  app.get('/api/sources', async () => ({ items: [] }));
  app.get('/feeds/all.rss', async () => 'feed');
  return app;
}

describe('registerAdminGuard', () => {
  it('leaves the operator pages open when no token is configured', async () => {
    const app = await appWith(undefined);
    expect((await app.inject('/admin/queues')).statusCode).toBe(200);
  });

  it.each([
    ['no credentials', {}, 401],
    ['a wrong bearer token', { authorization: 'Bearer nope' }, 401],
    ['the bearer token', { authorization: 'Bearer s3cret-token' }, 200],
    ['Basic with the token as password', { authorization: `Basic ${Buffer.from('admin:s3cret-token').toString('base64')}` }, 200],
  ])('answers %s on /admin/queues and /api/sources', async (_case, headers, status) => {
    const app = await appWith('s3cret-token');
    expect((await app.inject({ url: '/admin/queues', headers })).statusCode).toBe(status);
    expect((await app.inject({ url: '/api/sources', headers })).statusCode).toBe(status);
  });

  it('never guards the public feeds', async () => {
    const app = await appWith('s3cret-token');
    expect((await app.inject('/feeds/all.rss')).statusCode).toBe(200);
  });
});
