/** A term of an article's text with how often it occurs: the raw material of TF-IDF. */
export interface Keyword {
  term: string;
  count: number;
}

/**
 * What recommendation lists need of an article, kept apart from its body so that ranking reads
 * a few hundred bytes, not the whole article: what a list shows (id, title, url, time, channels)
 * and what ranking compares (source, content hash, keywords with their counts, places named).
 */
export interface ArticleCard {
  id: string;
  title: string;
  url: string;
  publishedAt: string;
  channels: string[];
  sourceId: string;
  contentHash: string;
  /** The article's terms with their counts, the most frequent first (capped). */
  keywords: Keyword[];
  /** Towns, streets and counties the article names: a tie-breaker, never the subject. */
  places: string[];
}

/** Term statistics over the stored articles: in how many each term occurs, and how many there are (for IDF). */
export interface TermStatistics {
  documentFrequency: ReadonlyMap<string, number>;
  articleCount: number;
}
