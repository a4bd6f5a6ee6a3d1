import type { ArticleInput } from '../../src/producers/push/article-input.js';
import { articleIdFor } from '../../src/workers/process/dedupe/fingerprint.js';
import { variedItems } from './synthetic-items.js';

/** One line of an import file, with the story it tells (the truth the store is judged against). */
export interface StoryCopy {
  story: number;
  input: ArticleInput & { sourceId: string; publishedAt: string };
}

/** An item as the store records it: by source and URL, never by a generated id. */
export const copyKey = (sourceId: string, url: string): string => `${sourceId} ${url}`;

const HOUR = 3600_000;

/** ISO time in China time, `hours` after (or before) an ISO time. */
function shifted(iso: string, hours: number): string {
  return new Date(Date.parse(iso) + hours * HOUR + 8 * HOUR).toISOString().replace('Z', '+08:00').replace('.000', '');
}

/** Replaces every 40th Han character with 某: an edited copy, same story, same figures and places. */
function edited(html: string): string {
  let han = 0;
  return html.replace(/[\u4e00-\u9fff]/g, (char) => (++han % 40 === 0 ? '某' : char));
}

/** The first 80% of an HTML text, cut outside a tag: a truncated copy. */
function truncated(html: string): string {
  return html.slice(0, Math.round(html.length * 0.8)).replace(/<[^>]*$/, '');
}

/**
 * Returns `stories` distinct stories, each as its original and the copies other sites ran: an
 * exact repost at the same minute (a tie), an exact repost later, one with a sentence added, a
 * truncated one, an edited one (for every third story published an hour before the original,
 * so that it is the first-published copy), and for every other story the original's own URL
 * again from an aggregator, later. All copies have URLs of their own except the aggregator's.
 */
export function storyCopies(stories: number): StoryCopy[] {
  const originals = variedItems(stories * 2)
    .filter((_, i) => i % 10 !== 9)
    .slice(0, stories);
  return originals.flatMap(({ item }, story) => {
    const html = item.html ?? '';
    const published = `${item.published!.replace(' ', 'T')}:00+08:00`;
    const copy = (sourceId: string, url: string, contentHtml: string, hours: number, title = item.title!): StoryCopy => ({
      story,
      input: {
        url,
        title,
        contentHtml,
        publishedAt: shifted(published, hours),
        sourceId,
        guid: url,
        authors: [],
        images: [],
        categories: [],
      },
    });
    const mirror = (site: string) => `https://${site}.example.cn/a/${story}.html`;
    return [
      copy('origin', item.url!, html, 0),
      copy('mirror-a', mirror('mirror-a'), html, 0),
      copy('mirror-b', mirror('mirror-b'), html, 2),
      copy('mirror-c', mirror('mirror-c'), `${html}<p>（本文转载自地方网，转载请注明出处）</p>`, 1),
      copy('mirror-d', mirror('mirror-d'), truncated(html), 0.5),
      copy('mirror-e', mirror('mirror-e'), edited(html), story % 3 === 0 ? -1 : 3, `转载：${item.title!}`),
      ...(story % 2 === 0 ? [copy('aggregator', item.url!, html, 5)] : []),
    ];
  });
}

/** What one store holds, by source and URL: each canonical article with the copies recorded on it. */
export type StoreSnapshot = Map<string, string[]>;

/**
 * The store the rule gives: per story, the copy published first (ties: the smallest article id,
 * then the smallest item) is the article, and every other copy is recorded on it.
 */
export function expectedSnapshot(copies: readonly StoryCopy[]): StoreSnapshot {
  const byStory = new Map<number, StoryCopy[]>();
  for (const copy of copies) byStory.set(copy.story, [...(byStory.get(copy.story) ?? []), copy]);
  const snapshot: StoreSnapshot = new Map();
  for (const members of byStory.values()) {
    const rank = (c: StoryCopy) =>
      [Date.parse(c.input.publishedAt), articleIdFor(c.input.url), copyKey(c.input.sourceId, c.input.url)] as const;
    const [first, ...rest] = [...members].sort((a, b) => compareTuples(rank(a), rank(b)));
    snapshot.set(copyKey(first!.input.sourceId, first!.input.url), rest.map((c) => copyKey(c.input.sourceId, c.input.url)).sort());
  }
  return snapshot;
}

function compareTuples(a: readonly (number | string)[], b: readonly (number | string)[]): number {
  for (const [i, x] of a.entries()) {
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
