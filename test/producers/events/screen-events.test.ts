import { isbot } from 'isbot';
import { describe, expect, it } from 'vitest';
import type { ReaderEvent } from '../../../src/domain/reader-event.js';
import { MAX_EVENT_AGE_MS, MAX_EVENT_SKEW_MS, screenEvents } from '../../../src/producers/events/screen-events.js';

const NOW = Date.parse('2026-12-04T12:00:00Z');
const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

function view(fields: Partial<ReaderEvent> = {}): ReaderEvent {
  return { type: 'view', articleId: '0123456789abcdef', readerId: 'r1', at: NOW, ...fields };
}

describe('screenEvents', () => {
  it('drops known crawlers by user agent (isbot’s list) and clients that send none; events without a user agent field count', () => {
    const { kept, dropped } = screenEvents(
      [
        view({ userAgent: 'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)' }),
        view({ userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' }),
        view({ userAgent: 'curl/8.5.0' }),
        view({ userAgent: '' }),
        view({ userAgent: CHROME }),
        view(),
      ],
      NOW,
      isbot,
    );
    expect(dropped).toEqual(['bot', 'bot', 'bot', 'bot']);
    expect(kept).toHaveLength(2);
  });

  it('drops events older than the longest window and events from the future beyond clock drift', () => {
    const { kept, dropped } = screenEvents(
      [
        view({ at: NOW - MAX_EVENT_AGE_MS - 1 }),
        view({ at: NOW + MAX_EVENT_SKEW_MS + 1 }),
        view({ at: NOW - MAX_EVENT_AGE_MS + 1000 }),
        view({ at: NOW + 1000 }),
      ],
      NOW,
      isbot,
    );
    expect(dropped).toEqual(['stale', 'future']);
    expect(kept.map((event) => event.at)).toEqual([NOW - MAX_EVENT_AGE_MS + 1000, NOW + 1000]);
  });
});
