import { describe, expect, it } from 'vitest';
import { createJiebaWords } from '../../../../src/workers/process/classify/jieba-words.js';
import { selectWords, TextWords, type Candidate } from '../../../../src/workers/process/classify/word-boundaries.js';

const jieba = createJiebaWords();

/** Every occurrence of the names in the text, as the automaton finds them (overlapping). */
function candidatesIn(text: string, names: string[], openEdgeOnly: string[] = []): (Candidate & { name: string })[] {
  return names.flatMap((name) =>
    [...text.matchAll(new RegExp(name, 'g'))].map((m) => ({
      name,
      begin: m.index,
      end: m.index + name.length,
      openEdgeOnly: openEdgeOnly.includes(name),
    })),
  );
}

const wordsIn = (text: string, names: string[], openEdgeOnly: string[] = []) =>
  selectWords(candidatesIn(text, names, openEdgeOnly), new TextWords(text, jieba.segment)).map((c) => c.name);

describe('selectWords with jieba', () => {
  it.each([
    ['a name read across a word boundary does not count', '奋力书写创新泰安新篇章', ['新泰', '泰安', '新泰安'], ['泰安']],
    ['nor a name inside a word', '电梯门故障频发', ['梯门'], []],
    ['nor a name whose last character begins the next word', '他是村里的范镇长', ['范镇'], []],
    ['a word that begins with the name leaves it whole', '泰安市委召开会议', ['泰安市', '泰安'], ['泰安市']],
    [
      'leftmost-longest among the names that stand as words',
      '在新泰市羊流镇调研',
      ['新泰', '新泰市', '羊流', '羊流镇'],
      ['新泰市', '羊流镇'],
    ],
    ['a shorter name counts where the longer is cut apart', '泰山区域内的景点', ['泰山', '泰山区'], ['泰山']],
  ])('%s', (_case, text, names, expected) => {
    expect(wordsIn(text, names)).toEqual(expected);
  });

  it('asks only the first edge of a landmark: 天颐湖|景区 is cut 天|颐|湖景区 by jieba', () => {
    expect(wordsIn('天颐湖景区推出夜游', ['天颐湖'])).toEqual([]);
    expect(wordsIn('天颐湖景区推出夜游', ['天颐湖'], ['天颐湖'])).toEqual(['天颐湖']);
  });

  it('takes every name without a segmenter, leftmost-longest without overlaps', () => {
    expect(selectWords(candidatesIn('创新泰安', ['新泰', '泰安', '新泰安'])).map((c) => c.name)).toEqual(['新泰安']);
  });
});

describe('TextWords', () => {
  it('does not segment a name at the edges of its clause, nor one whose neighbours make no word with it', () => {
    const clauses: string[] = [];
    const words = new TextWords('“东平湖”，在楼德镇', (clause) => {
      clauses.push(clause);
      return jieba.segment(clause);
    });
    expect(words.standsAlone({ begin: 1, end: 4 })).toBe(true);
    expect(words.standsAlone({ begin: 7, end: 10, risk: { before: '', after: '' } })).toBe(true);
    expect(clauses).toEqual([]);
    expect(words.standsAlone({ begin: 7, end: 10 })).toBe(true);
    expect(clauses).toEqual(['在楼德镇']);
  });

  it('says nothing against a name when the segmenter does not give the clause back whole', () => {
    const words = new TextWords('创新泰安', () => ['创新']);
    expect(words.standsAlone({ begin: 1, end: 3 })).toBe(true);
  });
});
