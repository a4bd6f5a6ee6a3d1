import { describe, expect, it } from 'vitest';
import { channelPicks, editorsPicks, hotScores, topByScore, type HourlyCounts } from '../../../../src/workers/publish/lists/rank-lists.js';

const NOW_HOUR = 480_000;

function counts(entries: [hoursAgo: number, articles: Record<string, number>][]): HourlyCounts {
  return new Map(entries.map(([ago, articles]) => [NOW_HOUR - ago, new Map(Object.entries(articles))]));
}

describe('hotScores', () => {
  it('adds each hour’s readers, halving them every half-life of age', () => {
    const scores = hotScores(
      counts([
        [0, { a: 10 }],
        [6, { a: 8, b: 4 }],
        [12, { b: 20 }],
      ]),
      NOW_HOUR,
      24,
      6,
    );
    expect(scores.get('a')).toBeCloseTo(10 + 4);
    expect(scores.get('b')).toBeCloseTo(2 + 5);
  });

  it('ranks what is read now above what was read as much a day ago', () => {
    const ranked = topByScore(
      hotScores(
        counts([
          [0, { now: 30 }],
          [20, { yesterday: 40 }],
        ]),
        NOW_HOUR,
        24,
        6,
      ),
      10,
    );
    expect(ranked.map(([id]) => id)).toEqual(['now', 'yesterday']);
  });

  it('leaves out hours outside the window and hours still to come', () => {
    const scores = hotScores(
      counts([
        [24, { old: 100 }],
        [-1, { future: 100 }],
        [23, { edge: 1 }],
      ]),
      NOW_HOUR,
      24,
      6,
    );
    expect([...scores.keys()]).toEqual(['edge']);
  });
});

describe('topByScore', () => {
  it('returns the best first, ties in id order, cut at the limit', () => {
    expect(
      topByScore(
        new Map([
          ['c', 1],
          ['b', 2],
          ['a', 2],
          ['d', 0.5],
        ]),
        3,
      ),
    ).toEqual([
      ['a', 2],
      ['b', 2],
      ['c', 1],
    ]);
  });
});

describe('channelPicks', () => {
  it('takes the sister channels in turn, so one busy county does not fill the list', () => {
    const candidates = [
      ...Array.from({ length: 6 }, (_, i) => ({ id: `x${i}`, channelId: 'xintai', hot: 100 - i, ageHours: 1 })),
      { id: 'f0', channelId: 'feicheng', hot: 3, ageHours: 2 },
      { id: 'n0', channelId: 'ningyang', hot: 1, ageHours: 5 },
    ];
    const picked = channelPicks(candidates, 4).map(([id]) => id);
    expect(picked).toEqual(['x0', 'f0', 'n0', 'x1']);
  });

  it('prefers a fresh article to an equally read old one', () => {
    const picked = channelPicks(
      [
        { id: 'old', channelId: 'xintai', hot: 10, ageHours: 96 },
        { id: 'fresh', channelId: 'xintai', hot: 10, ageHours: 1 },
      ],
      2,
    );
    expect(picked.map(([id]) => id)).toEqual(['fresh', 'old']);
  });

  it('never lists one article twice, even when it is in two sister channels', () => {
    const picked = channelPicks(
      [
        { id: 'both', channelId: 'xintai', hot: 10, ageHours: 1 },
        { id: 'both', channelId: 'feicheng', hot: 10, ageHours: 1 },
        { id: 'other', channelId: 'feicheng', hot: 1, ageHours: 1 },
      ],
      5,
    );
    expect(picked.map(([id]) => id)).toEqual(['both', 'other']);
  });
});

describe('editorsPicks', () => {
  it('puts the pins first in their order, then hot without the pinned ones', () => {
    const hot: [string, number][] = [
      ['h1', 9],
      ['p2', 8],
      ['h2', 7],
    ];
    expect(editorsPicks(['p1', 'p2'], hot, 3).map(([id]) => id)).toEqual(['p1', 'p2', 'h1']);
    expect(editorsPicks([], hot, 10)).toEqual(hot);
  });
});
