import { describe, expect, it } from 'vitest';
import { anyOf, EDITOR_ROLES, roleSource, SOURCE_LABELS, TRADITIONAL_FORMS, WRITER_ROLES } from '../../src/domain/news-vocabulary.js';
import { createConverter } from '../../src/workers/process/dedupe/opencc-converter.js';

describe('TRADITIONAL_FORMS', () => {
  // OpenCC's tables for Taiwan and Hong Kong text, read back to mainland simplified.
  const fromTaiwan = createConverter({ from: 'tw', to: 'cn' });
  const fromHongKong = createConverter({ from: 'hk', to: 'cn' });

  it.each(Object.entries(TRADITIONAL_FORMS))('%s: every form (%s) is one OpenCC reads as it', (simplified, forms) => {
    for (const form of forms) expect([fromTaiwan(form), fromHongKong(form)]).toContain(simplified);
  });
});

describe('anyOf and roleSource', () => {
  it.each([
    [anyOf(SOURCE_LABELS), '來源：香港文匯報', '來源'],
    [anyOf(SOURCE_LABELS), '来源：泰安日报', '来源'],
    [anyOf(EDITOR_ROLES), '責任編輯：陳靜', '責任編輯'],
    [anyOf(EDITOR_ROLES), '責編 陳靜', '責編'],
    [anyOf(EDITOR_ROLES), '編輯：李華', '編輯'],
    [anyOf(['发布时间']), '發佈時間：2024-03-12', '發佈時間'],
    [anyOf(['发布时间']), '發布時間：2024-03-12', '發布時間'],
    [roleSource(WRITER_ROLES), '本報記者 陳明', '本報記者'],
    [roleSource(WRITER_ROLES), '特約通訊員 黃麗', '特約通訊員'],
    [roleSource(WRITER_ROLES), '作者：林志', '作者'],
  ])('%s finds %s', (source, text, found) => {
    expect(new RegExp(source).exec(text)?.[0]).toBe(found);
  });

  it('still reads regex sources among the words', () => {
    expect(new RegExp(anyOf(['文\\s*[/／]\\s*图'])).exec('文／圖 劉洋')?.[0]).toBe('文／圖');
  });
});
