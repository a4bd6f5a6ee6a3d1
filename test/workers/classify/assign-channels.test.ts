import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load-config.js';
import type { ChannelPlacement } from '../../../src/domain/channel.js';
import { decodeBody } from '../../../src/producers/fetch/decode-body.js';
import { extractArticle } from '../../../src/producers/pages/extract-article.js';
import { assignChannels, type ClassifyInput } from '../../../src/workers/classify/assign-channels.js';
import { normalizeItem } from '../../../src/workers/normalize/normalize-item.js';
import { EXAMPLES, ROOT } from '../../support/paths.js';

const CONFIG_PATH = path.join(ROOT, 'syndicator.example.yaml');
const config = parseConfig(readFileSync(CONFIG_PATH, 'utf8'), CONFIG_PATH, { port: 8080 });
const CITY = config.city.name;

function input(fields: Partial<ClassifyInput>): ClassifyInput {
  return { title: '', contentText: '', placeHints: [], sourceChannels: [], ...fields };
}

function place(fields: Partial<ClassifyInput>): ChannelPlacement[] {
  return assignChannels(input(fields), config.channels, CITY);
}

/** Checks that each piece of evidence names something that is really where it says. */
function expectTruthfulEvidence(placements: ChannelPlacement[], fields: ClassifyInput): void {
  const weight = { title: 3, lead: 2, body: 1, hint: 3, source: 5 } as const;
  for (const placement of placements) {
    expect(placement.evidence.length).toBeGreaterThan(0);
    const channel = config.channels.find((c) => c.id === placement.id)!;
    for (const { name, where } of placement.evidence) {
      expect(name).not.toBe('');
      if (where === 'title') expect(fields.title).toContain(name);
      if (where === 'lead') expect(fields.contentText.slice(0, 200)).toContain(name);
      if (where === 'body') expect(fields.contentText.slice(200)).toContain(name);
      if (where === 'hint') expect(fields.placeHints).toContain(name);
      if (where === 'source') {
        expect(fields.sourceChannels).toContain(channel.id);
        expect(name).toBe(channel.name);
      }
      if (where !== 'source' && where !== 'hint' && name !== CITY) expect(channel.places).toContain(name);
    }
    expect(placement.score).toBe(placement.evidence.reduce((sum, e) => sum + weight[e.where], 0));
  }
}

it('reads the five region channels from the example config', () => {
  expect(config.channels.map((c) => c.id)).toEqual(['taian', 'xintai', 'feicheng', 'ningyang', 'dongping']);
  expect(CITY).toBe('泰安市');
});

describe('assignChannels on headlines', () => {
  it.each([
    ['新泰市羊流镇 开展春季义务植树活动', ['xintai'], ['新泰市', '羊流镇']],
    ['肥城市桃园镇：桃花盛开引客来 “赏花经济”热起来', ['feicheng'], ['肥城市', '桃园镇']],
    ['宁阳县磁窑镇：陶瓷产业园新上项目8个', ['ningyang'], ['宁阳县', '磁窑镇']],
    ['东平县州城街道 启动古城墙遗址保护工程', ['dongping'], ['东平县', '州城街道']],
    ['岱岳区满庄镇：大棚里的“春耕图”', ['taian'], ['岱岳区', '满庄镇']],
    ['泰安市春季重点项目集中开工 126个项目总投资385亿元', ['taian'], ['泰安市']],
    ['羊流镇：雁翎关村荒山披新绿', ['xintai'], ['羊流镇']],
    ['济南:“码上商量”与百姓贴得更近', [], []],
    ['潍坊:国际风筝会吸引八方来客', [], []],
  ])('%s → %j', (title, ids, names) => {
    const fields = input({ title });
    const placements = place(fields);
    expect(placements.map((p) => p.id)).toEqual(ids);
    expect(placements.flatMap((p) => p.evidence.filter((e) => e.where === 'title').map((e) => e.name))).toEqual(names);
    expectTruthfulEvidence(placements, fields);
  });
});

describe('assignChannels on text, hints and source', () => {
  it.each([
    ['a place once in the lead', { contentText: '3月19日，走进满庄镇北留村的设施蔬菜种植基地。' }, ['taian']],
    ['a place once in the body only (below the threshold)', { contentText: `${'文'.repeat(250)}满庄镇` }, []],
    ['two places in the body', { contentText: `${'文'.repeat(250)}满庄镇和范镇` }, ['taian']],
    ['the city name in the lead', { contentText: '3月13日，泰安市2024年春季重点项目集中开工。' }, ['taian']],
    ['the city name only in the body', { contentText: `${'文'.repeat(250)}泰安市` }, []],
    ['a breadcrumb naming 肥城新闻', { title: '桃花节开幕', placeHints: ['地方网', '山东', '泰安市', '肥城新闻'] }, ['feicheng']],
    ['a breadcrumb naming a place', { title: '桃花节开幕', placeHints: ['桃园镇'] }, ['feicheng']],
    ['the source configured for a channel', { title: '桃花节开幕', sourceChannels: ['dongping'] }, ['dongping']],
    ['a story naming no Tai\'an place', { title: '青岛港一季度集装箱吞吐量稳步增长', contentText: '青岛港一季度完成集装箱吞吐量。' }, []],
  ])('%s', (_, fields, ids) => {
    const full = input(fields);
    const placements = place(full);
    expect(placements.map((p) => p.id)).toEqual(ids);
    expectTruthfulEvidence(placements, full);
  });

  it('records each kind of evidence with its place', () => {
    const placements = place({
      title: '肥城市桃园镇：桃花盛开引客来',
      contentText: `3月24日，桃园镇分会场活动开幕。${'文'.repeat(200)}王庄镇也有桃花。`,
      placeHints: ['肥城新闻'],
      sourceChannels: ['feicheng'],
    });
    expect(placements).toEqual([
      {
        id: 'feicheng',
        score: 3 + 3 + 2 + 1 + 3 + 5,
        evidence: [
          { name: '肥城市', where: 'title' },
          { name: '桃园镇', where: 'title' },
          { name: '桃园镇', where: 'lead' },
          { name: '王庄镇', where: 'body' },
          { name: '肥城新闻', where: 'hint' },
          { name: '肥城新闻', where: 'source' },
        ],
      },
    ]);
  });

  it('does not place a county story in the city-wide channel because its lead names the city', () => {
    const placements = place({
      title: '肥城市石横镇：“企业服务专员”上门解难题',
      contentText: '3月20日，泰安市肥城市石横镇一家特钢配套企业负责人说，用电增容的事儿一周就解决了。',
    });
    expect(placements.map((p) => p.id)).toEqual(['feicheng']);
  });
});

describe('assignChannels on the example pages', () => {
  it.each([
    ['feicheng-kexie-20170705.html', ['taian', 'feicheng']],
    ['feicheng-taoyuan-taohua.html', ['feicheng']],
    ['dongping-laohu-yujiale.html', ['dongping']],
    ['ningyang-fushan-maitian-chunguan.html', ['ningyang']],
    ['taishan-caiyuan-shenghuoquan.html', ['taian']],
    ['xintai-qingyun-laojiu-xiaoqu.html', ['xintai']],
  ])('%s → %j', (page, ids) => {
    const file = path.join(EXAMPLES, 'pages', page);
    const raw = extractArticle(decodeBody(readFileSync(file)), `file://${file}`);
    const article = normalizeItem(raw, { id: 'page', name: 'page', channels: [] }, '2024-06-01T00:00:00Z');
    const fields = input({ title: article.title, contentText: article.contentText, placeHints: raw.placeHints });
    const placements = place(fields);
    expect(placements.map((p) => p.id)).toEqual(ids);
    expectTruthfulEvidence(placements, fields);
  });

  it('places the kexie page in feicheng by its breadcrumb and in taian by the city name in its title', () => {
    const file = path.join(EXAMPLES, 'pages', 'feicheng-kexie-20170705.html');
    const raw = extractArticle(readFileSync(file, 'utf8'), `file://${file}`);
    const article = normalizeItem(raw, { id: 'page', name: 'page', channels: [] }, '2024-06-01T00:00:00Z');
    const placements = place({ title: article.title, contentText: article.contentText, placeHints: raw.placeHints });
    expect(placements.find((p) => p.id === 'feicheng')?.evidence).toContainEqual({ name: '肥城新闻', where: 'hint' });
    expect(placements.find((p) => p.id === 'taian')?.evidence).toContainEqual({ name: '泰安市', where: 'title' });
  });
});
