import { describe, expect, it } from 'vitest';
import { takesCanonicalFrom } from '../../src/domain/canonical-claim.js';

const copy = (publishedAt: string, firstSeenAt: string) => ({ publishedAt: `${publishedAt}+08:00`, firstSeenAt: `${firstSeenAt}+08:00` });

describe('takesCanonicalFrom', () => {
  it.each([
    [
      'an original polled late takes over from a repost',
      copy('2026-12-04T10:00:00', '2026-12-04T14:00:00'),
      copy('2026-12-04T12:00:00', '2026-12-04T12:05:00'),
      true,
    ],
    [
      'a repost does not take over from the original',
      copy('2026-12-04T12:00:00', '2026-12-04T12:05:00'),
      copy('2026-12-04T10:00:00', '2026-12-04T10:05:00'),
      false,
    ],
    [
      'a copy claiming 2024 for today’s story does not take over',
      copy('2024-01-01T08:00:00', '2026-12-04T11:00:00'),
      copy('2026-12-04T10:00:00', '2026-12-04T10:05:00'),
      false,
    ],
    [
      'the original does not take over from a backdater seen before it',
      copy('2026-12-04T10:00:00', '2026-12-04T10:05:00'),
      copy('2024-01-01T08:00:00', '2026-12-04T09:00:00'),
      false,
    ],
    [
      'a source down for a day still wins with its real time',
      copy('2026-12-03T09:00:00', '2026-12-04T12:00:00'),
      copy('2026-12-03T15:00:00', '2026-12-03T15:05:00'),
      true,
    ],
    [
      'in an archive imported today, the earlier claim wins',
      copy('2024-03-05T09:00:00', '2026-12-04T10:00:01'),
      copy('2024-03-05T11:00:00', '2026-12-04T10:00:00'),
      true,
    ],
    [
      'in an archive imported today, the later claim does not',
      copy('2024-03-05T11:00:00', '2026-12-04T10:00:01'),
      copy('2024-03-05T09:00:00', '2026-12-04T10:00:00'),
      false,
    ],
  ])('%s', (_case, newcomer, stored, expected) => {
    expect(takesCanonicalFrom(newcomer, stored)).toBe(expected);
  });
});
