import { describe, expect, it } from 'vitest';
import { isSourceFeedStale, type SourceFeedFacts } from '../../../src/workers/publish/stale-sources.js';

const STORED = { signature: 's', headHash: 'h', count: 2, versions: ['a@2024-03-12T09:15:00+08:00', 'b@2024-03-11T09:15:00+08:00'] };
const FRESH: SourceFeedFacts = { newestIds: ['a', 'b'], stored: STORED, headHash: 'h', demanded: false, touched: false };

describe('isSourceFeedStale', () => {
  it.each<[string, Partial<SourceFeedFacts>, boolean]>([
    ['nothing changed', {}, false],
    ['never rendered', { stored: undefined }, true],
    ['a new item', { newestIds: ['c', 'a'] }, true],
    ['an item fewer', { newestIds: ['a'] }, true],
    ['the config changed its head', { headHash: 'h2' }, true],
    ['a reader asked for another page', { demanded: true }, true],
    ['an article of it was updated on the all page', { touched: true }, true],
  ])('%s → %s', (_case, change, stale) => {
    expect(isSourceFeedStale({ ...FRESH, ...change })).toBe(stale);
  });
});
