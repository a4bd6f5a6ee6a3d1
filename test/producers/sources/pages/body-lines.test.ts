import { describe, expect, it } from 'vitest';
import {
  LEAD_LABEL,
  findInlineByline,
  isBylineLine,
  isCaptionCredit,
  isEditorLine,
  isEndMatter,
  isFurnitureHeading,
  isOriginalTitleLine,
  isSummaryBox,
  readReprintCard,
  sourceOfLine,
  startsWithFurnitureMarker,
} from '../../../../src/producers/sources/pages/body-lines.js';

describe('isBylineLine', () => {
  it.each([
    '□通讯员 武建堂',
    '（记者 张伟 通讯员 李娜）',
    '文/王晓东',
    '新京报记者 陆一夫',
    '扬子晚报记者 张楠',
    '【文/观察者网专栏作者 王文】',
    '《棱镜》作者 周纯',
    '采写：南都记者 余毅菁 向雪妮',
    '本报记者 张三 李四 报道',
    '编辑 刘晓阳 校对 李铭',
    '文｜岱下闲人',
    '文/图 记者 刘洋 通讯员 赵丽',
    '泰安日报·泰山Plus全媒体记者 李明 通讯员 张红',
    '大众新闻记者 李娜 通讯员 王芳 泰安报道',
  ])('%s is a byline line', (line) => {
    expect(isBylineLine(line)).toBe(true);
  });

  it.each([
    '记者通过电子邮件联系了富士康，截至发稿时，尚未收到回应。',
    '记者从泰山景区获悉，清明假期三天',
    '中国载人航天工程新闻发言人 武平',
    '石佳/中国青年报',
    '2012年6月24日',
    '记者在现场看到施工正在进行当中的各项准备工作已经就绪现场秩序井然有序',
  ])('%s is not', (line) => {
    expect(isBylineLine(line)).toBe(false);
  });
});

describe('line classifiers', () => {
  it.each([
    ['（责任编辑：孙静）', true],
    ['编辑|禤志杰', true],
    ['【编辑：姚昊】', true],
    ['(责编：汤诗瑶、丁涛)', true],
    ['【纠错】 责任编辑： 尹世杰', true],
    ['编辑部的故事一直在继续，这是一部很长的电视剧，讲述了许多编辑的工作。', false],
  ])('isEditorLine(%s) → %s', (line, expected) => {
    expect(isEditorLine(line)).toBe(expected);
  });

  it.each([
    ['来源：无锡交警', '无锡交警'],
    ['（资料来源：参考消息、海外网等）', '参考消息、海外网等'],
    ['来源|广州参考、广州南沙发布、羊城晚报', '广州参考、广州南沙发布、羊城晚报'],
    ['据来源方透露，项目将于明年开工。', undefined],
  ])('sourceOfLine(%s) → %s', (line, expected) => {
    expect(sourceOfLine(line)).toBe(expected);
  });

  it.each([
    ['（原标题：多地项目连环爆雷 狂奔的龙湖集团“暗伤”曝露？）', true],
    ['原标题：江门七旬阿婆接来电称其涉黑被骗上百万！', true],
    ['本文原标题：《定了！广州南沙邮轮母港即将开通！》', true],
    ['（原题为《是“收割韭菜”还是“回归理性”》）', true],
    ['标题党不可取，读者需要真实的信息。', false],
  ])('isOriginalTitleLine(%s) → %s', (line, expected) => {
    expect(isOriginalTitleLine(line)).toBe(expected);
  });

  it.each([
    ['声明：证券时报力求信息真实、准确，文章提及内容仅供参考。', true],
    ['(本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP)', true],
    ['【1】【2】【3】【4】', true],
    ['扫描下方二维码解锁更多技能', true],
    ['相关资讯请关注:逆水寒专区', true],
    ['图片来自网络，如有侵权，请联系删除。', true],
    ['据了解，宁阳县今年小麦播种面积63.5万亩。', false],
    ['展开全文', true],
  ])('isEndMatter(%s) → %s', (line, expected) => {
    expect(isEndMatter(line)).toBe(expected);
  });

  it.each([
    ['“救命啊SOS”纸团。沙坪坝区公安分局供图', true],
    ['姚明场边支招周琦。视频截图', true],
    ['共享充电宝。视觉中国 资料', true],
    ['▲图片来自视频截图。', true],
    ['2012年6月24日', false],
  ])('isCaptionCredit(%s) → %s', (line, expected) => {
    expect(isCaptionCredit(line)).toBe(expected);
  });

  it.each([
    ['新京报讯（记者 陆一夫）11月25日，新京报记者登录拼多多全球购页面发现', '记者 陆一夫'],
    ['长江网10月4日讯（记者陈智 整合） 国庆中秋长假过半', '记者陈智 整合'],
    ['新华社巴黎12月9日电（记者唐霁）法国9日再次爆发全国跨行业大罢工', '记者唐霁'],
    ['会议指出（详见附件），要加强领导。记者从会上获悉', undefined],
  ])('findInlineByline(%s) → %s', (paragraph, expected) => {
    expect(findInlineByline(paragraph)).toBe(expected);
  });

  it.each([
    ['延伸 · 推荐 女警一天打100电话被停机', true],
    ['相关阅读：', true],
    ['评论员文章：坚定信心', false],
  ])('startsWithFurnitureMarker(%s) → %s', (text, expected) => {
    expect(startsWithFurnitureMarker(text)).toBe(expected);
  });

  it.each([
    ['划重点：', true],
    ['图集', true],
    ['【编前语】2020年1月1日出版的《求是》杂志', false],
  ])('LEAD_LABEL matches %s → %s', (text, expected) => {
    expect(LEAD_LABEL.test(text)).toBe(expected);
  });
});

describe('isFurnitureHeading', () => {
  it.each(['网友留言（7）', '评论(12)', '相关阅读', '发表评论', '精彩评论'])('%s heads furniture', (line) => {
    expect(isFurnitureHeading(line)).toBe(true);
  });
  it.each(['评论', '评论员文章', '相关阅读：泰山皮影戏', '网友留言称小区路灯不亮'])('%s does not', (line) => {
    expect(isFurnitureHeading(line)).toBe(false);
  });
});

describe('isSummaryBox', () => {
  it.each(['内容摘要：泰安出台20条措施。', '【导读】今年以来……', '核心提示：全市新增学位1.2万个。'])('%s is a summary', (text) => {
    expect(isSummaryBox(text)).toBe(true);
  });
  it.each(['提要求、定目标，会议部署下半年工作。', '导读员王丽在图书馆为读者服务。'])('%s is text', (text) => {
    expect(isSummaryBox(text)).toBe(false);
  });
});

describe('readReprintCard', () => {
  it.each([
    ['以下文章来源于泰安日报 ，作者刘强', { source: '泰安日报', author: '刘强' }],
    ['文章转载自新泰发布，作者：孟楠', { source: '新泰发布', author: '孟楠' }],
    ['以下文章来源于泰安日报', undefined],
    ['来源：泰安日报', undefined],
  ])('%s → %j', (line, expected) => {
    expect(readReprintCard(line)).toEqual(expected);
  });
});
