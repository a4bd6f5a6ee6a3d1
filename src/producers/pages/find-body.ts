import type * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import { squash } from './squash.js';

/** Headings of the blocks that portals put around and inside article bodies. */
export const FURNITURE_MARKERS = [
  '新闻推荐', '相关新闻', '相关阅读', '延伸阅读', '猜你喜欢', '频道推荐', '热点阅读', '热点排行', '热点推荐',
  '图文看点', '乡里乡亲', '分享到', '评论', '网友评论', '上一篇', '下一篇', '扫一扫', '关注我们', '点击排行',
];

/** A byline line: who wrote or photographed the piece (□通讯员 武建堂, （记者 张三 李四）, 文/王五). */
export const BYLINE_LINE =
  /^[\s□■（(【\[]*(?:本报|本台)?(?:记者|通讯员|作者|撰稿|文\s*[/／]|图\s*[/／]|摄影|摄|编辑|责任编辑)/;

/**
 * Returns the element that holds the article text: the one whose paragraphs carry the most
 * text that is not link text. Paragraph-parent scoring is the classic readability heuristic;
 * it keeps teaser lists (mostly links) from winning over the body.
 */
export function findBodyContainer($: cheerio.CheerioAPI): Element | undefined {
  const scores = new Map<Element, number>();
  $('p, br').each((_, node) => {
    const parent = node.parent;
    if (!parent || parent.type !== 'tag') return;
    const ownText = node.name === 'br' ? textOfPrevious(node) : plainTextLength($, node);
    scores.set(parent, (scores.get(parent) ?? 0) + ownText);
  });
  let best: Element | undefined;
  let bestScore = 0;
  for (const [element, score] of scores) {
    if (score > bestScore) {
      best = element;
      bestScore = score;
    }
  }
  return best;
}

/** Text length of an element not counting the text of its links. */
function plainTextLength($: cheerio.CheerioAPI, element: Element): number {
  const all = squash($(element).text()).length;
  const links = squash($(element).find('a').text()).length;
  return Math.max(0, all - links);
}

function textOfPrevious(br: Element): number {
  const prev = br.prev;
  return prev?.type === 'text' ? squash(prev.data).length : 0;
}

/**
 * Removes byline paragraphs at the start and end of the body and returns their text
 * (e.g. `□通讯员 武建堂`, `（责任编辑：孙静）`), to be parsed by normalize.
 */
export function takeBylineParagraphs($: cheerio.CheerioAPI, body: Element): string[] {
  const blocks = $(body).children('p, div').toArray();
  const edges = [...blocks.slice(0, 2), ...blocks.slice(-2)];
  const taken: string[] = [];
  for (const block of new Set(edges)) {
    const text = squash($(block).text());
    if (text.length > 0 && text.length <= 40 && BYLINE_LINE.test(text)) {
      taken.push(text);
      $(block).remove();
    }
  }
  return taken;
}

/** Drops furniture blocks (recommendation lists, share bars, comment boxes) found inside the body. */
export function removeFurniture($: cheerio.CheerioAPI, body: Element): void {
  $(body)
    .find('*')
    .toArray()
    .forEach((element) => {
      if (!element.parent) return;
      const text = squash($(element).text());
      if (isFurnitureHeading(text) || isLinkList($, element, text)) $(element).remove();
    });
}

function isFurnitureHeading(text: string): boolean {
  return FURNITURE_MARKERS.some((marker) => text.startsWith(marker));
}

function isLinkList($: cheerio.CheerioAPI, element: Element, text: string): boolean {
  const links = $(element).find('a');
  if (links.length < 2 || text.length === 0) return false;
  return squash(links.text()).length / text.length > 0.6;
}
