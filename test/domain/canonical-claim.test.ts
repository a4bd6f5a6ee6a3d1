import { describe, expect, it } from 'vitest';
import { takesCanonicalFrom } from '../../src/domain/canonical-claim.js';

const copy = (publishedAt: string, firstSeenAt: string, id = 'a1', itemKey = 'site:1', contentText = '全文') => ({
  id,
  itemKey,
  contentText,
  publishedAt: `${publishedAt}+08:00`,
  firstSeenAt: `${firstSeenAt}+08:00`,
});

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
    [
      'at the same time, the smaller article id wins',
      copy('2024-03-05T09:00:00', '2026-12-04T10:00:01', 'a1'),
      copy('2024-03-05T09:00:00', '2026-12-04T10:00:00', 'b2'),
      true,
    ],
    [
      'at the same time, the larger article id does not',
      copy('2024-03-05T09:00:00', '2026-12-04T10:00:00', 'b2'),
      copy('2024-03-05T09:00:00', '2026-12-04T10:00:01', 'a1'),
      false,
    ],
    [
      'of one URL at one time, the fuller text wins',
      copy('2024-03-05T09:00:00', '2026-12-04T10:00:00', 'a1', 'page:1', '全文全文全文'),
      copy('2024-03-05T09:00:00', '2026-12-04T10:00:00', 'a1', 'feed:1', '摘要'),
      true,
    ],
    [
      'of one URL at one time, a teaser does not take over from the page',
      copy('2024-03-05T09:00:00', '2026-12-04T10:00:00', 'a1', 'feed:1', '摘要'),
      copy('2024-03-05T09:00:00', '2026-12-04T10:00:00', 'a1', 'page:1', '全文全文全文'),
      false,
    ],
    [
      'of one URL and one text, the earlier item wins',
      copy('2024-03-05T09:00:00', '2026-12-04T10:00:00', 'a1', 'page:1'),
      copy('2024-03-05T14:00:00', '2026-12-04T10:00:00', 'a1', 'aggregator:1'),
      true,
    ],
    [
      'of one URL, one text and one time, the smaller item key wins',
      copy('2024-03-05T09:00:00', '2026-12-04T10:00:00', 'a1', 'page:1'),
      copy('2024-03-05T09:00:00', '2026-12-04T10:00:00', 'a1', 'aggregator:1'),
      false,
    ],
  ])('%s', (_case, newcomer, stored, expected) => {
    expect(takesCanonicalFrom(newcomer, stored)).toBe(expected);
    // A rule, not an arrival order: of two different copies exactly one takes over from the other.
    if (newcomer.id !== stored.id || newcomer.itemKey !== stored.itemKey) {
      expect(takesCanonicalFrom(stored, newcomer)).toBe(!expected);
    }
  });
});
