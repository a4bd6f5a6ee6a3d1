import type { Verdict } from '../../domain/verdict.js';
import type { SearchIndex } from '../../store/search-index.js';

/**
 * Brings the search index in step with what the store decided about an item (`articleId`: the
 * id the item's own article has, `terms`: its search terms): a new or changed article is indexed
 * under its terms, one it replaced as its story's canonical copy is taken out, and an item seen
 * again unchanged is indexed if its first processing stopped before it was. Copies are not
 * indexed: their story is, under its canonical article.
 */
export async function indexForSearch(
  search: Pick<SearchIndex, 'write' | 'ensure' | 'remove'>,
  verdict: Verdict,
  articleId: string,
  terms: readonly string[],
): Promise<void> {
  if (verdict.kind === 'created' || verdict.kind === 'updated') {
    await search.write(verdict.articleId, terms);
    if (verdict.kind === 'created' && verdict.supersedes) await search.remove(verdict.supersedes.articleId);
  } else if (verdict.kind === 'unchanged' && verdict.articleId === articleId) {
    await search.ensure(articleId, terms);
  }
}
