/**
 * What the store decided about one processed item.
 * - created: a new article (possibly replacing a later-published copy as canonical).
 * - updated: the same item again with changed content; the article keeps its id.
 * - unchanged: the same item again, same content; nothing written.
 * - duplicate: another copy of an article already stored: same canonical URL, same content
 *   hash, or a near duplicate (the same story reposted, confirmed by Jaccard or containment).
 */
export type Verdict =
  | {
      kind: 'created';
      articleId: string;
      /** Set when this earlier-published copy replaced a stored article as its story's canonical copy. */
      supersedes?: { articleId: string; channelIds: string[] };
    }
  | {
      kind: 'updated';
      articleId: string;
      /** The channels the previous version was in: a rebuild must drop it from those it left. */
      previousChannelIds?: string[];
    }
  | { kind: 'unchanged'; articleId: string }
  | { kind: 'duplicate'; articleId: string; matchedBy: 'url' | 'content' | 'near' };
