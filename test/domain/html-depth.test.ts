import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { assertParsableDepth, estimateNestingDepth, nestingDepth } from '../../src/domain/html-depth.js';

describe('estimateNestingDepth', () => {
  it.each([
    ['<div><div class="a"><span>x</span><div>y</div></div></div>', 3],
    ['<p>one<p>two<p>three', 0],
    ['<ul><li>a<li>b</ul><br><img src="x.jpg"><hr/>', 1],
    ['<div><!-- <div><div><div> --></div>', 1],
    ['<script>var s = "<div><div><div>";</script><div></div>', 1],
    ['<b><i></b></i>', 2],
    ['<div>'.repeat(3000), 3000],
  ])('%s → %d', (html, depth) => {
    expect(estimateNestingDepth(html)).toBe(depth);
  });

  it('refuses 75,000 unclosed divs before a parser spends minutes on them', () => {
    expect(() => assertParsableDepth(`<body>${'<div>'.repeat(75_000)}`, 'extract')).toThrow(
      /^extract: the markup nests elements about 75000 deep/,
    );
    expect(() => assertParsableDepth(`<body>${'<div>'.repeat(30)}`, 'extract')).not.toThrow();
  });
});

describe('nestingDepth', () => {
  it('measures a tree deeper than the stack would allow a recursive walk', () => {
    expect(nestingDepth(parseDocument(`${'<span>'.repeat(20_000)}x`).children)).toBe(20_001);
  });
});
