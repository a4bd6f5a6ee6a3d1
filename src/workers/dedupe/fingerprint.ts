import { createHash } from 'node:crypto';
import type { RawItem } from '../../domain/raw-item.js';

/** Characters that differ between copies of one text without changing what it says. */
const IGNORED_FOR_HASH = /[\s\p{P}\p{S}]/gu;

/** Returns the hex SHA-256 of the text with white space, punctuation and symbols removed. */
export function contentHashOf(text: string): string {
  return sha256(text.normalize('NFKC').replace(IGNORED_FOR_HASH, '').toLowerCase());
}

/** Returns an article's stable id: 16 hex digits of the SHA-256 of its canonical URL. */
export function articleIdFor(canonicalUrl: string): string {
  return sha256(canonicalUrl).slice(0, 16);
}

/** Returns the identity of an item within its source: the first non-blank of guid, URL and title. */
export function itemKeyOf(sourceId: string, item: Pick<RawItem, 'guid' | 'url' | 'title'>): string {
  const identity = [item.guid, item.url, item.title].map((value) => value?.trim()).find(Boolean);
  return `${sourceId}:${identity ?? ''}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
