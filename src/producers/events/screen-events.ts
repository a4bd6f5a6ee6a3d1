import type { DropReason, ReaderEvent } from '../../domain/reader-event.js';

/** How old an event may be: the longest list window (7 days) is all it can still count in. */
export const MAX_EVENT_AGE_MS = 7 * 86_400_000;
/** How far ahead of the server's clock an event may be: clocks of partner servers drift a little. */
export const MAX_EVENT_SKEW_MS = 10 * 60_000;

/** Whether a user agent is a known crawler or bot (isbot's maintained list). */
export type BotTest = (userAgent: string) => boolean;

/**
 * Splits a batch into the events that may count and the reason each other one is dropped:
 * sent by a bot (a known crawler's user agent, or an empty one: browsers always send theirs),
 * too old for any window, or from the future.
 */
export function screenEvents(events: readonly ReaderEvent[], now: number, isBot: BotTest): { kept: ReaderEvent[]; dropped: DropReason[] } {
  const kept: ReaderEvent[] = [];
  const dropped: DropReason[] = [];
  for (const event of events) {
    if (event.userAgent !== undefined && (event.userAgent === '' || isBot(event.userAgent))) dropped.push('bot');
    else if (event.at < now - MAX_EVENT_AGE_MS) dropped.push('stale');
    else if (event.at > now + MAX_EVENT_SKEW_MS) dropped.push('future');
    else kept.push(event);
  }
  return { kept, dropped };
}

/** How many user agents a remembering bot test keeps: browsers send a few hundred distinct strings. */
const REMEMBERED_AGENTS = 2_000;

/**
 * Returns a bot test that remembers its answers: isbot runs one large regular expression, and
 * the same few hundred user agents arrive again and again, on the busiest input of the system.
 */
export function rememberingBotTest(isBot: BotTest): BotTest {
  const known = new Map<string, boolean>();
  return (userAgent) => {
    let answer = known.get(userAgent);
    if (answer === undefined) {
      answer = isBot(userAgent);
      if (known.size >= REMEMBERED_AGENTS) known.clear();
      known.set(userAgent, answer);
    }
    return answer;
  };
}
