import { ALL_CHANNEL_ID } from '../../domain/channel.js';
import type { CardRepository } from '../../store/card-repository.js';

/** How many articles' channels one process remembers, and for how long (channels of a stored article rarely change). */
const CAPACITY = 20_000;
const TTL_MS = 10 * 60_000;

/**
 * The channels whose counts a view of an article moves — the article's own and `all` — looked
 * up once from its card and remembered, one shared array per article: reading events are the
 * busiest input, and most name the same few hundred articles. An id without a card is an
 * unknown article.
 */
export class ArticleChannels {
  private readonly known = new Map<string, { channels: readonly string[]; until: number }>();

  constructor(
    private readonly cards: Pick<CardRepository, 'getMany'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Returns the counted channels of each known article among the ids (unknown ones are absent). */
  async of(articleIds: Iterable<string>): Promise<Map<string, readonly string[]>> {
    const now = this.now();
    const found = new Map<string, readonly string[]>();
    const missing = new Set<string>();
    for (const id of articleIds) {
      if (found.has(id)) continue;
      const entry = this.known.get(id);
      if (entry && entry.until > now) found.set(id, entry.channels);
      else missing.add(id);
    }
    if (missing.size === 0) return found;
    for (const card of await this.cards.getMany([...missing])) {
      const channels = [...card.channels, ALL_CHANNEL_ID];
      found.set(card.id, channels);
      this.remember(card.id, channels, now);
    }
    return found;
  }

  private remember(id: string, channels: readonly string[], now: number): void {
    if (this.known.size >= CAPACITY) {
      const oldest = this.known.keys().next();
      if (!oldest.done) this.known.delete(oldest.value);
    }
    this.known.set(id, { channels, until: now + TTL_MS });
  }
}
