import type { CardRepository } from '../../store/card-repository.js';

/** How many articles' channels one process remembers, and for how long (channels of a stored article rarely change). */
const CAPACITY = 20_000;
const TTL_MS = 10 * 60_000;

/**
 * The channels of articles, looked up once from their cards and remembered: reading events are
 * the busiest input, and most name the same few hundred articles. An id without a card is an
 * unknown article.
 */
export class ArticleChannels {
  private readonly known = new Map<string, { channels: string[]; until: number }>();

  constructor(
    private readonly cards: Pick<CardRepository, 'getMany'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Returns the channels of each known article among the ids (unknown ones are absent). */
  async of(articleIds: Iterable<string>): Promise<Map<string, string[]>> {
    const now = this.now();
    const found = new Map<string, string[]>();
    const missing: string[] = [];
    for (const id of new Set(articleIds)) {
      const entry = this.known.get(id);
      if (entry && entry.until > now) found.set(id, entry.channels);
      else missing.push(id);
    }
    for (const card of await this.cards.getMany(missing)) {
      found.set(card.id, card.channels);
      this.remember(card.id, card.channels, now);
    }
    return found;
  }

  private remember(id: string, channels: string[], now: number): void {
    if (this.known.size >= CAPACITY) {
      const oldest = this.known.keys().next();
      if (!oldest.done) this.known.delete(oldest.value);
    }
    this.known.set(id, { channels, until: now + TTL_MS });
  }
}
