import type { ProcessPayload } from '../../src/queues/payloads.js';

const PLACES = [
  '新泰市羊流镇',
  '肥城市桃园镇',
  '宁阳县磁窑镇',
  '东平县州城街道',
  '岱岳区满庄镇',
  '泰山区财源街道',
  '新泰市青云街道',
  '肥城市石横镇',
];
const TOPICS = ['春季植树', '安全生产', '乡村振兴', '招商引资', '文明创建', '农田水利', '就业招聘', '环境整治'];

/**
 * The figures of item `i`: deterministic, so every run measures the same items, and different for
 * every item, so that no two items share their figures and with them count as one story.
 */
function numberAt(i: number, salt: number): number {
  return 100 + i * 6 + salt;
}

/** Returns `count` distinct feed items about Tai'an places, shaped as fetch hands them to process. */
export function syntheticItems(count: number, sourceId = 'bench-feed'): ProcessPayload[] {
  return Array.from({ length: count }, (_, i) => {
    const place = PLACES[i % PLACES.length]!;
    const topic = TOPICS[(i >> 3) % TOPICS.length]!;
    const paragraphs = [
      `近日，${place}召开第${i + 1}次${topic}工作推进会，${numberAt(i, 1)}名干部群众参加会议。`,
      `会议指出，今年以来全镇共完成${topic}项目${numberAt(i, 2)}个，投入资金${numberAt(i, 3)}万元，惠及群众${numberAt(i, 4)}户。`,
      `下一步，${place}将聚焦${topic}重点任务，细化措施、压实责任，确保第${numberAt(i, 5)}号方案落地见效。`,
    ];
    return {
      source: { id: sourceId, name: '基准测试源', channels: [] },
      item: {
        guid: `bench-${i}`,
        url: `https://bench.example.cn/news/${i}.html`,
        title: `${place}召开第${i + 1}次${topic}推进会`,
        html: paragraphs.map((p) => `<p>${p}</p>`).join(''),
        published: `2024-03-${String((i % 28) + 1).padStart(2, '0')} 09:${String(i % 60).padStart(2, '0')}`,
        authors: ['记者 张伟'],
        categories: [],
        images: [],
        placeHints: [],
      },
      fetchedAt: '2024-04-01T00:00:00.000Z',
    };
  });
}

const TOWNS = [
  '新泰市羊流镇',
  '新泰市楼德镇',
  '肥城市桃园镇',
  '肥城市石横镇',
  '宁阳县磁窑镇',
  '宁阳县伏山镇',
  '东平县州城街道',
  '东平县老湖镇',
  '岱岳区满庄镇',
  '泰山区财源街道',
];
const COMMON =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严';

/** Deterministic text of common characters and numbers: a story of its own per seed, as varied as a real stream. */
function variedText(seed: number, chars: number): string {
  let state = (seed * 2654435761) >>> 0 || 1;
  let text = '';
  while (text.length < chars) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    text += state % 37 === 0 ? `${state % 997}，` : state % 29 === 0 ? '。' : COMMON.charAt(state % COMMON.length);
  }
  return text;
}

/**
 * Returns `count` feed items as varied as a real stream: distinct stories about Tai'an towns,
 * with every tenth item a repost (another site, a sentence added) of an earlier one.
 */
export function variedItems(count: number, sourceId = 'bench-feed'): ProcessPayload[] {
  return Array.from({ length: count }, (_, i) => {
    const repost = i % 10 === 9;
    const story = repost ? i - 5 : i;
    const place = TOWNS[story % TOWNS.length]!;
    const paragraphs = [
      `近日，${place}${variedText(story, 120)}。`,
      variedText(story + 1_000_000, 150),
      variedText(story + 2_000_000, 120),
    ];
    if (repost) paragraphs.push('（本文转载自地方网，转载请注明出处）');
    return {
      source: { id: repost ? 'bench-mirror' : sourceId, name: repost ? '转载站' : '基准测试源', channels: [] },
      item: {
        guid: `varied-${i}`,
        url: repost ? `https://mirror.example.cn/news/${i}.html` : `https://bench.example.cn/varied/${i}.html`,
        title: `${place}${variedText(story + 3_000_000, 14)}`,
        html: paragraphs.map((p) => `<p>${p}</p>`).join(''),
        published: `2024-03-${String((story % 28) + 1).padStart(2, '0')} ${repost ? '11' : '09'}:${String(story % 60).padStart(2, '0')}`,
        authors: ['记者 张伟'],
        categories: [],
        images: [],
        placeHints: [],
      },
      fetchedAt: '2024-04-01T00:00:00.000Z',
    };
  });
}

/**
 * Copies of the first `count` stories on five other sites, reposted two hours later (whichever
 * order workers see them in, the original must end up canonical): exact, with a sentence added,
 * and truncated to 80%, in turn.
 */
export function repostsOf(originals: readonly ProcessPayload[], count: number): ProcessPayload[] {
  return originals.slice(0, count).map((original, i) => {
    const html = original.item.html ?? '';
    const variants = [
      html,
      `${html}<p>（本文转载自地方网，转载请注明出处）</p>`,
      html.slice(0, Math.round(html.length * 0.8)).replace(/<[^>]*$/, ''),
    ];
    return {
      ...original,
      source: { id: `mirror-${i % 5}`, name: `转载站${i % 5}`, channels: [] },
      item: {
        ...original.item,
        guid: `mirror-${i}`,
        url: `https://mirror${i % 5}.example.cn/a/${i}.html`,
        html: variants[i % 3],
        published: original.item.published?.replace(' 09:', ' 11:'),
      },
    };
  });
}
