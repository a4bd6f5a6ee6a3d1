import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleCard } from '../../src/domain/article-card.js';
import { CardRepository } from '../../src/store/card-repository.js';
import { StoreKeys } from '../../src/store/store-keys.js';
import { connectTestRedis, deletePrefix, uniquePrefix } from '../support/redis.js';

const card = (id: string, terms: string[], publishedAt: string): ArticleCard => ({
  id,
  title: id,
  url: `https://news.example.cn/${id}.html`,
  publishedAt,
  channels: ['xintai'],
  sourceId: 's',
  contentHash: `h-${id}`,
  keywords: terms.map((term) => ({ term, count: 1 })),
  places: [],
});

describe('CardRepository against Redis', () => {
  const prefix = uniquePrefix('cards');
  let redis: Redis;
  let cards: CardRepository;

  beforeAll(() => {
    redis = connectTestRedis();
    cards = new CardRepository(redis, prefix);
  });
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('keeps cards, postings by time, and document frequencies', async () => {
    await cards.write(card('a', ['煎饼', '产业'], '2024-05-01T08:00:00+08:00'));
    await cards.write(card('b', ['煎饼', '就业'], '2024-05-02T08:00:00+08:00'));
    expect((await cards.getMany(['b', 'missing', 'a'])).map((c) => c.id)).toEqual(['b', 'a']);
    expect(await cards.postings(['煎饼', '产业'], 10)).toEqual(
      new Map([
        ['煎饼', ['b', 'a']],
        ['产业', ['a']],
      ]),
    );
    const statistics = await cards.statistics(['煎饼', '就业', '樱桃']);
    expect(statistics.articleCount).toBe(2);
    expect([...statistics.documentFrequency]).toEqual([
      ['煎饼', 2],
      ['就业', 1],
      ['樱桃', 0],
    ]);
  });

  it('moves the index when a card is rewritten, and takes it out when removed', async () => {
    await cards.write(card('a', ['煎饼', '樱桃'], '2024-05-01T08:00:00+08:00'));
    expect((await cards.statistics(['产业', '樱桃'])).documentFrequency).toEqual(
      new Map([
        ['产业', 0],
        ['樱桃', 1],
      ]),
    );
    expect((await cards.statistics([])).articleCount).toBe(2);
    await cards.remove('a');
    expect(await cards.postings(['煎饼', '樱桃'], 10)).toEqual(
      new Map([
        ['煎饼', ['b']],
        ['樱桃', []],
      ]),
    );
    expect((await cards.statistics(['煎饼'])).documentFrequency.get('煎饼')).toBe(1);
    expect((await cards.statistics([])).articleCount).toBe(1);
  });

  it('counts a card written by two writers at once as one article', async () => {
    const before = (await cards.statistics([])).articleCount;
    await Promise.all([
      cards.write(card('c', ['泰山'], '2024-05-03T08:00:00+08:00')),
      cards.write(card('c', ['泰山'], '2024-05-03T08:00:00+08:00')),
    ]);
    expect((await cards.statistics([])).articleCount).toBe(before + 1);
    expect((await cards.statistics(['泰山'])).documentFrequency.get('泰山')).toBe(1);
  });

  it('refuses to write over a stored card that is not one, naming its key, and changes nothing', async () => {
    const key = new StoreKeys(prefix).card('broken');
    await redis.set(key, '{not json');
    const before = (await cards.statistics(['泰山'])).documentFrequency.get('泰山');
    await expect(cards.write(card('broken', ['泰山'], '2024-05-04T08:00:00+08:00'))).rejects.toThrow(
      `card: the stored card at ${key} is not a card`,
    );
    expect(await redis.get(key)).toBe('{not json');
    expect((await cards.statistics(['泰山'])).documentFrequency.get('泰山')).toBe(before);
  });
});
