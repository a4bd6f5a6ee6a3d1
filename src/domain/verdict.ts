/**
 * What the store decided about one processed item.
 * - created: a new article.
 * - updated: the same item again with changed content; the article keeps its id.
 * - unchanged: the same item again, same content; nothing written.
 * - duplicate: another copy of an article already stored: same canonical URL, same content
 *   hash, or a near duplicate (the same story reposted, confirmed by Jaccard or containment).
 */
export type Verdict =
  | { kind: 'created'; articleId: string }
  | { kind: 'updated'; articleId: string }
  | { kind: 'unchanged'; articleId: string }
  | { kind: 'duplicate'; articleId: string; matchedBy: 'url' | 'content' | 'near' };
