import { describe, expect, it } from 'vitest';
import { cutTrailingBlocks } from '../../../../src/workers/process/dedupe/trailing-blocks.js';

const STORY = [
  '10月12日，宁阳县伏山镇组织林业站、派出所、应急办等部门，对辖区重点林区、坟头地、进山路口开展森林防火专项检查。',
  '检查组重点查看了防火检查站值守、护林员巡山记录、扑火物资储备等情况，此次检查共清理林下可燃物3.6吨，劝返违规进山人员27人。',
].join('\n');

describe('cutTrailingBlocks', () => {
  it.each([
    ['a 相关新闻 list with its heading', ['相关新闻', '· 肥城市桃园镇：2000亩桃花进入盛花期', '· 东平县老湖镇“渔家乐”接待游客1.2万人次']],
    [
      'the headlines of a list whose heading the furniture stripper took',
      ['泰山景区3月25日起实行夏季开放时间', '新泰市青云街道12个老旧小区改造项目开工'],
    ],
    ['推荐阅读 after an editor line', ['责任编辑：李娜 审核：张强', '推荐阅读', '岱岳区夏张镇：小小香椿芽 撬动大产业', '2024-03-11']],
    [
      'a numbered 热门推荐 list under a bracketed credit',
      ['【编辑：孙晓】', '热门推荐', '1.泰城17条公交线路调整 3月18日起实施', '2.新泰市禹村镇：樱桃大棚里的“甜蜜经济”'],
    ],
    ['a 阅读全文 prompt', ['阅读全文>>']],
    ['a follow prompt and an 延伸阅读 list', ['更多新闻请关注泰安头条客户端', '延伸阅读', '· 泰安今年计划改造农村公路600公里']],
    ['source and review lines', ['来源：伏山镇林业站', '审核：刘芳']],
    ['a closing （完）', ['（完）']],
  ])('cuts %s', (_, block) => {
    expect(cutTrailingBlocks([STORY, ...block].join('\n'))).toBe(STORY);
  });

  it('cuts the mark a partner puts where it stopped, and what follows', () => {
    expect(cutTrailingBlocks(`${STORY.slice(0, 80)}…（未完）\n相关新闻\n· 宁阳县磁窑镇召开安全生产工作会议`)).toBe(
      `${STORY.slice(0, 80)}…`,
    );
  });

  it.each([
    ['a story as it is', STORY],
    ['a short last paragraph that ends a sentence', `${STORY}\n镇里表示，将持续开展检查。`],
    ['a long last paragraph without a full stop', `${STORY}\n${'镇里表示将持续开展检查并加强巡查力度'.repeat(3)}`],
    ['a text of short lines only (a list of names)', '王建国\n李红梅\n张振华'],
    ['a block in the middle', `相关新闻\n· 泰山景区推出夜游新项目\n${STORY}`],
  ])('keeps %s', (_, text) => {
    expect(cutTrailingBlocks(text)).toBe(text);
  });
});
