import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../../src/workers/process/normalize/html-to-text.js';

describe('htmlToText', () => {
  it.each([
    ['one line per paragraph', '<p>第一段</p><p>第二段</p>', '第一段\n第二段'],
    ['br as a line break', '<p>第一行<br>第二行<br/>第三行</p>', '第一行\n第二行\n第三行'],
    ['inline elements stay in their line', '<div>泰安市<strong>肥城市</strong><a href="/x">桃园镇</a></div>', '泰安市肥城市桃园镇'],
    ['list items and headings as lines', '<h2>标题</h2><ul><li>一</li><li>二</li></ul>', '标题\n一\n二'],
    ['nested blocks without blank lines', '<div><div><p>甲</p></div><p>乙</p></div>', '甲\n乙'],
    [
      'script, style and noscript dropped',
      '<p>正文</p><script>var a = "脚本";</script><style>p{}</style><noscript>请启用</noscript>',
      '正文',
    ],
    ['entities decoded', '<p>a &amp; b &lt;c&gt; &quot;d&quot;</p>', 'a & b <c> "d"'],
    ['empty paragraphs dropped', '<p>  </p><p>正文</p><p></p>', '正文'],
    ['bare text kept', '泰安市', '泰安市'],
    ['empty input', '', ''],
  ])('%s', (_, html, expected) => {
    expect(htmlToText(html)).toBe(expected);
  });
});
