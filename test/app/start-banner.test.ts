import { describe, expect, it } from 'vitest';
import { startBanner } from '../../src/app/serve.js';
import { exampleConfig } from '../support/example-config.js';

describe('startBanner', () => {
  it('names the Redis it uses without its password', () => {
    const banner = startBanner(exampleConfig, { url: 'redis://default:hunter2-secret@cache.internal:6379/0', origin: 'REDIS_URL' }, true);
    expect(banner).toContain('Redis: redis://***@cache.internal:6379/0');
    expect(banner).not.toContain('hunter2-secret');
    expect(banner).toContain('/feeds/all.rss');
  });
});
