import { describe, expect, it } from 'vitest';
import { maskCredentials } from '../../src/domain/mask-credentials.js';

describe('maskCredentials', () => {
  it.each([
    ['redis://:secret@127.0.0.1:6379/0', 'redis://***@127.0.0.1:6379/0'],
    ['rediss://default:p%40ss@cache.example:6380', 'rediss://***@cache.example:6380'],
    ['fetch: https://user:pw@feeds.example.cn/a.rss: HTTP 500', 'fetch: https://***@feeds.example.cn/a.rss: HTTP 500'],
    ['two: http://a:b@x.cn/ and http://c@y.cn/', 'two: http://***@x.cn/ and http://***@y.cn/'],
    ['redis://127.0.0.1:6379', 'redis://127.0.0.1:6379'],
    ['https://example.cn/path?mail=a@b.cn', 'https://example.cn/path?mail=a@b.cn'],
    ['mailto:editor@example.cn', 'mailto:editor@example.cn'],
  ])('%s → %s', (input, masked) => {
    expect(maskCredentials(input)).toBe(masked);
  });
});
