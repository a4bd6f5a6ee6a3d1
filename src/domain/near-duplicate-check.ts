import type { Article } from './article.js';

/**
 * How the store finds and confirms near duplicates of an article being saved: the process
 * stage builds it (MinHash band keys, the text comparison), the store's atomic claim uses it.
 */
export interface NearDuplicateCheck {
  /** The article's LSH band keys; articles sharing one are candidates. */
  bandKeys: readonly string[];
  /**
   * How many candidates, best first (most bands shared), are compared at most; without it, all.
   * Bounds the work per item when a template fills the buckets with near-twins.
   */
  maxCandidates?: number;
  /** True when a stored candidate tells the same story. */
  isSameStory(candidate: Pick<Article, 'id' | 'contentHash' | 'title' | 'contentText'>): boolean;
}
