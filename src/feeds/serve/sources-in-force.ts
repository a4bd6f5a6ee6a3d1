import type { Source } from '../../domain/source.js';

/** Finds a source in force (the registry: the config file's and those added at runtime, less the deleted), by id. */
export type FindSource = (sourceId: string) => Promise<Pick<Source, 'id' | 'name'> | undefined>;

interface Answer {
  source: Pick<Source, 'id' | 'name'> | undefined;
  at: number;
}

/**
 * Whether a source's feed is served: only while the source is in force. Each answer is kept for
 * `ttlMs` (a deleted source's feed is gone from every server process within that time; a feed
 * read often costs no lookup). Only sources that were found are remembered — a request for an
 * id that never existed asks again — so the map is bounded by the registry. When the lookup
 * fails (Redis down), the last answer stands, so feeds keep being served from their last good
 * bytes.
 */
export class SourcesInForce {
  private readonly answers = new Map<string, Answer>();

  constructor(
    private readonly find: FindSource,
    private readonly ttlMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The fresh answer for this id, if one is at hand: `found` says whether it is in force. */
  known(sourceId: string): { found: Pick<Source, 'id' | 'name'> | undefined } | undefined {
    const answer = this.answers.get(sourceId);
    return answer && this.now() - answer.at < this.ttlMs ? { found: answer.source } : undefined;
  }

  /**
   * Looks the source up now. Returns `{ found }`, or undefined when the lookup failed (Redis
   * down) and no earlier answer stands in for it.
   */
  async lookUp(sourceId: string): Promise<{ found: Pick<Source, 'id' | 'name'> | undefined } | undefined> {
    const last = this.answers.get(sourceId);
    let found: Pick<Source, 'id' | 'name'> | undefined;
    try {
      found = await this.find(sourceId);
    } catch {
      return last && { found: last.source };
    }
    if (found || last) this.answers.set(sourceId, { source: found, at: this.now() });
    return { found };
  }
}
