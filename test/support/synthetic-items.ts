import type { ProcessPayload } from '../../src/queues/payloads.js';

const PLACES = ['新泰市羊流镇', '肥城市桃园镇', '宁阳县磁窑镇', '东平县州城街道', '岱岳区满庄镇', '泰山区财源街道', '新泰市青云街道', '肥城市石横镇'];
const TOPICS = ['春季植树', '安全生产', '乡村振兴', '招商引资', '文明创建', '农田水利', '就业招聘', '环境整治'];

/** Deterministic pseudo-random numbers, so every run measures the same items. */
function numberAt(i: number, salt: number): number {
  return ((i * 2654435761 + salt * 40503) >>> 0) % 9000 + 100;
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
