import { createHash, timingSafeEqual } from 'node:crypto';

/** A partner site: it pushes articles and pulls feeds with its API key, within its rate. */
export interface Partner {
  id: string;
  name: string;
  key: string;
  push: boolean;
  channels: string[];
  rate: { max: number; perMs: number };
}

/**
 * Returns the partner whose key this is, or undefined. Keys are compared as SHA-256 digests in
 * constant time, so response timing says nothing about a key.
 */
export function findPartnerByKey(key: string, partners: readonly Partner[]): Partner | undefined {
  const digest = sha256(key);
  return partners.find((candidate) => timingSafeEqual(sha256(candidate.key), digest));
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
