import { describe, expect, it } from 'vitest';
import { cleanLine, cleanText } from '../../../../src/workers/process/normalize/clean-text.js';

describe('cleanText', () => {
  it.each([
    ['collapses spaces, tabs, NBSP and U+3000 within a line', '泰安市\u00a0\u3000新闻  \t中心', '泰安市 新闻 中心'],
    ['trims each line and the whole text', '  第一段  \n  第二段  ', '第一段\n第二段'],
    ['keeps at most one blank line between paragraphs', '第一段\n\n\n\n第二段', '第一段\n\n第二段'],
    ['treats lines of white space as blank', '第一段\n \n\u3000\n第二段', '第一段\n\n第二段'],
    ['handles CRLF line ends', '第一段\r\n第二段\r\n', '第一段\n第二段'],
    ['removes zero-width and invisible characters', '泰\u200b安\u200d市\ufeff\u00ad', '泰安市'],
    ['removes characters XML 1.0 forbids', 'a\u0000b\u0008c\u000bd\u000ce\u001ff\ufffeg', 'abcdefg'],
    ['folds full-width letters and digits to ASCII', 'ＡＢＣ１２３ａｂｃ', 'ABC123abc'],
    ['keeps Chinese punctuation as it is', '泰安市，肥城市。注意：“桃花”！', '泰安市，肥城市。注意：“桃花”！'],
    ['normalizes to NFC', 'e\u0301', '\u00e9'],
    ['returns empty text for white space only', ' \n\t\u3000\n ', ''],
  ])('%s', (_, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });
});

describe('cleanLine', () => {
  it.each([
    ['第一行\n第二行\n\n第三行', '第一行 第二行 第三行'],
    ['  标题\u200b  \n', '标题'],
    ['泰安市成功创建\u3000中国科协创新驱动助力工程示范市', '泰安市成功创建 中国科协创新驱动助力工程示范市'],
  ])('%j → %j', (input, expected) => {
    expect(cleanLine(input)).toBe(expected);
  });
});
