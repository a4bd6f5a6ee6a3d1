import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBanner } from '../../src/app/serve.js';
import { exampleConfig } from '../support/example-config.js';

describe('startBanner', () => {
  it('names the Redis it uses without its password', () => {
    const banner = startBanner(exampleConfig, { url: 'redis://default:hunter2-secret@cache.internal:6379/0', origin: 'REDIS_URL' }, true, {
      origin: 'environment',
    });
    expect(banner).toContain('Redis: redis://***@cache.internal:6379/0');
    expect(banner).not.toContain('hunter2-secret');
    expect(banner).toContain('/feeds/all.rss');
  });

  it('says where the admin token is, never the token', () => {
    const banner = startBanner(exampleConfig, { url: 'redis://127.0.0.1:6379', origin: 'local' }, true, {
      origin: 'generated',
      file: path.join(process.cwd(), 'data', 'admin-token'),
    });
    expect(banner).toContain('admin token: in data/admin-token (made now)');
    expect(banner).toContain('/admin');
  });
});
