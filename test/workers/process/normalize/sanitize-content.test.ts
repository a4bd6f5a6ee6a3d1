import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../../src/producers/sources/pages/extract-article.js';
import { sanitizeContent } from '../../../../src/workers/process/normalize/sanitize-content.js';
import { EXAMPLES, FIXTURES } from '../../../support/paths.js';

const BASE = 'https://www.yybnet.net/taian/feicheng/news/201707/5862101.html';

describe('sanitizeContent: what is removed', () => {
  it.each([
    ['script', '<p>正文</p><script>alert(document.cookie)</script>', '<p>正文</p>'],
    ['style', '<style>p{color:red}</style><p>正文</p>', '<p>正文</p>'],
    ['iframe with its text', '<p>正文</p><iframe src="https://ads.example/">广告</iframe>', '<p>正文</p>'],
    ['noscript', '<p>正文</p><noscript>请启用JavaScript</noscript>', '<p>正文</p>'],
    [
      'form controls',
      '<p>正文</p><form action="/post"><textarea>留言</textarea><input value="x"><select><option>一</option></select></form>',
      '<p>正文</p>',
    ],
    ['onclick and style attributes', '<p onclick="steal()" style="color:red" class="x">正文</p>', '<p>正文</p>'],
    [
      'onerror on an image',
      `<p><img src="${BASE.replace(/[^/]+$/, 'a.jpg')}" onerror="steal()"></p>`,
      `<p><img src="${BASE.replace(/[^/]+$/, 'a.jpg')}" /></p>`,
    ],
    ['javascript: links', '<p><a href="javascript:alert(1)">点击</a>正文</p>', '<p><a>点击</a>正文</p>'],
    ['an empty paragraph', '<p>正文</p><p> </p><p>&nbsp;</p>', '<p>正文</p>'],
    ['an empty span and div', '<div><span></span></div><p>正文</p>', '<p>正文</p>'],
    ['a wrapper left empty by removals', '<div><p><script>x()</script></p></div><p>正文</p>', '<p>正文</p>'],
  ])('removes %s', (_, html, expected) => {
    expect(sanitizeContent(html, BASE)).toBe(expected);
  });
});

describe('sanitizeContent: form furniture in feed HTML', () => {
  it('drops a comment form with its button label', () => {
    const html = '<p>正文</p><form action="/comment"><textarea name="c"></textarea><button type="submit">发表评论</button></form>';
    expect(sanitizeContent(html, BASE)).toBe('<p>正文</p>');
  });
});

describe('sanitizeContent: what is rewritten', () => {
  it.each([
    [
      'a root-relative image',
      '<p><img src="/uploads/2017/07/kexie.jpg" alt="图"></p>',
      '<p><img src="https://www.yybnet.net/uploads/2017/07/kexie.jpg" alt="图" /></p>',
    ],
    [
      'a document-relative link',
      '<p><a href="../201706/5858734.html">上一篇稿件</a></p>',
      '<p><a href="https://www.yybnet.net/taian/feicheng/news/201706/5858734.html">上一篇稿件</a></p>',
    ],
    ['a protocol-relative image', '<p><img src="//img.yybnet.net/a.jpg"></p>', '<p><img src="https://img.yybnet.net/a.jpg" /></p>'],
    [
      'a lazy data-original image',
      '<p><img class="lazy" src="/static/images/grey.gif" data-original="/uploads/2017/07/kexie.jpg"></p>',
      '<p><img src="https://www.yybnet.net/uploads/2017/07/kexie.jpg" /></p>',
    ],
    [
      'a lazy data-src image over a data: placeholder',
      '<p><img src="data:image/gif;base64,R0lGOD" data-src="/uploads/a.jpg"></p>',
      '<p><img src="https://www.yybnet.net/uploads/a.jpg" /></p>',
    ],
    [
      'an absolute link, left as it is',
      '<p><a href="https://www.yybnet.net/taian/">泰安</a></p>',
      '<p><a href="https://www.yybnet.net/taian/">泰安</a></p>',
    ],
  ])('makes %s absolute', (_, html, expected) => {
    expect(sanitizeContent(html, BASE)).toBe(expected);
  });

  it('keeps a paragraph that only holds an image', () => {
    expect(sanitizeContent('<p class="pic"><img src="/a.jpg"></p>', BASE)).toBe('<p><img src="https://www.yybnet.net/a.jpg" /></p>');
  });

  it('keeps tables, lists and headings', () => {
    const html = '<h3>小标题</h3><ul><li>一</li></ul><table><tr><td colspan="2">格</td></tr></table>';
    expect(sanitizeContent(html, BASE)).toBe('<h3>小标题</h3><ul><li>一</li></ul><table><tr><td colspan="2">格</td></tr></table>');
  });

  it('makes the src absolute when the lazy attribute holds only a data: placeholder', () => {
    expect(sanitizeContent('<p><img src="/uploads/a.jpg" data-src="data:image/png;base64,AA"></p>', BASE)).toBe(
      '<p><img src="https://www.yybnet.net/uploads/a.jpg" /></p>',
    );
  });
});

describe('sanitizeContent on extracted example bodies', () => {
  const pages = [
    ['feicheng-kexie-20170705.html', path.join(EXAMPLES, 'pages', 'feicheng-kexie-20170705.html')],
    ['hostile-dongping-jieshan.html', path.join(FIXTURES, 'pages', 'hostile-dongping-jieshan.html')],
  ] as const;

  it.each(pages)('%s: no script, handler, javascript: URL or relative image remains', (_, file) => {
    const raw = extractArticle(readFileSync(file, 'utf8'), BASE);
    const clean = sanitizeContent(raw.html ?? '', raw.url ?? BASE);
    expect(clean).not.toMatch(/<script|<style|<iframe|\son\w+=|javascript:/i);
    for (const [, src] of clean.matchAll(/<img[^>]*\ssrc="([^"]*)"/g)) expect(src).toMatch(/^https:\/\/www\.yybnet\.net\/uploads\//);
    expect(clean).toContain('<p>');
  });
});
