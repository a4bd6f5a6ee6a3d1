import { describe, expect, it } from 'vitest';
import { createJiebaWords, edgeRisksOf } from '../../../../src/workers/process/classify/jieba-words.js';

describe('edgeRisksOf', () => {
  const dictionary = ['创新 100 v', '伯伯 50 n', '电梯门 3 n', '泰安市委 5 nt', '山 9 n'].join('\n');
  const risks = edgeRisksOf(['新泰', '孙伯', '梯门', '泰安市', '东平'], dictionary);

  it('finds the characters before a name that end a word running into it', () => {
    expect(risks.get('新泰')?.before).toBe('创');
    expect(risks.get('梯门')?.before).toBe('电');
  });

  it('finds the characters after a name that begin a word running out of it', () => {
    expect(risks.get('孙伯')?.after).toBe('伯');
  });

  it('does not count a word that begins with the name (泰安市委 keeps 泰安市 whole)', () => {
    expect(risks.get('泰安市')).toBeUndefined();
  });

  it('gives no risk to a name no word touches', () => {
    expect(risks.has('东平')).toBe(false);
  });
});

describe('createJiebaWords', () => {
  const words = createJiebaWords();

  it('segments with jieba’s own dictionary: 创新|泰安, not 创|新泰|安', () => {
    expect(words.segment('创新泰安')).toEqual(['创新', '泰安']);
  });

  it.each([
    ['财源', true],
    ['宫里', true],
    ['楼德', false],
    ['新泰', false],
    ['大汶口', false],
  ])('%s is an ordinary word: %s', (word, ordinary) => {
    expect(words.isOrdinaryWord(word)).toBe(ordinary);
  });

  it('finds risks from jieba’s dictionary', () => {
    expect(words.edgeRisks(['新泰']).get('新泰')?.before).toContain('创');
  });
});
