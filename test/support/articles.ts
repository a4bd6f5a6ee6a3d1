import type { Article } from '../../src/domain/article.js';
import { articleIdFor, contentHashOf } from '../../src/workers/process/dedupe/fingerprint.js';

/** Builds a stored-shape article for glue tests; the text decides its content hash. */
export function makeArticle(overrides: Partial<Article> & { url: string; contentText: string }): Article {
  const publishedAt = overrides.publishedAt ?? '2024-03-12T09:15:00+08:00';
  return {
    id: articleIdFor(overrides.url),
    itemKey: `test-source:${overrides.url}`,
    title: '新泰市青云街道12个老旧小区改造项目集中开工',
    summary: overrides.contentText.slice(0, 60),
    contentHtml: `<p>${overrides.contentText}</p>`,
    authors: [{ name: '张伟', role: '记者' }],
    editors: [],
    source: { id: 'test-source', name: '测试来源' },
    originalSource: '新泰新闻网',
    publishedAt,
    updatedAt: publishedAt,
    firstSeenAt: publishedAt,
    timeFlags: [],
    language: 'zh-CN',
    images: [],
    channels: [{ id: 'xintai', score: 5, evidence: [{ name: '新泰市', where: 'title', weight: 3 }] }],
    contentHash: contentHashOf(overrides.contentText),
    alsoPublishedBy: [],
    ...overrides,
  };
}

/** The n-th of a run of distinct articles (own URL and text, so never copies of each other), in channel xintai unless overridden. */
export function numberedArticle(n: number, overrides: Partial<Article> = {}): Article {
  return makeArticle({
    url: `https://example.cn/numbered/${n}.html`,
    contentText: `第${n}条：新泰市青云街道老旧小区改造项目第${n}期开工，涉及居民楼${n}栋。`,
    ...overrides,
  });
}
