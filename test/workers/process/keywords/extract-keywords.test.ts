import { describe, expect, it } from 'vitest';
import { extractKeywords, MAX_KEYWORDS } from '../../../../src/workers/process/keywords/extract-keywords.js';
import { exampleSegmenter } from '../../../support/example-config.js';

describe('extractKeywords with jieba and the city’s places', () => {
  const segment = exampleSegmenter();

  it('keeps a town as one word and counts the title three times', () => {
    const keywords = extractKeywords('新泰市楼德镇：小煎饼做成大产业', '走进楼德镇的煎饼加工园区，机器轰鸣。楼德煎饼远销全国。', segment);
    expect(keywords[0]).toEqual({ term: '煎饼', count: 5 });
    expect(keywords.map((keyword) => keyword.term)).toEqual(expect.arrayContaining(['楼德镇', '产业', '加工']));
  });

  it('drops single characters, bare numbers, punctuation and stopwords', () => {
    const terms = extractKeywords('记者从泰安获悉', '近日，记者了解到，2024年全市开展了3次活动。', segment).map((keyword) => keyword.term);
    for (const dropped of ['记者', '近日', '获悉', '了解', '开展', '活动', '2024', '3', '，', '年']) expect(terms).not.toContain(dropped);
  });

  it(`keeps at most ${MAX_KEYWORDS} terms, most frequent first`, () => {
    const words =
      '供水 管网 检修 水厂 水质 水压 阀门 管道 泵站 水表 用户 居民 社区 街道 抢修 停水 通水 水源 水库 净化 消毒 检测 化验 设备 电力 线路 排水 雨水 污水 管理 服务 热线 投诉 回访 计划 方案 资金 项目 工程 施工 监理 验收 维护 巡查 隐患'.split(
        ' ',
      );
    const text = words.map((word, i) => `${word}。`.repeat(1 + (i % 3))).join('');
    const keywords = extractKeywords('集中供水管网检修', text, segment);
    expect(keywords.length).toBe(MAX_KEYWORDS);
    expect(keywords.map((keyword) => keyword.count)).toEqual([...keywords.map((keyword) => keyword.count)].sort((a, b) => b - a));
  });
});
