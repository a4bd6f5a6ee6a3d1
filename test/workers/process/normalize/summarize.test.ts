import { describe, expect, it } from 'vitest';
import { summarize } from '../../../../src/workers/process/normalize/summarize.js';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const SENTENCE = '泰安市春季重点项目集中开工。'; // 14 characters

describe('summarize', () => {
  it.each([
    ['short text as it is', '短文本。', '短文本。'],
    ['line breaks folded to spaces', '一行\n两行\n  三行', '一行 两行 三行'],
    ['exactly the target length kept whole', '字'.repeat(120), '字'.repeat(120)],
  ])('returns %s', (_, text, expected) => {
    expect(summarize(text)).toBe(expected);
  });

  it('cuts at the first sentence end at or after 60% of the target', () => {
    // Sentence ends at 14, 28, …, 84: the first at or after 72 characters is 84.
    expect(summarize(SENTENCE.repeat(20))).toBe(SENTENCE.repeat(6));
  });

  it('cuts at the target with an ellipsis when no sentence ends in time', () => {
    const summary = summarize('没有句号'.repeat(50));
    expect(summary).toBe(`${'没有句号'.repeat(30)}…`);
  });

  it('does not cut at a sentence end past 125% of the target', () => {
    const text = `${'长'.repeat(160)}。${'尾'.repeat(50)}`;
    expect(summarize(text)).toBe(`${'长'.repeat(120)}…`);
  });

  it.each([
    [30, '泰安市成功创建中国科协创新驱动助力工程示范市。全国共评出11个地级示范市。', '泰安市成功创建中国科协创新驱动助力工程示范市。'],
    [10, '一二三四五六七八九十十一十二', '一二三四五六七八九十…'],
  ])('honours a target of %d', (target, text, expected) => {
    expect(summarize(text, target)).toBe(expected);
  });

  it.each([
    ['？', `${'问'.repeat(80)}？${'答'.repeat(80)}`, `${'问'.repeat(80)}？`],
    ['！', `${'叹'.repeat(80)}！${'答'.repeat(80)}`, `${'叹'.repeat(80)}！`],
    ['；', `${'分'.repeat(80)}；${'答'.repeat(80)}`, `${'分'.repeat(80)}；`],
  ])('treats %s as a sentence end', (_, text, expected) => {
    expect(summarize(text)).toBe(expected);
  });

  it('never splits a character outside the BMP at the cut', () => {
    const summary = summarize(`${'泰'.repeat(119)}😀${'安'.repeat(50)}`);
    expect(summary).not.toMatch(LONE_SURROGATE);
  });
});
