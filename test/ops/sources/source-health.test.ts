import { describe, expect, it } from 'vitest';
import { isUnhealthy, sourceHealthOf } from '../../../src/ops/sources/source-health.js';
import type { SourceState } from '../../../src/store/source-state-repository.js';

const state = (fields: Partial<SourceState>): SourceState => ({ errorCount: 0, itemsSeen: 0, ...fields });
const EMPTY_ITEM =
  'normalize: item https://news.example.cn/1.html has neither a title nor any text: title empty; text only whitespace ("  "); html missing';

describe('sourceHealthOf', () => {
  it.each<[string, SourceState, boolean, string, string[]]>([
    ['never polled', state({}), false, 'never-polled', []],
    ['polled fine', state({ lastStatus: 'ok', recentItems: 3, recentItemFailures: 0 }), false, 'ok', []],
    [
      'whose only item failed',
      state({ lastStatus: 'ok', recentItems: 1, recentItemFailures: 1, lastItemError: EMPTY_ITEM }),
      false,
      'items-failing',
      [`items: its only recent item failed; last: ${EMPTY_ITEM}`],
    ],
    [
      'some of whose items failed',
      state({ lastStatus: 'ok', recentItems: 5, recentItemFailures: 2, lastItemError: 'normalize: boom' }),
      false,
      'items-failing',
      ['items: 2 of 5 recent items failed; last: normalize: boom'],
    ],
    [
      'whose polls fail',
      state({
        lastStatus: 'error',
        errorCount: 3,
        lastErrorKind: 'http-5xx',
        lastError: 'http://u:secret@a.example/: HTTP 503',
        nextPollAt: '2024-03-12T10:40:00.000Z',
      }),
      false,
      'failing',
      ['http-5xx: http://***@a.example/: HTTP 503 (3 failed polls in a row; backing off, next poll at 2024-03-12T10:40:00.000Z)'],
    ],
    [
      'gone',
      state({ lastStatus: 'gone', errorCount: 1, lastError: 'https://a.example/: HTTP 410' }),
      false,
      'gone',
      ['gone: https://a.example/: HTTP 410 (not polled until its URL changes or it is polled now)'],
    ],
    [
      'ok, though a fullText page could not be read',
      state({ lastStatus: 'ok', fullTextFailures: 2, lastFullTextError: 'full text: https://a.example/2.html: HTTP 404' }),
      false,
      'ok',
      ["full text: 2 linked pages could not be read (the feed's content was kept); last: full text: https://a.example/2.html: HTTP 404"],
    ],
    ['paused', state({ lastStatus: 'ok' }), true, 'paused', ['paused: not polled until resumed']],
    [
      'paused and failing',
      state({ lastStatus: 'error', errorCount: 1, lastErrorKind: 'timeout', lastError: 'slow' }),
      true,
      'failing',
      ['timeout: slow (its last poll failed)', 'paused: not polled until resumed'],
    ],
  ])('says why a source %s is as it is', (_case, sourceState, paused, status, reasons) => {
    const health = sourceHealthOf(sourceState, paused);
    expect(health).toEqual({ status, reasons });
    expect(isUnhealthy(health)).toBe(['failing', 'items-failing', 'gone'].includes(status));
  });
});
