import { describe, expect, it } from 'vitest';
import { stripFurniture } from '../../../../src/workers/process/normalize/strip-furniture.js';

const BODY = '<p>近日，新泰市羊流镇召开安全生产工作会议。</p><p>会议要求各村居落实主体责任。</p>';

describe('stripFurniture', () => {
  it.each([
    [
      'a related-news heading with its link list',
      '<div><h4>相关新闻</h4><ul><li><a href="/a">羊流镇开展植树</a></li><li><a href="/b">楼德镇召开会议</a></li></ul></div>',
      'related-list',
      '羊流镇开展植树',
    ],
    ['a 猜你喜欢 block', '<div class="like">猜你喜欢：<a href="/c">东平湖渔家乐</a></div>', 'related-list', '东平湖渔家乐'],
    ['a 热点排行 list', '<h3>热点排行</h3><ol><li><a href="/1">泰山景区游客21万</a></li></ol>', 'related-list', '泰山景区游客21万'],
    ['a share bar', '<p>分享到：微信 微博 QQ空间</p>', 'share-bar', 'QQ空间'],
    ['a comment box', '<div>网友评论<form><textarea></textarea></form></div>', 'comments', '网友评论'],
    ['an editor line', '<p>（责任编辑：孙静）</p>', 'editor-line', '孙静'],
    ['an editor line without brackets', '<p>编辑：王小明</p>', 'editor-line', '王小明'],
    ['a copyright line', '<p>Copyright © 地方网 版权所有</p>', 'copyright', '版权所有'],
    ['a reprint notice', '<p>未经授权禁止转载</p>', 'copyright', '禁止转载'],
    ['a byline line in brackets', '<p>（记者 张伟 通讯员 李娜）</p>', 'byline-line', '李娜'],
    ['a byline line with a box', '<p>□通讯员 武建堂</p>', 'byline-line', '武建堂'],
    ['a 文/ byline', '<p>文/王晓东</p>', 'byline-line', '王晓东'],
    ['a site slogan', '<p>肥城新闻,新鲜有料。可以走尽是天涯,难以品尽是故乡。</p>', 'slogan', '新鲜有料'],
  ])('removes %s and records it', (_case, furniture, kind, gone) => {
    const result = stripFurniture(`${BODY}${furniture}`);
    expect(result.html).toContain('会议要求各村居落实主体责任');
    expect(result.html).not.toContain(gone);
    expect(result.removed.map((part) => part.kind)).toContain(kind);
  });

  it.each([
    ['a sentence that starts with 记者', '<p>记者从市教育局获悉，今年全市新建学校12所。</p>'],
    ['a paragraph that mentions 评论 in passing', '<p>网友纷纷在评论区为羊流镇的做法点赞。</p>'],
    ['a long paragraph that mentions 版权', `<p>${'羊流镇加强知识产权和版权保护，'.repeat(8)}</p>`],
    ['an opinion piece that starts with 评论', `<p>评论：${'羊流镇的做法值得推广，基层治理要久久为功。'.repeat(8)}</p>`],
    ['a list of facts without links', '<ul><li>排查隐患217处</li><li>整改198处</li></ul>'],
  ])('keeps %s', (_case, text) => {
    const result = stripFurniture(`${BODY}${text}`);
    expect(result.removed).toEqual([]);
    expect(result.html).toBe(`${BODY}${text}`);
  });
});
