import { describe, expect, it } from 'vitest';
import { parseBylines } from '../../../../src/workers/process/normalize/parse-bylines.js';

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
    expect(parseBylines([line])).toEqual({ authors, editor: null });
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
    expect(parseBylines([line])).toEqual({ authors: [], editor });
  });

  it('separates authors from the editor on one line', () => {
    expect(parseBylines(['（记者 张伟 通讯员 李娜） 责任编辑：孙静'])).toEqual({ authors: ['张伟', '李娜'], editor: '孙静' });
  });
});

describe('parseBylines: several lines', () => {
  it.each([
    [['记者 张伟', '（记者 张伟 通讯员 李娜）', '通讯员 李娜'], ['张伟', '李娜'], null],
    [['通讯员：赵磊', '（责任编辑：孙静）'], ['赵磊'], '孙静'],
    [['□记者 刘芳 通讯员 陈刚', '记者 刘芳'], ['刘芳', '陈刚'], null],
    // 责任编辑 (the editor in charge) outranks a plain 编辑 credit, whatever the order.
    [['编辑：孙静', '责任编辑：李四'], [], '李四'],
    [['编辑 刘晓阳 校对 李铭', '责任编辑：姚立伟_NT6056'], [], '姚立伟'],
    [['编辑：孙静', '编辑：李四'], [], '孙静'],
    [[], [], null],
  ])('%j → authors %j in order without repeats, editor %s', (lines, authors, editor) => {
    expect(parseBylines(lines)).toEqual({ authors, editor });
  });

  it('does not take role words or filler for names', () => {
    const { authors } = parseBylines(['记者 报道', '通讯员 综合', '本报 整理']);
    expect(authors).toEqual([]);
  });
});
