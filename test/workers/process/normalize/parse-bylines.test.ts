import { describe, expect, it } from 'vitest';
import { parseBylines } from '../../../../src/workers/process/normalize/parse-bylines.js';

/** The names of the authors parseBylines finds, and its editors. */
function namesOf(lines: readonly string[]): { authors: string[]; editors: string[] } {
  const { authors, editors } = parseBylines(lines);
  return { authors: authors.map((author) => author.name), editors };
}

describe('parseBylines: one byline line', () => {
  it.each([
    // From the example pages (the byline paragraph of each body).
    ['□通讯员 武建堂', ['武建堂']],
    ['（记者 张伟 通讯员 李娜）', ['张伟', '李娜']],
    ['文/王晓东', ['王晓东']],
    ['□记者 刘芳 通讯员 陈刚', ['刘芳', '陈刚']],
    ['通讯员：赵磊', ['赵磊']],
    ['记者 马强', ['马强']],
    // Names with characters outside the basic CJK block: extension A (䶮), extension B (𠇔).
    ['记者 刘䶮', ['刘䶮']],
    ['记者张三通讯员李四', ['张三', '李四']],
    ['通讯员 王𠇔', ['王𠇔']],
    // From the example feeds (dc:creator and author elements).
    ['武建堂', ['武建堂']],
    ['xintai@yybnet.net (记者 张伟)', ['张伟']],
    ['daiyue@yybnet.net (通讯员 韩冰)', ['韩冰']],
    ['泰山晚报记者 陈晨', ['陈晨']],
    ['泰安日报记者 孟凡', ['孟凡']],
    ['□泰安日报记者 孟凡', ['孟凡']],
    ['宁阳县融媒体中心 王晓东', ['王晓东']],
    ['宁阳县融媒体中心', []],
    // Other forms portals use.
    ['本报记者 张三 李四', ['张三', '李四']],
    ['本报记者 张三 李四 报道', ['张三', '李四']],
    ['本报通讯员 张三、李四', ['张三', '李四']],
    ['记者张伟', ['张伟']],
    ['文／王五 图／赵六', ['王五', '赵六']],
    ['摄影 王强', ['王强']],
    ['实习生 王小明', ['王小明']],
    ['特约通讯员 王五', ['王五']],
    ['记者 司马相如', ['司马相如']],
    ['记者 欧阳·娜娜', ['欧阳·娜娜']],
    // From real portal pages (the labelled page corpus).
    ['新京报记者 陆一夫', ['陆一夫']],
    ['记者陈智 整合', ['陈智']],
    ['【文/观察者网专栏作者 王文】', ['王文']],
    ['《棱镜》作者 周纯', ['周纯']],
    ['采写：南都记者 余毅菁 向雪妮', ['余毅菁', '向雪妮']],
    ['作者：李在山', ['李在山']],
    // An explicit 作者 may name a self-media account; other roles need a personal name.
    ['作者：IT之家', ['IT之家']],
    ['作者：中国广州发布', ['中国广州发布']],
    ['作者：未知', []],
    ['记者 中国广州发布', []],
    // Forms of issue 16's pages: 文 with a bar or with 图, newer reporter titles, an outlet joined by a middle dot.
    ['文｜岱下闲人', ['岱下闲人']],
    ['文 | 李明　　图 | 王刚', ['李明', '王刚']],
    ['文/图 记者 刘洋 通讯员 赵丽', ['刘洋', '赵丽']],
    ['泰安日报·泰山Plus全媒体记者 李明 通讯员 张红', ['李明', '张红']],
    ['融媒记者 王芳', ['王芳']],
    ['首席记者 赵磊', ['赵磊']],
    ['记者 | 孔莉', ['孔莉']],
    ['作者：记者 宋涛', ['宋涛']],
    ['□ 本报评论员 于舟', ['于舟']],
  ])('%s → authors %j, no editor', (line, authors) => {
    expect(namesOf([line])).toEqual({ authors, editors: [] });
  });

  it.each([
    ['（责任编辑：孙静）', '孙静'],
    ['责任编辑：孙静', '孙静'],
    ['编辑 孙静', '孙静'],
    ['责任编辑：杨倩_NF4425', '杨倩'],
    ['编辑|禤志杰', '禤志杰'],
    ['（责任编辑： HN666）', 'HN666'],
    ['本文来源：新京报 责任编辑：姚立伟_NT6056', '姚立伟'],
  ])('%s → editor %s, no authors', (line, editor) => {
    expect(parseBylines([line])).toEqual({ authors: [], editors: [editor] });
  });

  it('separates authors from the editor on one line', () => {
    expect(parseBylines(['（记者 张伟 通讯员 李娜） 责任编辑：孙静'])).toEqual({
      authors: [
        { name: '张伟', role: '记者' },
        { name: '李娜', role: '通讯员' },
      ],
      editors: ['孙静'],
    });
  });
});

describe('parseBylines: roles', () => {
  it.each([
    ['记者 马强', '记者'],
    ['本报记者 张三', '记者'],
    ['见习记者 张三', '记者'],
    ['特约记者 张三', '记者'],
    ['泰安日报·泰山Plus全媒体记者 张三', '记者'],
    ['通讯员：赵磊', '通讯员'],
    ['特约通讯员 赵磊', '通讯员'],
    ['作者：李在山', '作者'],
    ['文/王晓东', '作者'],
    ['撰稿 王晓东', '作者'],
    ['实习生 王小明', '作者'],
    ['武建堂', '作者'],
    ['作者：IT之家', '作者'],
  ] as const)('%s → %s', (line, role) => {
    expect(parseBylines([line]).authors.map((author) => author.role)).toEqual([role]);
  });

  it('keeps writers already read as given, and gives a plain 作者 the role a byline names', () => {
    const { authors } = parseBylines([{ name: 'John Smith', role: '作者' }, '作者：张伟', '记者 张伟', { name: '李娜', role: '通讯员' }]);
    expect(authors).toEqual([
      { name: 'John Smith', role: '作者' },
      { name: '张伟', role: '记者' },
      { name: '李娜', role: '通讯员' },
    ]);
  });
});

describe('parseBylines: traditional characters', () => {
  it.each([
    ['（記者 張偉 通訊員 李娜）', ['張偉', '李娜'], ['记者', '通讯员'], []],
    ['本報記者 陳明', ['陳明'], ['记者'], []],
    ['特約通訊員 黃麗', ['黃麗'], ['通讯员'], []],
    ['作者：林志', ['林志'], ['作者'], []],
    ['責任編輯：汤诗瑶', [], [], ['汤诗瑶']],
    ['責編 陳靜', [], [], ['陳靜']],
    ['編輯：李華、王強', [], [], ['李華', '王強']],
    ['記者 張偉 來源', ['張偉'], ['记者'], []],
  ])('%s → authors %j (%j), editors %j', (line, names, roles, editors) => {
    const { authors, editors: found } = parseBylines([line]);
    expect(authors.map((author) => author.name)).toEqual(names);
    expect(authors.map((author) => author.role)).toEqual(roles);
    expect(found).toEqual(editors);
  });
});

describe('parseBylines: editors', () => {
  it.each([
    ['编辑：汤诗瑶、丁涛', ['汤诗瑶', '丁涛']],
    ['责任编辑：汤诗瑶 丁涛', ['汤诗瑶', '丁涛']],
    ['（责编：汤诗瑶、丁涛）', ['汤诗瑶', '丁涛']],
    ['责任编辑：汤诗瑶，丁涛，王五', ['汤诗瑶', '丁涛', '王五']],
  ])('%s → editors %j', (line, editors) => {
    expect(parseBylines([line]).editors).toEqual(editors);
  });
});

describe('parseBylines: several lines', () => {
  it.each([
    [['记者 张伟', '（记者 张伟 通讯员 李娜）', '通讯员 李娜'], ['张伟', '李娜'], []],
    [['通讯员：赵磊', '（责任编辑：孙静）'], ['赵磊'], ['孙静']],
    [['□记者 刘芳 通讯员 陈刚', '记者 刘芳'], ['刘芳', '陈刚'], []],
    // 责任编辑 (the editors in charge) outrank a plain 编辑 credit, whatever the order.
    [['编辑：孙静', '责任编辑：李四'], [], ['李四']],
    [['编辑 刘晓阳 校对 李铭', '责任编辑：姚立伟_NT6056'], [], ['姚立伟']],
    [['编辑：孙静', '编辑：李四', '编辑：孙静'], [], ['孙静', '李四']],
    [[], [], []],
  ])('%j → authors %j in order without repeats, editors %j', (lines, authors, editors) => {
    expect(namesOf(lines)).toEqual({ authors, editors });
  });

  it('does not take role words or filler for names', () => {
    const { authors } = parseBylines(['记者 报道', '通讯员 综合', '本报 整理']);
    expect(authors).toEqual([]);
  });
});
