import type { RawItem } from '../../../domain/raw-item.js';
import { sha256 } from '../../../domain/sha256.js';
import { foldForFingerprint } from './fingerprint-text.js';

/** Returns the hex SHA-256 of the text as foldForFingerprint reduces it: equal for copies that differ only in typesetting. */
export function contentHashOf(text: string): string {
  return sha256(foldForFingerprint(text), 'hex');
}

/** Returns an article's stable id: 16 hex digits of the SHA-256 of its canonical URL. */
export function articleIdFor(canonicalUrl: string): string {
  return sha256(canonicalUrl, 'hex').slice(0, 16);
}

/** Returns the identity of an item within its source: the first non-blank of guid, URL and title. */
export function itemKeyOf(sourceId: string, item: Pick<RawItem, 'guid' | 'url' | 'title'>): string {
  const identity = [item.guid, item.url, item.title].map((value) => value?.trim()).find(Boolean);
  return `${sourceId}:${identity ?? ''}`;
}
