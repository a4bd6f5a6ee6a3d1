import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { fieldsOfSource, formatDuration, parseSourceInput } from '../../src/config/source-input.js';

const CHANNELS = new Set(['taian', 'xintai']);
const BASE = '/etc/syndicator';
const parse = (input: unknown) => parseSourceInput(input, CHANNELS, BASE);

/** The message the config file gets for the same entry, without its file, line and `sources.0.` (the YAML's own errors). */
function yamlMessages(entry: string): string[] {
  const yaml = `city: { name: 泰安市, code: "3709" }\nchannels: [{ id: taian, name: 泰安新闻 }, { id: xintai, name: 新泰新闻 }]\nsources:\n  - ${entry}\n`;
  try {
    parseConfig(yaml, '/etc/syndicator/syndicator.yaml', { port: 0 });
  } catch (error) {
    return (error as Error).message
      .split(/\n|; /)
      .map((line) => /sources\.0\.?(.*)$/.exec(line)?.[1]?.replace(/^: /, 'source: '))
      .filter((line): line is string => line !== undefined);
  }
  throw new Error('the YAML was accepted');
}

describe('parseSourceInput: one source, checked by the config file’s schema', () => {
  it('takes fullText on a feed and maxPages on a list, and says which kind each belongs to', () => {
    const feed = parse({ id: 'a', name: 'A', kind: 'feed', url: 'https://a.example/rss', fullText: true });
    expect(feed.ok && feed.source.fullText).toBe(true);
    const list = parse({ id: 'b', name: 'B', kind: 'list', url: 'https://a.example/list/', maxPages: 5 });
    expect(list.ok && list.source.maxPages).toBe(5);
    expect(list.ok && fieldsOfSource(list.source)).toMatchObject({ maxPages: 5 });
    expect(parse({ id: 'c', name: 'C', kind: 'page', url: 'https://a.example/1.html', fullText: true })).toEqual({
      ok: false,
      problems: ['fullText: only feed sources (RSS, Atom, JSON Feed) take fullText, not a page source'],
    });
  });

  it('returns the source with its URL resolved and its interval in ms', () => {
    expect(
      parse({
        id: 'taian-atom',
        name: '泰安 Atom',
        kind: 'feed',
        url: 'https://news.example.cn/taian.atom',
        interval: '5m',
        channels: ['taian'],
      }),
    ).toEqual({
      ok: true,
      source: {
        id: 'taian-atom',
        name: '泰安 Atom',
        kind: 'feed',
        url: 'https://news.example.cn/taian.atom',
        intervalMs: 300_000,
        channels: ['taian'],
        allowOrigins: [],
      },
    });
  });

  it.each([
    ['a wrong kind', { kind: 'rss' }, '{ id: a, name: A, kind: rss, url: "https://a.example/" }'],
    ['a bad interval', { interval: 'often' }, '{ id: a, name: A, kind: feed, url: "https://a.example/", interval: often }'],
    ['an id with capitals', { id: 'A-Feed' }, '{ id: A-Feed, name: A, kind: feed, url: "https://a.example/" }'],
    ['a bad link selector', { linkSelector: 'ul[[' }, '{ id: a, name: A, kind: feed, url: "https://a.example/", linkSelector: "ul[[" }'],
    ['an unknown key', { colour: 'red' }, '{ id: a, name: A, kind: feed, url: "https://a.example/", colour: red }'],
    ['an unknown channel', { channels: ['laiwu'] }, '{ id: a, name: A, kind: feed, url: "https://a.example/", channels: [laiwu] }'],
    ['fullText on a list', { kind: 'list', fullText: true }, '{ id: a, name: A, kind: list, url: "https://a.example/", fullText: true }'],
    ['maxPages on a feed', { maxPages: 3 }, '{ id: a, name: A, kind: feed, url: "https://a.example/", maxPages: 3 }'],
    ['maxPages past 20', { kind: 'list', maxPages: 50 }, '{ id: a, name: A, kind: list, url: "https://a.example/", maxPages: 50 }'],
  ])('refuses %s with the message the config file gets', (_case, change, yamlEntry) => {
    const result = parse({ id: 'a', name: 'A', kind: 'feed', url: 'https://a.example/', ...change });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(yamlMessages(yamlEntry));
  });

  it('names each missing field', () => {
    const result = parse({ id: 'a' });
    expect(result.ok ? [] : result.problems).toEqual([
      'name: Invalid input: expected string, received undefined',
      'kind: Invalid option: expected one of "feed"|"page"|"list"',
      'url: Invalid input: expected string, received undefined',
    ]);
  });
});

describe('fieldsOfSource and formatDuration', () => {
  it.each([
    [30_000, '30s'],
    [600_000, '10m'],
    [7_200_000, '2h'],
    [86_400_000, '1d'],
    [1_500, '1500ms'],
  ])('writes %i ms as %s, which the schema reads back', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    const source = parse({ id: 'a', name: 'A', kind: 'feed', url: 'https://a.example/', interval: text });
    expect(source.ok && source.source.intervalMs).toBe(ms);
  });

  it('gives back the fields a source was made from', () => {
    const fields = {
      id: 'list',
      name: '肥城新闻 列表',
      kind: 'list',
      url: 'https://www.yybnet.net/taian/feicheng/news/',
      interval: '15m',
      encoding: 'gbk',
      channels: ['taian'],
      allowOrigins: ['http://intranet.example:8080'],
      linkSelector: 'ul.news-list a',
      rules: { body: '#content' },
    };
    const result = parse(fields);
    expect(result.ok && fieldsOfSource(result.source)).toEqual(fields);
  });
});
