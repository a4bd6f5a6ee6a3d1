/**
 * What the store decided about one processed item.
 * - created: a new article.
 * - updated: the same item again with changed content; the article keeps its id.
 * - unchanged: the same item again, same content; nothing written.
 * - duplicate: another copy of an article already stored (other URL, same content).
 */
export type Verdict =
  | { kind: 'created'; articleId: string }
  | { kind: 'updated'; articleId: string }
  | { kind: 'unchanged'; articleId: string }
  | { kind: 'duplicate'; articleId: string; matchedBy: 'url' | 'content' };
