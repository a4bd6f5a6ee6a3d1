import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../../src/domain/verdict.js';
import { indexForSearch } from '../../../src/workers/process/index-for-search.js';

/** A search index that records what it was asked. */
function recordingIndex() {
  const calls: string[] = [];
  return {
    calls,
    write: (id: string, terms: readonly string[]) => Promise.resolve(calls.push(`write ${id} ${terms.join(',')}`) > 0),
    ensure: (id: string, terms: readonly string[]) => Promise.resolve(calls.push(`ensure ${id} ${terms.join(',')}`) > 0),
    remove: (id: string) => Promise.resolve(void calls.push(`remove ${id}`)),
  };
}

describe('indexForSearch', () => {
  it.each<[string, Verdict, string[]]>([
    ['a new article is written', { kind: 'created', articleId: 'a1' }, ['write a1 泰山']],
    [
      'a copy that took over its story is written and the one it replaced removed',
      { kind: 'created', articleId: 'a1', supersedes: { articleId: 'b2', channelIds: [] } },
      ['write a1 泰山', 'remove b2'],
    ],
    ['a changed article is written again', { kind: 'updated', articleId: 'a1' }, ['write a1 泰山']],
    ['an own item seen again is indexed if it is not yet', { kind: 'unchanged', articleId: 'a1' }, ['ensure a1 泰山']],
    ['a copy seen again is not indexed (its story is, under another id)', { kind: 'unchanged', articleId: 'c3' }, []],
    ['a duplicate is not indexed', { kind: 'duplicate', articleId: 'c3', matchedBy: 'near' }, []],
  ])('%s', async (_, verdict, expected) => {
    const index = recordingIndex();
    await indexForSearch(index, verdict, 'a1', ['泰山']);
    expect(index.calls).toEqual(expected);
  });
});
