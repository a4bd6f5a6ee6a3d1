import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  HELDOUT_TARGETS,
  meetsTarget,
  scorePage,
  splitOf,
  splitOfLabel,
  totalVerdicts,
  type PageLabel,
  type ScoredOutput,
} from '../../scripts/extraction-scoring.js';
import { FIXTURES } from '../support/paths.js';

const LABEL: PageLabel = {
  file: 'tests/example/1.html',
  site: 'example',
  title: '泰安市成功创建 中国科协创新驱动助力工程示范市',
  publish_time: '2017-07-05 10:39:12',
  author: '张三 李四',
  editor: null,
  source: null,
  body_first: '近日，中国科协2017年',
  body_last: '作出积极贡献。',
  body_chars: 40,
  is_article: true,
  notes: '',
};

const GOOD: ScoredOutput = {
  title: '泰安市成功创建中国科协创新驱动助力工程示范市',
  publishedAt: '2017-07-05T10:39:59+08:00',
  authors: [{ name: '李四' }],
  contentText: '近日，中国科协2017年创新驱动助力工程示范市评选揭晓，为建设新泰安作出积极贡献。',
};

describe('scorePage', () => {
  it('passes every field of a matching page (title without spaces, time to the minute, one of the names)', () => {
    const verdict = scorePage(LABEL, GOOD);
    expect(Object.values(verdict).map((field) => field.passed)).toEqual([true, true, true, true]);
  });

  it.each([
    ['title', { title: '泰安市成功创建' }, 'got «泰安市成功创建»'],
    ['time', { publishedAt: '2017-07-05T10:40:00+08:00' }, 'got 2017-07-05 10:40, want 2017-07-05 10:39'],
    ['time', { publishedAt: '2017-07-05T02:39:00Z' }, undefined],
    ['time', { publishedAt: null }, 'got none, want 2017-07-05 10:39'],
    ['author', { authors: [{ name: '王五' }] }, 'got [王五], want 张三 李四'],
    ['body', { contentText: '近日，中国科协2017年' }, 'end missing'],
    ['body', { contentText: `${GOOD.contentText}${'多'.repeat(20)}` }, '61 chars > 1.3×40'],
  ] as const)('%s: %j → %s', (field, change, why) => {
    const verdict = scorePage(LABEL, { ...GOOD, ...change })[field];
    expect(verdict.passed).toBe(why === undefined);
    expect(verdict.why).toBe(why);
  });

  it('compares the day only when the label gives a date only', () => {
    expect(scorePage({ ...LABEL, publish_time: '2017-07-05' }, GOOD).time.passed).toBe(true);
  });

  it('leaves the author out of the totals when the label names none', () => {
    const verdicts = [scorePage({ ...LABEL, author: null }, GOOD), scorePage(LABEL, { ...GOOD, authors: [] })];
    expect(totalVerdicts(verdicts).author).toEqual({ passed: 0, total: 1 });
    expect(totalVerdicts(verdicts).title).toEqual({ passed: 2, total: 2 });
  });
});

describe('meetsTarget', () => {
  it.each([
    ['title', 49, 50, true],
    ['title', 34, 35, false],
    ['author', 16, 20, true],
    ['author', 0, 0, false],
  ] as const)('%s %i/%i → %s', (field, passed, total, met) => {
    expect(meetsTarget(field, { passed, total })).toBe(met);
  });
});

describe('body furniture', () => {
  it('fails a body that holds furniture the label lists', () => {
    const verdict = scorePage({ ...LABEL, body_absent: ['相关新闻', '分享到'] }, { ...GOOD, contentText: `${GOOD.contentText}相关新闻` });
    expect(verdict.body).toEqual({ scored: true, passed: false, why: 'holds «相关新闻»' });
  });
});

describe('splitOf', () => {
  it('holds out about a third of the names, the same way every time', () => {
    const names = Array.from({ length: 300 }, (_, i) => `labelled/page-${i}.html`);
    const heldout = names.filter((name) => splitOf(name) === 'heldout').length;
    expect(heldout).toBeGreaterThan(70);
    expect(heldout).toBeLessThan(130);
    expect(names.map(splitOf)).toEqual(names.map(splitOf));
  });

  it('is the split recorded for every own labelled page', () => {
    const labels = JSON.parse(readFileSync(path.join(FIXTURES, 'pages', 'labels.json'), 'utf8')) as PageLabel[];
    expect(labels.length).toBeGreaterThanOrEqual(60);
    for (const label of labels) expect(label.split, label.file).toBe(splitOfLabel(label));
  });

  it('counts a held-out page as dev once its failure has been read', () => {
    const file = Array.from({ length: 30 }, (_, i) => `labelled/page-${i}.html`).find((name) => splitOf(name) === 'heldout')!;
    expect(splitOfLabel({ file })).toBe('heldout');
    expect(splitOfLabel({ file, heldout_read: '2026-12-06' })).toBe('dev');
  });
});

describe('meetsTarget with the held-out targets', () => {
  it('holds a field to the targets given', () => {
    expect(meetsTarget('body', { passed: 97, total: 100 })).toBe(true);
    expect(meetsTarget('body', { passed: 97, total: 100 }, HELDOUT_TARGETS)).toBe(false);
  });
});
