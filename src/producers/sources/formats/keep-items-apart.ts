import type { RawItem } from '../../../domain/raw-item.js';
import { sha256 } from '../../../domain/sha256.js';

/**
 * Returns the items of one feed with identities that tell its stories apart. A guid is an
 * item's identity only when no other item of the feed has it: when a guid repeats (a CMS
 * that gives every item the channel's id), the item falls back to its link; when the link
 * repeats too (every item linking the home page), it falls back to a hash of its content,
 * and the shared link, which identifies none of the stories, is dropped. Items that are the
 * same in every field stay one item.
 */
export function keepItemsApart(items: RawItem[]): RawItem[] {
  const guids = countOf(items.map((item) => item.guid));
  const urls = countOf(items.map((item) => item.url));
  return items.map((item) => {
    if (item.guid === undefined || guids.get(item.guid) === 1) return item;
    if (item.url !== undefined && urls.get(item.url) === 1) return { ...item, guid: undefined };
    const hashed: RawItem = {
      ...item,
      guid: `sha256:${sha256(JSON.stringify([item.title, item.html, item.text, item.summary, item.published]), 'hex')}`,
    };
    delete hashed.url; // shared, it identifies none of the stories
    return hashed;
  });
}

function countOf(values: (string | undefined)[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
