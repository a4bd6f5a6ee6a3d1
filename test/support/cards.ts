import type { ArticleCard } from '../../src/domain/article-card.js';

/** Returns an article card with the given terms (term → count); the rest is filled in plainly. */
export function cardWith(
  id: string,
  terms: Record<string, number>,
  fields: Partial<Omit<ArticleCard, 'id' | 'keywords'>> = {},
): ArticleCard {
  return {
    id,
    title: id,
    url: `https://news.example.cn/${id}.html`,
    publishedAt: '2024-05-01T08:00:00+08:00',
    channels: ['taian'],
    sourceId: 's',
    contentHash: `hash-${id}`,
    places: [],
    ...fields,
    keywords: Object.entries(terms).map(([term, count]) => ({ term, count })),
  };
}
